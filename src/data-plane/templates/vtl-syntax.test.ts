import { describe, expect, it } from 'vitest';
import { render, type TestInputs } from './templates.test-support.js';

type Row = readonly [what: string, template: string, expected: string, inputs?: TestInputs];

// Velocity 1.7 as API Gateway runs it: the VTL reference (https://velocity.apache.org/engine/1.7/vtl-reference.html),
// the user guide's examples, and the grammar (velocity-engine 1.7 src/parser/Parser.jjt) for whitespace.
const table = (rows: readonly Row[]): void => {
  for (const [what, template, expected, given] of rows)
    it(what, () => {
      expect(render(template, given)).toBe(expected);
    });
};

describe('references', () => {
  table([
    [
      'a reference that finds nothing prints nothing (API Gateway, not Velocity, behaviour)',
      '[$nothing][$!nothing][${nothing}][$a.b.size()]',
      '[][][][]',
    ],
    ['plain, quiet and formal forms', '#set($n = "Ann")$n/$!n/${n}/$!{n}s', 'Ann/Ann/Ann/Anns'],
    ['text that only looks like a reference stays text', '$ 5, $1, $., $!, ${ x', '$ 5, $1, $., $!, ${ x'],
    ['a "." not followed by a letter ends the reference', '#set($m = {"b": "c"})$m.b. $m.b.1 $m.b_', 'c. c.1 '],
    ['"-" belongs to a name, as in Velocity 1.7', '#set($a = "x")$a-b|${a}-b', '|x-b'],
    ['escaped references print their source', '#set($a = "v")\\$a \\\\$a \\\\\\$a \\$b', '$a \\v \\$a $b'],
    ['backslashes elsewhere are text', 'a\\b \\\\ c\\', 'a\\b \\\\ c\\'],
    ['an index, a negative index, a map key by index', '#set($l = ["x", "y", "z"])$l[0]$l[-1]#set($m = {"k": "v"})$m["k"]', 'xzv'],
    ['method chains', '#set($s = " Hello ")$s.trim().toLowerCase().length()', '5'],
  ]);
});

describe('directives and whitespace (Velocity 1.7 lexer: #set, a closing ")", #else and #end swallow the newline after them)', () => {
  table([
    ['#set swallows its line', '#set($a = 1)\n$a\n', '1\n'],
    [
      '…and spaces before it when nothing precedes them since the last token',
      '  #set($a = 1)\n#set($b = 2)\n  #set($c = 3)\n$a$b$c',
      '123',
    ],
    ['…but not spaces that belong to text before them', 'x\n  #set($a = 1)\n$a', 'x\n  1'],
    ['a reference ends a token: the spaces after it go with a #set', '#set($a = 1)$a #set($b = 2)$b', '12'],
    ['#if/#else/#end lines disappear; indentation before them stays', '{\n  #if(true)\n  "a": 1\n  #end\n}', '{\n    "a": 1\n  }'],
    ['#elseif chains', '#set($x = 2)#if($x == 1)one#elseif($x == 2)two#elseif($x == 3)three#{else}other#end', 'two'],
    ['braced directives', '#{if}(false)x#{else}y#{end}', 'y'],
    ['a directive spread over lines', '#if(\n  true\n  && 1 == 1\n)yes#end', 'yes'],
    [
      'Velocity\'s own "structured" space-gobbling case, Velocity 1.x output (velocity-engine test resources gobbling/structured.vtl, compare/structured.vtl.BC)',
      '<table>\n  #foreach($a in [1..1])\n    <tr>\n      #foreach($b in [1..1])\n        <td>\n          blabla\n        </td>\n      #end\n    </tr>\n  #end\n</table>\n',
      '<table>\n      <tr>\n              <td>\n          blabla\n        </td>\n          </tr>\n  </table>\n',
    ],
    [
      'Velocity\'s own "set" space-gobbling case, Velocity 1.x output (gobbling/set.vtl, compare/set.vtl.BC)',
      "#set($foo = 'foo')\n #set($foo = 'foo')\n#set($foo = 'foo') postfix\n #set($foo = 'foo') postfix\nprefix #set($foo = 'foo')\nprefix #set($foo = 'foo') postfix\n",
      ' postfix\n  postfix\nprefix prefix  postfix\n',
    ],
    ['## comments end with their newline; #* *# comments anywhere', 'a ## note\nb#* block\n*#c', 'a bc'],
    ['#[[ ]]# is printed as it is', '#[[$notParsed #if(]]#', '$notParsed #if('],
    [
      'a # that starts no directive is text (colours, anchors)',
      '"color": "#ff0000", "#1", #notADirective',
      '"color": "#ff0000", "#1", #notADirective',
    ],
    ['escaped directives', '\\#if($x) \\\\#if(true)y#end', '#if() \\y'],
    ['#stop ends the output', 'a#stop b', 'a'],
  ]);
});

