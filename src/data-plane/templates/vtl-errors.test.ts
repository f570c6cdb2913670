import { describe, expect, it } from 'vitest';
import { renderMappingTemplate } from './mapping-template.js';
import { compileError, compiled, inputs, render } from './templates.test-support.js';

describe('what is not supported is a compile error at its line and column', () => {
  it.each([
    ['#if($a)x', 1, 1, '#if is not closed with #end'],
    ['a\n  b\n#end', 3, 1, '#end without a matching #if or #foreach'],
    ['#foreach($x in [1])#else#end', 1, 20, '#else inside #foreach without an #if'],
    ['#if(true)#else#elseif(true)#end', 1, 15, '#elseif after #else'],
    ['#set($a 1)', 1, 9, 'expected "=" in #set'],
    ['#set($a.size() = 1)', 1, 9, 'the left side of #set cannot end with a method call'],
    ['#set(a = 1)', 1, 6, 'the left side of #set must be a reference such as $name'],
    ['#foreach($x of $l)#end', 1, 13, 'expected "in" in #foreach'],
    ['#foreach($x.y in $l)#end', 1, 10, 'the loop variable of #foreach must be a plain $name'],
    ['#if true #end', 1, 1, '#if must be followed by "("'],
    ['#if($a == )#end', 1, 11, 'expected a value'],
    ['#set($a = "open)', 1, 11, 'the string starting here is not closed with "'],
    ['x ${name', 1, 3, '"${name" must be closed with "}"'],
    ['#* open comment', 1, 1, 'the comment starting here is not closed with *#'],
    ['#[[ open block', 1, 1, 'the literal block starting here is not closed with ]]#'],
    ['ok\n#macro(m)x#end', 2, 1, '#macro is not supported in API Gateway mapping templates'],
    ['#include("x")', 1, 1, '#include is not supported'],
    ['#parse("x")', 1, 1, '#parse is not supported'],
    ['#define($x)y#end', 1, 1, '#define is not supported'],
    ['#evaluate("x")', 1, 1, '#evaluate is not supported'],
    ['#@block()x#end', 1, 1, 'block macro calls (#@block) are not supported'],
    ['{"x": $util.toJson($a)}', 1, 13, "$util.toJson is AppSync's, not API Gateway's"],
    ['$util.escapeJavaScript("a", "b")', 1, 7, '$util.escapeJavaScript takes one argument'],
    ['$util', 1, 1, '$util offers escapeJavaScript, parseJson, urlEncode, urlDecode, base64Encode, base64Decode'],
    ['$input.bodyText', 1, 8, '$input offers body, json(x), path(x), params() and params(x)'],
    ['$input', 1, 1, '$input offers body'],
    ['$context', 1, 1, '$context must be followed by a variable name'],
    ['#set($context.requestOverride.header.x = "y")', 1, 6, '$context.requestOverride is a REST API feature'],
    ['$s.getClass().getName()', 1, 4, '.getClass() is not a method mapping templates offer'],
    ["$input.path('$.pets').count()", 1, 23, '.count() is not a method'],
    ["$input.json('$..id')", 1, 13, 'recursive descent (..) is not supported'],
    ["$input.path('$.a[?(@.b)]')", 1, 13, 'filter expressions are not allowed'],
    ["$input.json('$.a.length()')", 1, 13, 'functions such as length() are not supported'],
    ['#set($input = 1)', 1, 6, '$input cannot be assigned'],
    ['#set($foreach = 1)', 1, 6, '$foreach cannot be assigned'],
    [`#set($a = ${'('.repeat(150)}1${')'.repeat(150)})`, 1, 111, 'expressions nest deeper than 100 levels'],
    [`${'#if(true)'.repeat(101)}x${'#end'.repeat(101)}`, 1, 901, '#if and #foreach nest deeper than 100 levels'],
  ])('%j → %i:%i %s', (template, line, column, message) => {
    const error = compileError(template);
    expect(error.error).toContain(message);
    expect([error.line, error.column]).toEqual([line, column]);
  });

  it('points into an interpolated string', () => {
    expect(compileError('line one\n#set($a = "x $util.nope(1)")')).toMatchObject({ line: 2, column: 20 });
  });
});

describe('bounded rendering: loops, output and strings (API Gateway quota: 1,000 #foreach iterations)', () => {
  it('a #foreach visits at most 1,000 items; $foreach.hasNext still says the list goes on', () => {
    const out = render('#foreach($i in [1..1500])#if($foreach.count == 1000)$i:$foreach.hasNext#end#end|$velocityCount');
    expect(out).toBe('1000:true|');
    expect(render('#set($n = 0)#foreach($i in [1..1500])#set($n = $n + 1)#end$n')).toBe('1000');
  });

  it('loops together stay under the total iteration budget', () => {
    const plan = compiled('#foreach($a in [1..10])#foreach($b in [1..10])x#end#end');
    const limits = { maxOutput: 1000, maxLoop: 1000, maxTotalIterations: 50 };
    const out = renderMappingTemplate(plan, inputs(), limits);
    expect(out).toBeInstanceOf(Error);
    expect((out as Error).message).toBe('the template ran more than 50 loop iterations');
  });

  it('output stops at the limit', () => {
    const plan = compiled('#foreach($i in [1..100])0123456789#end');
    const out = renderMappingTemplate(plan, inputs(), { maxOutput: 500, maxLoop: 1000, maxTotalIterations: 1000 });
    expect((out as Error).message).toBe('the output passed 500 characters');
  });

  it('a string doubling itself fails instead of exhausting memory', () => {
    expect(render('#set($s = "ab")#foreach($i in [1..40])#set($s = "$s$s")#end$s.length()')).toMatch(/^Error: .*passed/);
    expect(render('#set($s = "ab")#foreach($i in [1..40])#set($s = $s + $s)#end$s.length()')).toMatch(/^Error: .*passed/);
    expect(render('#set($s = "ab")#foreach($i in [1..40])#set($s = $s.replace("a", $s))#end$s.length()')).toMatch(/^Error: .*passed/);
  });

  it('a range too large to build fails', () => {
    expect(render('#foreach($i in [1..100000000])#end')).toBe('Error: the range [1..100000000] has more than 100000 items');
  });
});

describe('what would throw in Java fails the rendering', () => {
  it.each([
    ['$input.body.substring(5)', 'StringIndexOutOfBoundsException: begin 5, end 2, length 2'],
    ['$input.body.charAt(9)', 'StringIndexOutOfBoundsException: index 9, length 2'],
    ['#set($l = [1])$l.get(3)', 'IndexOutOfBoundsException: Index 3 out of bounds for length 1'],
    ['#set($l = [1])$l[-2]', 'IndexOutOfBoundsException: Index -2 out of bounds for length 1'],
    ['#set($l = [1])#set($l[4] = 2)', 'IndexOutOfBoundsException: Index 4 out of bounds for length 1'],
    ['$input.body.replaceAll("(", "x")', 'regular expression "(" is not valid'],
    ['$input.body.replaceAll("a++", "x")', 'regular expression "a++": possessive quantifiers and atomic groups are not supported'],
    ['$input.body.replaceAll("a", "$2")', 'no group 2 in the replacement "$2"'],
  ])('%s', (template, message) => {
    expect(render(template, { body: 'ab' })).toContain(`Error: ${message}`);
  });
});
