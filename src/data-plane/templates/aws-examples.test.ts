import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { render } from './templates.test-support.js';

const EXAMPLES = fileURLToPath(new URL('../../../test/fixtures/mapping-templates/', import.meta.url));
const read = (...path: string[]): string => readFileSync(join(EXAMPLES, ...path), 'utf8');

/** The JSON a template renders, read back; a template that renders no JSON fails here with its output. */
function renderedJson(template: string, body: string): unknown {
  const out = render(template, { body });
  try {
    return JSON.parse(out) as unknown;
  } catch {
    throw new Error(`not JSON:\n${out}`);
  }
}

// AWS's model-and-template examples (test/fixtures/mapping-templates/README.md lists the pages): the
// pages show the JSON each template produces, so the rows compare JSON, not whitespace.
describe.each(readdirSync(EXAMPLES).filter((name) => !name.includes('.')))('AWS example "%s"', (example) => {
  const original = read(example, 'original.json');

  if (existsSync(join(EXAMPLES, example, 'input.vtl')))
    it('the input mapping template rebuilds the original data', () => {
      expect(renderedJson(read(example, 'input.vtl'), original)).toEqual(JSON.parse(original));
    });

  it('the output mapping template gives the transformed data the page shows', () => {
    expect(renderedJson(read(example, 'output.vtl'), original)).toEqual(JSON.parse(read(example, 'transformed.json')));
  });
});

const REFERENCE = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html';

describe(`$input and $util examples of ${REFERENCE}`, () => {
  it('$util.parseJson: the errorMessage example, output exactly as documented', () => {
    const template = `#set ($errorMessageObj = $util.parseJson($input.path('$.errorMessage')))
{
   "errorMessageObjKey2ArrVal" : $errorMessageObj.key2.arr[0]
}
`;
    const body = '{"errorMessage":"{\\"key1\\":\\"var1\\",\\"key2\\":{\\"arr\\":[1,2,3]}}"}';
    expect(render(template, { body })).toBe('{\n   "errorMessageObjKey2ArrVal" : 1\n}\n');
  });

  it('"Example Request and Response Using $input": id and count as documented', () => {
    const template = `{
    "id" : "$input.params('id')",
    "count" : "$input.path('$.things').size()",
    "things" : $util.escapeJavaScript($input.json('$.things'))
}`;
    const body = '{\n    "things" : {\n        "1" : {},\n        "2" : {},\n        "3" : {}\n    }\n}';
    const out = render(template, { body, params: { path: { id: 'abc' } } });
    expect(out).toContain('"id" : "abc"');
    expect(out).toContain('"count" : "3"');
    // The page prints the things unescaped, but escapeJavaScript escapes `"` (Commons Lang; AWS's own
    // StepFunctions examples rely on it: `"input": "$util.escapeJavaScript($input.json('$'))"`), so
    // the JSON arrives escaped, compact as $input.json returns it.
    expect(out).toContain('"things" : {\\"1\\":{},\\"2\\":{},\\"3\\":{}}');
  });

  it('"Example JSON Mapping Template Using $input": a query-string name and the whole body', () => {
    const template = '{\n    "name" : "$input.params(\'name\')",\n    "body" : $input.json(\'$\') \n}';
    const out = render(template, { body: '{"a": [1, 2], "b": {"c": "d"}}', params: { querystring: { name: 'me' } } });
    expect(JSON.parse(out)).toEqual({ name: 'me', body: { a: [1, 2], b: { c: 'd' } } });
  });

  it('"Example Mapping Template Using $input": a property of the body by $.mykey', () => {
    const template = '{\n    "name" : "$input.params(\'name\')",\n    "body" : $input.json(\'$.mykey\')  \n}';
    expect(JSON.parse(render(template, { body: '{"mykey": {"x": 1}}', params: { header: { name: 'h' } } }))).toEqual({
      name: 'h',
      body: { x: 1 },
    });
  });

  it('"Parameter Mapping Template Example": every parameter by type and name', () => {
    const template = `#set($allParams = $input.params())
{
  "params" : {
    #foreach($type in $allParams.keySet())
    #set($params = $allParams.get($type))
    "$type" : {
      #foreach($paramName in $params.keySet())
      "$paramName" : "$util.escapeJavaScript($params.get($paramName))"
      #if($foreach.hasNext),#end
      #end
    }
    #if($foreach.hasNext),#end
    #end
  }
}`;
    const params = { path: { petId: '7' }, querystring: { q: 'it\'s "x"', n: '1' }, header: { Accept: 'application/json' } };
    const out = render(template, { params });
    expect(out).toContain(`"q" : "it\\'s \\"x\\""`);
    expect(JSON.parse(out.replaceAll("\\'", "'"))).toEqual({ params });
  });

  it('$util.escapeJavaScript(data).replaceAll("\\\\\'","\'") turns escaped single quotes back, as the page shows', () => {
    expect(render(`"$util.escapeJavaScript($input.body).replaceAll("\\\\'","'")"`, { body: `it's "ok"` })).toBe(`"it's \\"ok\\""`);
  });

  it('"$context Variable Template Example": the variables map to the documented values', () => {
    const context = {
      stage: 'prod',
      requestId: 'abcdefg-000-000-0000-abcdefg',
      apiId: 'abcd1234',
      'identity.sourceIp': '192.0.2.1',
      'identity.userAgent': 'curl/7.84.0',
    };
    const template = `{
    "stage" : "$context.stage",
    "request_id" : "$context.requestId",
    "api_id" : "$context.apiId",
    "source_ip" : "$context.identity.sourceIp",
    "user-agent" : "$context.identity.userAgent",
    "user_arn" : "$context.identity.userArn"
}`;
    expect(JSON.parse(render(template, { context }))).toEqual({
      stage: 'prod',
      request_id: 'abcdefg-000-000-0000-abcdefg',
      api_id: 'abcd1234',
      source_ip: '192.0.2.1',
      'user-agent': 'curl/7.84.0',
      user_arn: '',
    });
  });
});

