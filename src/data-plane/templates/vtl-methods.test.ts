import { describe, expect, it } from 'vitest';
import { render } from './templates.test-support.js';

// Java's String, List and Map methods as templates call them (java.lang.String, java.util.List/Map javadoc).
describe('String methods', () => {
  it.each([
    ['$s.length()|$s.isEmpty()|$s.empty', '11|false|false'],
    ['$s.substring(6)|$s.substring(0, 5)|$s.charAt(4)', 'World|Hello|o'],
    ['$s.indexOf("o")|$s.indexOf("o", 5)|$s.lastIndexOf("o")|$s.indexOf("z")', '4|7|7|-1'],
    ['$s.contains("lo W")|$s.startsWith("Hell")|$s.startsWith("World", 6)|$s.endsWith("ld")', 'true|true|true|true'],
    ['$s.toLowerCase()|$s.toUpperCase()|$s.concat("!")', 'hello world|HELLO WORLD|Hello World!'],
    ['$s.replace("l", "L")|$s.replace("", "-").length()|$s.replaceFirst("l+", "_")', 'HeLLo WorLd|23|He_o World'],
    ['$s.replaceAll("(\\w+) (\\w+)", "$2 $1")|$s.replaceAll("o", "\\$")', 'World Hello|Hell$ W$rld'],
    ['$s.replaceAll("(?i)h", "j")|$s.replaceAll("\\p{Upper}", "_")|$s.replaceAll("\\Q.\\E", "x")', 'jello World|_ello _orld|Hello World'],
    ['$s.matches("[A-Za-z ]+")|$s.matches("Hello")', 'true|false'],
    ['$s.equals("Hello World")|$s.equalsIgnoreCase("hello world")|$s.compareTo("Hello")|$s.compareTo("J")', 'true|true|6|-2'],
    [
      '$s.split(" ")|$s.split("o").size()|$s.split("")|$s.split("l", 2)',
      '[Hello, World]|3|[H, e, l, l, o,  , W, o, r, l, d]|[He, lo World]',
    ],
    ['$s.trim()|$s.toString()|$s.foo', 'Hello World|Hello World|'],
  ])('%s', (template, expected) => {
    expect(render(`#set($s = "Hello World")${template}`)).toBe(expected);
  });

  it('split as Java splits: trailing empty strings dropped, the string itself when nothing matches', () => {
    expect(
      render(
        '#set($s = "a,b,,c,,")#set($e = "")#set($c = ",")$s.split(",")|$s.split(",").size()|$s.split(";")|$e.split(",").size()|$c.split(",").size()',
      ),
    ).toBe('[a, b, , c]|4|[a,b,,c,,]|1|0');
    expect(render('#set($kv = "k=v")#foreach($p in $kv.split("="))[$p]#end')).toBe('[k][v]');
  });

  it('a method String lacks for these arguments prints nothing', () => {
    expect(render('#set($s = "abc")[$s.substring("1")][$s.size()][$s.get(0)][$s.contains(1)]')).toBe('[][][][]');
  });
});

describe('List methods', () => {
  it.each([
    ['$l.size()|$l.isEmpty()|$l.get(1)|$l[1]|$l[-1]', '3|false|b|b|c'],
    ['$l.contains("b")|$l.contains("z")|$l.indexOf("c")|$l.lastIndexOf("a")', 'true|false|2|0'],
    ['$l.add("d")|$l|$l.size()', 'true|[a, b, c, d]|4'],
    ['$l.add(0, "z")$l|$l.set(0, "y")|$l|$l.remove(0)|$l.remove("b")|$l', '[z, a, b, c]|z|[y, a, b, c]|y|true|[a, c]'],
    ['$l.subList(1, 3)|$l.addAll(["x"])|$l|$l.equals(["a", "b", "c", "x"])', '[b, c]|true|[a, b, c, x]|true'],
    ['$l.clear()$l|$l.isEmpty()', '[]|true'],
  ])('%s', (template, expected) => {
    expect(render(`#set($l = ["a", "b", "c"])${template}`)).toBe(expected);
  });

  it('a JSON array keeps printing as JSON after changes', () => {
    expect(render("#set($l = $input.path('$.l'))$l.add(3)|$l|$l.subList(0, 1)", { body: '{"l": [1, "two"]}' })).toBe(
      'true|[1,"two",3]|[1]',
    );
  });
});

describe('Map methods', () => {
  it.each([
    ['$m.size()|$m.get("a")|$m.a|$m["b"]|$m.get("none")|$m.getOrDefault("none", 0)', '2|1|1|2||0'],
    ['$m.containsKey("a")|$m.containsKey("z")|$m.containsValue(2)', 'true|false|true'],
    ['$m.keySet()|$m.values()|$m.entrySet()', '[a, b]|[1, 2]|[a=1, b=2]'],
    ['$m.put("c", 3)|$m.put("a", 9)|$m', '|1|{a=9, b=2, c=3}'],
    ['$m.remove("a")|$m|$m.isEmpty()', '1|{b=2}|false'],
    ['$m.putAll({"z": 26})$m|#set($m.y = "Y")#set($m["x"] = "X")$m', '{a=1, b=2, z=26}|{a=1, b=2, z=26, y=Y, x=X}'],
    ['#foreach($e in $m.entrySet())$e.getKey()=$e.getValue()#if($foreach.hasNext)&#end#end', 'a=1&b=2'],
  ])('%s', (template, expected) => {
    expect(render(`#set($m = {"a": 1, "b": 2})${template}`)).toBe(expected);
  });
});

describe('numbers and booleans', () => {
  it('convert as Java does', () => {
    expect(
      render('#set($d = 7.9)$d.intValue()|$d.doubleValue()|#set($i = 3)$i.doubleValue()|$i.toString()|#set($b = true)$b.booleanValue()'),
    ).toBe('7|7.9|3.0|3|true');
  });
});
