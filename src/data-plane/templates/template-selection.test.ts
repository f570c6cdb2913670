import { describe, expect, it } from 'vitest';
import {
  compileSelectionExpression,
  evaluateSelectionExpression,
  type SelectionExpression,
  type SelectionExpressionUse,
} from './selection-expression.js';
import { chooseRequestTemplate, chooseResponseTemplate, requestTemplateKey, type PassthroughBehavior } from './template-selection.js';

function expression(source: string, use: SelectionExpressionUse = 'request-template'): SelectionExpression {
  const compiled = compileSelectionExpression(source, use);
  if (typeof compiled === 'string') throw new Error(compiled);
  return compiled;
}

// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html
describe('selection expressions', () => {
  const message = '{"action": "send", "meta": {"type": "chat", "n": 2, "tags": ["a"]}, "flag": true}';
  const response = {
    statusCode: 404,
    headers: { 'Content-Type': 'application/json', 'X-Multi': ['one', 'two'] },
    body: '{"errorMessage": "boom"}',
  };
  it.each([
    ['\\$default', 'request-template', '$default'],
    ['$default', 'request-template', '$default'],
    ['static', 'request-template', 'static'],
    ['$request.body.action', 'request-template', 'send'],
    ['${request.body.meta.type}-v1', 'request-template', 'chat-v1'],
    ['$request.body.meta.n|$request.body.meta.tags|$request.body.flag|[$request.body.none]', 'request-template', '2|["a"]|true|[]'],
    ["${request.body['meta'].type}", 'request-template', 'chat'],
    ['${integration.response.statuscode}', 'integration-response', '404'],
    ['$integration.response.statuscode', 'integration-response', '404'],
    ['${response.statuscode}', 'integration-response', '404'],
    ['$integration.response.body.errorMessage', 'integration-response', 'boom'],
    ['${integration.response.header.content-type}|${integration.response.header.X-Multi}', 'response-template', 'application/json|two'],
    ['${integration.response.multivalueheader.X-Multi}', 'response-template', 'one,two'],
    ['${request.body.action}:${integration.response.statuscode}', 'response-template', 'send:404'],
  ] as const)('%s (%s) → %s', (source, use, expected) => {
    expect(evaluateSelectionExpression(expression(source, use), { requestBody: message, integrationResponse: response })).toBe(expected);
  });

  it('a message that is not JSON selects nothing by its body', () => {
    expect(evaluateSelectionExpression(expression('[$request.body.action]'), { requestBody: 'hello' })).toBe('[]');
  });

  it.each([
    ['$request.header.x', 'request-template', '$request.header.x is not a variable a selection expression can use'],
    ['${integration.response.statuscode}', 'request-template', 'cannot be used in a request template selection expression'],
    ['$request.body.action', 'integration-response', 'cannot be used in a integration response selection expression'],
    // The control plane's own tokenizer (model) gives these reasons; the control plane refuses such expressions first.
    ['${request.body.a', 'request-template', '"${" at position 0 has no closing "}"'],
    ['$', 'request-template', 'a "$" is followed by no variable name (write "\\$" for a literal dollar)'],
    ['$request.body..a', 'request-template', 'recursive descent'],
  ] as const)('%s (%s) is refused: %s', (source, use, message) => {
    expect(compileSelectionExpression(source, use)).toContain(message);
  });
});

// Passthrough: the two tables of https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-passthrough-behaviors.html
describe('request template or passthrough, as AWS tabulates it', () => {
  const T = 'TEMPLATE';
  const behaviors: PassthroughBehavior[] = ['WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER'];
  const choose = (templates: Record<string, string>, contentType: string | undefined, behavior: PassthroughBehavior): string =>
    chooseRequestTemplate(templates, requestTemplateKey(undefined, {}, contentType), behavior).kind;

  it.each([
    // Example 1: one template, for application/json.
    [{ 'application/json': T }, undefined, ['template', 'template', 'template']],
    [{ 'application/json': T }, 'application/json', ['template', 'template', 'template']],
    [{ 'application/json': T }, 'application/xml', ['passthrough', 'unsupported-media-type', 'unsupported-media-type']],
    // Example 2: one template, for application/xml.
    [{ 'application/xml': T }, undefined, ['passthrough', 'unsupported-media-type', 'unsupported-media-type']],
    [{ 'application/xml': T }, 'application/json', ['passthrough', 'unsupported-media-type', 'unsupported-media-type']],
    [{ 'application/xml': T }, 'application/xml', ['template', 'template', 'template']],
    // No templates at all.
    [{}, 'application/json', ['passthrough', 'passthrough', 'unsupported-media-type']],
  ] as const)('templates %j, Content-Type %s → %j for WHEN_NO_MATCH, WHEN_NO_TEMPLATES, NEVER', (templates, contentType, expected) => {
    expect(behaviors.map((b) => choose(templates, contentType, b))).toEqual(expected);
  });

  it('the content type is read without its parameters; AWS defaults passthroughBehavior to WHEN_NO_MATCH', () => {
    expect(requestTemplateKey(undefined, {}, 'Application/JSON; charset=utf-8')).toBe('application/json');
    expect(chooseRequestTemplate({ 'text/plain': T }, 'application/json', undefined)).toEqual({ kind: 'passthrough' });
  });

  it('WebSocket: the selection expression picks the key, with $default as the catch-all', () => {
    const templates = { chat: 'CHAT', $default: 'DEFAULT' };
    const byType = expression('${request.body.type}');
    const key = (message: string): string => requestTemplateKey(byType, { requestBody: message });
    expect(chooseRequestTemplate(templates, key('{"type": "chat"}'), 'NEVER')).toEqual({ kind: 'template', key: 'chat', template: 'CHAT' });
    expect(chooseRequestTemplate(templates, key('{"type": "other"}'), 'NEVER')).toEqual({
      kind: 'template',
      key: '$default',
      template: 'DEFAULT',
    });
    expect(chooseRequestTemplate({ chat: 'CHAT' }, key('{"type": "other"}'), 'WHEN_NO_TEMPLATES')).toEqual({
      kind: 'unsupported-media-type',
    });
    expect(chooseRequestTemplate({ chat: 'CHAT' }, key('not json'), 'WHEN_NO_MATCH')).toEqual({ kind: 'passthrough' });
  });

  it("without an expression a WebSocket message has no content type: templates keyed application/json apply (AWS CDK's WebSocketMockIntegration example)", () => {
    expect(
      chooseRequestTemplate(
        { 'application/json': '{"statusCode": 200}' },
        requestTemplateKey(undefined, { requestBody: '{}' }),
        'WHEN_NO_MATCH',
      ),
    ).toMatchObject({
      kind: 'template',
      key: 'application/json',
    });
  });

  it('response templates: by expression, then $default; none means the body passes through', () => {
    const templates = { '404': 'NOT FOUND', $default: 'OTHER' };
    const byStatus = expression('${integration.response.statuscode}', 'response-template');
    expect(chooseResponseTemplate(templates, byStatus, { integrationResponse: { statusCode: 404 } })).toEqual({
      key: '404',
      template: 'NOT FOUND',
    });
    expect(chooseResponseTemplate(templates, byStatus, { integrationResponse: { statusCode: 200 } })).toEqual({
      key: '$default',
      template: 'OTHER',
    });
    expect(chooseResponseTemplate({ '404': 'X' }, byStatus, { integrationResponse: { statusCode: 200 } })).toBeUndefined();
    expect(chooseResponseTemplate(undefined, undefined, {})).toBeUndefined();
  });
});