describe('WebSocket and MOCK examples', () => {
  it('the mock integration of https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html picks its status from a parameter', () => {
    const template = `{
  #if( $input.params('scope') == "internal" )
    "statusCode": 200
  #else
    "statusCode": 500
  #end
}`;
    expect(JSON.parse(render(template, { params: { querystring: { scope: 'internal' } } }))).toEqual({ statusCode: 200 });
    expect(JSON.parse(render(template, { params: { querystring: { scope: 'public' } } }))).toEqual({ statusCode: 500 });
  });

  it('$context.connectionId, routeKey, eventType, requestId and authorizer values (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-mapping-template-reference.html)', () => {
    const context = {
      connectionId: 'L0SM9cOFvHcCIhw=',
      routeKey: 'sendmessage',
      eventType: 'MESSAGE',
      requestId: 'L0SM9FZ6vHcFzGg=',
      'authorizer.principalId': 'user-1',
      // "calling $context.authorizer.numKey returns the "1" string"
      authorizer: { principalId: 'user-1', numKey: '1', boolKey: 'true' },
    };
    const template =
      '{"c":"$context.connectionId","r":"$context.routeKey","e":"$context.eventType","q":"$context.requestId","p":"$context.authorizer.principalId","n":"$context.authorizer.numKey","b":$context.authorizer.boolKey}';
    expect(JSON.parse(render(template, { context }))).toEqual({
      c: 'L0SM9cOFvHcCIhw=',
      r: 'sendmessage',
      e: 'MESSAGE',
      q: 'L0SM9FZ6vHcFzGg=',
      p: 'user-1',
      n: '1',
      b: true,
    });
  });

  it("$stageVariables.name, $stageVariables['name'] and ${stageVariables['name']} (the three forms AWS lists)", () => {
    expect(
      render("$stageVariables.v|$stageVariables['v']|${stageVariables['v']}|$stageVariables.none.", { stageVariables: { v: 'x' } }),
    ).toBe('x|x|x|.');
  });
});
