import { describe, expect, it } from 'vitest';
import { render } from './templates.test-support.js';

/**
 * Outputs recorded against AWS by localstack/localstack, tests/aws/services/apigateway/
 * test_apigateway_common.py::test_input_path_template_formatting (snapshot
 * test_apigateway_common.snapshot.json): a response template reads the `json` member of what an
 * echo backend returns. Portico must print exactly what AWS printed.
 */
const PATH = '#set($result = $input.path("$.json"))$result';
const NESTED = '#set($result = $input.path("$.json"))$result.nested';
const LIST = '#set($result = $input.path("$.json"))$result[0]';
const TO_STRING = '#set($result = $input.path("$.json"))$result.toString()';
const CHECKS =
  '{"body": $result, "nested": $result.nested, "isNull": #if( $result == $null )"true"#else"false"#end, "isEmptyString": #if( $result == "" )"true"#else"false"#end}';
const INVALID_PATH = `#set($result = $input.path("$.nonExisting"))${CHECKS}`;
const NESTED_LIST = `#set($result = $input.path("$.json.listValue"))${CHECKS}`;

describe('$input.path renders as AWS renders it (recorded against AWS)', () => {
  it.each([
    ['dict-response', PATH, { foo: 'bar' }, '{foo=bar}'],
    ['json-list', PATH, [{ foo: 'bar' }], '[{"foo":"bar"}]'],
    ['nested-dict', NESTED, { nested: { foo: 'bar' } }, '{foo=bar}'],
    ['nested-list', NESTED, { nested: [{ foo: 'bar' }] }, '[{"foo":"bar"}]'],
    ['dict-in-list', LIST, [{ foo: 'bar' }], '{foo=bar}'],
    ['list-with-nested-list', LIST, [[{ foo: 'bar' }]], '[{"foo":"bar"}]'],
    ['dict-with-nested-list', PATH, { foo: [{ nested: 'bar' }] }, '{foo=[{"nested":"bar"}]}'],
    ['bigger-dict', PATH, { bigger: 'dict', to: 'test', with: 'separators' }, '{bigger=dict, to=test, with=separators}'],
    ['to-string', TO_STRING, { foo: 'bar' }, '{foo=bar}'],
    ['list-to-string', TO_STRING, { list: [{ foo: 'bar' }] }, '{list=[{"foo":"bar"}]}'],
    ['empty-body', INVALID_PATH, null, '{"body": , "nested": , "isNull": "true", "isEmptyString": "true"}'],
    ['nested-empty-list', NESTED_LIST, { listValue: [] }, '{"body": [], "nested": , "isNull": "false", "isEmptyString": "false"}'],
    ['nested-null-list', NESTED_LIST, { listValue: null }, '{"body": , "nested": , "isNull": "true", "isEmptyString": "true"}'],
  ])('%s', (_, template, json, expected) => {
    expect(render(template, { body: JSON.stringify({ json }) })).toBe(expected);
  });

  it('the Kinesis PutRecords template of test_apigateway_kinesis.py: an undefined $foo.bar.stuff equals \'\', so the else branch runs (AWS: PartitionKey "20")', () => {
    const template = `{
    "StreamName": "stream",
    "Records": [
        #set( $numRecords = $input.path('$.records').size() )
        #if($numRecords > 0)
            #set( $maxIndex = $numRecords - 1 )
            #foreach( $idx in [0..$maxIndex] )
                #set( $elem = $input.path("$.records[\${idx}]") )
                #set( $elemJsonB64 = $util.base64Encode($elem.data) )
                {
                    "Data": "$elemJsonB64",
                    "PartitionKey": #if( $foo.bar.stuff != '')"$elem.partitionKey"#else"$elemJsonB64.length()"#end
                }#if($foreach.hasNext),#end
            #end
        #end
    ]
}`;
    const body = JSON.stringify({ records: [{ data: '{"foo": "bar1"}' }, { data: '{"foo": "bar2"}' }, { data: '{"foo": "bar3"}' }] });
    const out = JSON.parse(render(template, { body })) as { Records: { Data: string; PartitionKey: string }[] };
    expect(out.Records.map((r) => r.PartitionKey)).toEqual(['20', '20', '20']);
    expect(out.Records.map((r) => Buffer.from(r.Data, 'base64').toString())).toEqual([
      '{"foo": "bar1"}',
      '{"foo": "bar2"}',
      '{"foo": "bar3"}',
    ]);
  });
});

