import { describe, expect, it } from 'vitest';
import { render } from './templates.test-support.js';
import { escapeJavaScript, urlDecode, urlEncode } from './template-util.js';

// $util: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#util-template-reference
describe('$util.escapeJavaScript (Apache Commons Lang StringEscapeUtils.escapeJavaScript)', () => {
  it.each([
    ['plain text', 'plain text'],
    ["it's", "it\\'s"],
    ['say "hi"', 'say \\"hi\\"'],
    ['a\\b', 'a\\\\b'],
    ['</script>', '<\\/script>'],
    ['tab\tnl\ncr\rbs\bff\f', 'tab\\tnl\\ncr\\rbs\\bff\\f'],
    ['\u0001\u001f', '\\u0001\\u001F'],
    ['é€', '\\u00E9\\u20AC'],
    ['😀', '\\uD83D\\uDE00'],
    ['\u007f~', '\u007f~'],
  ])('%j → %j', (input, expected) => {
    expect(escapeJavaScript(input)).toBe(expected);
    expect(render('$util.escapeJavaScript($input.body)', { body: input })).toBe(expected);
  });

  it('takes any value as its text: numbers, maps, JSON', () => {
    expect(render("$util.escapeJavaScript($input.path('$'))", { body: '{"a": "b"}' })).toBe('{a=b}');
    expect(render("$util.escapeJavaScript($input.json('$'))", { body: '{"a": "b"}' })).toBe('{\\"a\\":\\"b\\"}');
    expect(render('$util.escapeJavaScript(12)')).toBe('12');
  });
});

describe('$util.urlEncode / urlDecode (java.net.URLEncoder / URLDecoder, UTF-8)', () => {
  it.each([
    ['abc-_.*AZ09', 'abc-_.*AZ09'],
    ['a b&c=d/e?f', 'a+b%26c%3Dd%2Fe%3Ff'],
    ['~é€', '%7E%C3%A9%E2%82%AC'],
    ['x=a+b', 'x%3Da%2Bb'],
  ])('%j ⇄ %j', (plain, encoded) => {
    expect(urlEncode(plain)).toBe(encoded);
    expect(urlDecode(encoded)).toBe(plain);
    expect(render(`$util.urlDecode($util.urlEncode($input.body))`, { body: plain })).toBe(plain);
  });

  it('decodes + as a space and leaves other characters', () => {
    expect(urlDecode('a+b%20c~*')).toBe('a b c~*');
  });

  it('fails the rendering on a malformed escape, as URLDecoder throws', () => {
    expect(render("$util.urlDecode('100%')")).toBe('Error: $util.urlDecode: "%" is not a valid escape');
    expect(render("$util.urlDecode('%zz')")).toMatch(/^Error: \$util\.urlDecode: "%zz"/);
  });
});

describe('$util.base64Encode / base64Decode', () => {
  it('encodes UTF-8 text and decodes it back', () => {
    expect(render('$util.base64Encode($input.body)', { body: 'hello wörld' })).toBe('aGVsbG8gd8O2cmxk');
    expect(render("$util.base64Decode('aGVsbG8gd8O2cmxk')")).toBe('hello wörld');
    expect(render("$util.base64Decode('aGk')|$util.base64Decode('aGk=')")).toBe('hi|hi');
  });

  it('fails the rendering on text that is not base64', () => {
    expect(render("$util.base64Decode('not base64!')")).toBe('Error: $util.base64Decode: the argument is not base64');
    expect(render("$util.base64Decode('a')")).toBe('Error: $util.base64Decode: the argument is not base64');
  });
});

describe('$util.parseJson', () => {
  it('gives objects the template can read and print', () => {
    expect(render(`#set($o = $util.parseJson('{"a": {"b": [1, 2, {"c": true}]}, "s": "x"}'))$o.a.b[2].c|$o.s|$o.a|$o.a.b.size()`)).toBe(
      'true|x|{b=[1,2,{"c":true}]}|3',
    );
    expect(render(`#set($l = $util.parseJson('[1, "two"]'))$l|$l[1]|$util.parseJson('"s"')|$util.parseJson('7')`)).toBe(
      '[1,"two"]|two|s|7',
    );
  });

  it('fails the rendering on text that is not JSON', () => {
    expect(render("$util.parseJson('{nope')")).toBe('Error: $util.parseJson: the argument is not JSON');
  });
});