describe('#foreach', () => {
  table([
    ['over a list, with $foreach.hasNext for separators', '[#foreach($i in [1, 2, 3])$i#if($foreach.hasNext),#end#end]', '[1,2,3]'],
    [
      'count, index, first, last, $velocityCount',
      '#foreach($i in ["a", "b"])$foreach.count$foreach.index$foreach.first$foreach.last$velocityCount;#end',
      '10truefalse1;21falsetrue2;',
    ],
    ['nested loops and $foreach.parent', '#foreach($a in [1, 2])#foreach($b in [1, 2])$foreach.parent.count$b #end#end', '11 12 21 22 '],
    ['over a map: its values (Velocity 1.7)', '#foreach($v in {"a": 1, "b": 2})$v#end', '12'],
    ['entrySet, keySet', '#set($m = {"a": 1, "b": 2})#foreach($e in $m.entrySet())$e.key=$e.value;#end$m.keySet()', 'a=1;b=2;[a, b]'],
    ['a range, descending too', '#set($n = 2)#foreach($i in [3..1])$i#end|#foreach($i in [0..$n])$i#end', '321|012'],
    ['the loop variable gets its value back afterwards', '#set($x = "outer")#foreach($x in [1, 2])$x#end$x', '12outer'],
    ['#break leaves the loop', '#foreach($i in [1..5])#if($i == 3)#break#end$i#end.', '12.'],
    ['nothing to iterate: a string, a number, nothing', '#foreach($i in "abc")x#end#foreach($i in 5)x#end#foreach($i in $none)x#end.', '.'],
  ]);
});

describe('literals and operators (Velocity 1.7 AST*Node semantics)', () => {
  table([
    ["single quotes are literal, '' is a quote", "#set($s = 'it''s $n')$s", "it's $n"],
    [
      'double quotes interpolate; "" is a quote, \\u escapes',
      '#set($n = "Ann")#set($s = "say ""hi"" $n\\u0021 #if(true)ok#end")$s',
      'say "hi" Ann! ok',
    ],
    ['other backslashes stay in a string (Java regexes rely on it)', '#set($s = "a\\nb\\\\")$s', 'a\\nb\\\\'],
    [
      'integers divide as integers; a Double anywhere makes a Double',
      '#set($a = 7)#set($r = $a / 2)$r|#set($r = $a % 2)$r|#set($r = $a * 1.5)$r|#set($r = 10 / 4.0)$r|#set($r = -7 / 2)$r',
      '3|1|10.5|2.5|-3',
    ],
    ['+ with a string concatenates', '#set($r = 1 + "x" + 2)$r', '1x2'],
    ['division by zero leaves the target as it was', '#set($r = 5)#set($r = 1 / 0)$r', '5'],
    [
      'no integer overflow: Velocity widens',
      '#set($r = 9007199254740993 + 1)$r|#set($r = 2147483647 + 1)$r',
      '9007199254740994|2147483648',
    ],
    ['doubles print as Java does', '#set($a = 2.50)$a|#set($b = 1e3)$b|#set($c = 0.00001)$c|#set($d = 1e21)$d', '2.5|1000.0|1.0E-5|1.0E21'],
    [
      '== compares numbers by value, other kinds by their text',
      '#if(7 == 7.0)a#end#if(7 == "7")b#end#if("7" == 7)c#end#if(true == "true")d#end#if([1] == [1])e#end',
      'abcde',
    ],
    ['relational operators compare numbers only', '#if(2 < 10)a#end#if("2" < "10")b#end#if(2 >= 2 && 3 > 2 && 1 <= 1)c#end', 'ac'],
    ['word operators', '#if(1 eq 1 and not (2 ne 2) or false)a#end#if(1 lt 2 && 2 gt 1 && 1 le 1 && 1 ge 1)b#end', 'ab'],
    ['precedence', '#set($r = 2 + 3 * 4 - 6 / 2)$r #if(true || false && false)t#end', '11 t'],
    [
      '#if: only null and false are false — an empty string is true',
      '#if("")a#end#if(0)b#end#if([])c#end#if(false)d#end#if($none == "")e#end',
      'abce',
    ],
    [
      'list and map literals print as Java collections',
      '#set($m = {"a": 1, "b": [1, "x"], 3: true})$m [] {}',
      '{a=1, b=[1, x], 3=true} [] {}',
    ],
  ]);
});