// What AWS does where its pages are silent, as observed on AWS by localstack/localstack
// (tests/unit/services/apigateway/test_template_mapping.py, "checked with the AWS console", PR #12774).
describe('$input where the payload is empty or not JSON', () => {
  it.each([
    ['$input.json on a path that finds nothing is ""', "$input.json('$.message')", '{"other": 1}', '""'],
    ['…on a JSON string payload', "$input.json('$.message')", '"#foobar123"', '""'],
    ['…on a payload that is not JSON', "$input.json('$.message')", 'not json', '""'],
    ['…and nothing further down', "$input.json('$.message').testAccess", 'not json', ''],
    ['…escaped', "$util.escapeJavaScript($input.json('$.message'))", 'not json', '\\"\\"'],
    ['$input.body of an empty payload is {}', '$input.body', '', '{}'],
    ['…url-encoded', '$util.urlEncode($input.body)', '', '%7B%7D'],
    ['$input.path of an empty payload is nothing', '$input.path("$.myVar")', '', ''],
    ['…of a payload that is not JSON', '$input.path("$.myVar")', 'not json', ''],
  ])('%s', (_, template, body, expected) => {
    expect(render(template, { body })).toBe(expected);
  });
});

describe("$input.json and $input.path with the JSONPath AWS supports ($, .name, ['name'], [n], [*])", () => {
  const body =
    '{"a": {"b": "text", "n": 1.5, "i": 12, "t": true, "z": null}, "list": [{"id": "x"}, {"id": "y"}], "odd key": "q", "big": 12345678901234567890, "one": 1.0, "e": 2e-5}';
  it.each([
    [
      "$input.json('$')",
      '{"a":{"b":"text","n":1.5,"i":12,"t":true,"z":null},"list":[{"id":"x"},{"id":"y"}],"odd key":"q","big":12345678901234567890,"one":1.0,"e":2.0E-5}',
    ],
    ["$input.json('$.a.b')", '"text"'],
    ["$input.json('$.a.n')|$input.json('$.a.t')|$input.json('$.a.z')", '1.5|true|""'],
    ["$input.json('$.list[1]')", '{"id":"y"}'],
    ["$input.json('$.list[*].id')", '["x","y"]'],
    ["$input.json('$.list.*.id')", '["x","y"]'],
    ["$input.json('$.missing[*]')", '[]'],
    ['$input.json("$[\'odd key\']")', '"q"'],
    [
      "$input.path('$.a.b')|$input.path('$.a.i')|$input.path('$.big')|$input.path('$.one')|$input.path('$.e')",
      'text|12|12345678901234567890|1.0|2.0E-5',
    ],
    ["$input.path('$.list').size()|$input.path('$.list')[0].id|$input.path('$.a').keySet()", '2|x|[b, n, i, t, z]'],
    // Jayway reads a path without "$" from the root (AWS-validated in test_apigateway_basic.py's DynamoDB template).
    ["$input.path('a.b')", 'text'],
    ['#set($i = 1)$input.path("$.list[$i].id")', 'y'],
  ])('%s', (template, expected) => {
    expect(render(template, { body })).toBe(expected);
  });

  it('strings in $input.json are escaped as json-smart escapes them', () => {
    const body = JSON.stringify({ s: 'a"b\\c\n\u0001/é\u2028\u007f' });
    expect(render("$input.json('$.s')", { body })).toBe('"a\\"b\\\\c\\n\\u0001/é\\u2028\\u007F"');
  });

  it('reads the payload leniently, as json-smart does: unquoted keys, single quotes', () => {
    expect(render("$input.json('$')", { body: '{a: \'x\', "b": [1, 2,],}' })).toBe('{"a":"x","b":[1,2]}');
  });
});

describe('$input.params', () => {
  const params = { path: { id: 'p' }, querystring: { id: 'q', q: 'only-q' }, header: { 'X-Id': 'h', Host: 'example.com' } };
  it.each([
    ["$input.params('id')", 'p'],
    ["$input.params('q')", 'only-q'],
    ["$input.params('x-id')|$input.params('X-ID')", 'h|h'],
    ["[$input.params('none')]", '[]'],
    ['$input.params()', '{path={id=p}, querystring={id=q, q=only-q}, header={X-Id=h, Host=example.com}}'],
    ["$input.params().header.get('Host')|$input.params().querystring.size()", 'example.com|2'],
  ])('%s', (template, expected) => {
    expect(render(template, { params })).toBe(expected);
  });

  it('a WebSocket message has no parameters: every lookup is empty', () => {
    expect(render("[$input.params('x')]$input.params()")).toBe('[]{path={}, querystring={}, header={}}');
  });
});
