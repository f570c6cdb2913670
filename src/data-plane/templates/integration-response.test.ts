import { describe, expect, it } from 'vitest';
import { mockIntegration, type ResponseSink } from '../../integrations/index.js';
import { ContentConversionError, convertPayload } from './content-handling.js';
import {
  compileIntegrationResponses,
  selectIntegrationResponse,
  type IntegrationResponseSelector,
} from './integration-response-selection.js';
import { renderMappingTemplate } from './mapping-template.js';
import { compileSelectionExpression, evaluateSelectionExpression } from './selection-expression.js';
import { chooseRequestTemplate, chooseResponseTemplate, requestTemplateKey } from './template-selection.js';
import { compiled, inputs } from './templates.test-support.js';

interface Response {
  readonly integrationResponseKey: string;
  readonly responseTemplates?: Record<string, string>;
  readonly templateSelectionExpression?: string;
}

function selector(responses: readonly Response[]): IntegrationResponseSelector<Response> {
  const s = compileIntegrationResponses(responses);
  if (typeof s === 'string') throw new Error(s);
  return s;
}

// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-responses.html
describe('integration response selection', () => {
  const two = { integrationResponseKey: '/2\\d\\d/' };
  const four = { integrationResponseKey: '/4\\d\\d/' };
  const fallback = { integrationResponseKey: '$default' };

  it.each([
    ['200', two],
    ['204', two],
    ['404', four],
    ['500', fallback],
    // The key must match the whole value, as Java's Pattern.matches.
    ['2000', fallback],
  ])('status %s → %j', (status, expected) => {
    expect(selectIntegrationResponse(selector([fallback, two, four]), status)).toBe(expected);
  });

  it('with no match and no $default there is none', () => {
    expect(selectIntegrationResponse(selector([two]), '500')).toBeUndefined();
  });

  it('several matching keys: the first in key order wins, whatever order they were created in', () => {
    const exact = { integrationResponseKey: '/200/' };
    expect(selectIntegrationResponse(selector([two, exact]), '200')).toBe(exact);
    expect(selectIntegrationResponse(selector([exact, two]), '200')).toBe(exact);
  });

  it('a key that is no valid pattern is refused when the deployment is compiled', () => {
    expect(compileIntegrationResponses([{ integrationResponseKey: '/2(\\d/' }])).toMatch(
      /^integration response key "\/2\(\\d\/": regular expression "2\(\\d" is not valid/,
    );
  });

  it('Lambda (AWS) integrations select by the error message', () => {
    const expression = compileSelectionExpression('$integration.response.body.errorMessage', 'integration-response');
    if (typeof expression === 'string') throw new Error(expression);
    const value = evaluateSelectionExpression(expression, {
      integrationResponse: { statusCode: 200, body: '{"errorMessage": "Not found: x"}' },
    });
    const notFound = { integrationResponseKey: '/Not found.*/' };
    expect(selectIntegrationResponse(selector([fallback, notFound]), value)).toBe(notFound);
  });
});

// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html
describe('contentHandlingStrategy', () => {
  const text = { data: Buffer.from('aGk='), binary: false };
  const binary = { data: Buffer.from([0, 1, 254]), binary: true };
  it.each([
    ['text, unset', text, undefined, text],
    ['binary, unset', binary, undefined, binary],
    ['text, CONVERT_TO_TEXT', text, 'CONVERT_TO_TEXT', text],
    ['binary, CONVERT_TO_TEXT: base64 text', binary, 'CONVERT_TO_TEXT', { data: Buffer.from('AAH+'), binary: false }],
    ['text, CONVERT_TO_BINARY: base64-decoded', text, 'CONVERT_TO_BINARY', { data: Buffer.from('hi'), binary: true }],
    ['binary, CONVERT_TO_BINARY', binary, 'CONVERT_TO_BINARY', binary],
  ] as const)('%s', (_, payload, strategy, expected) => {
    expect(convertPayload(payload, strategy)).toEqual(expected);
  });

  it('text that is not base64 cannot become binary ("If the conversion fails, it returns a 500 response")', () => {
    expect(convertPayload({ data: Buffer.from('not base64!'), binary: false }, 'CONVERT_TO_BINARY')).toBeInstanceOf(ContentConversionError);
  });
});

/** Collects what the MOCK integration answers, as the data plane's sink would. */
class CollectingSink implements ResponseSink {
  status = 0;
  headSent = false;
  closed = false;
  readonly #chunks: Buffer[] = [];
  get body(): string {
    return Buffer.concat(this.#chunks).toString();
  }
  head(status: number): void {
    this.status = status;
    this.headSent = true;
  }
  write(chunk: Buffer): boolean {
    this.#chunks.push(chunk);
    return true;
  }
  end(last?: Buffer): void {
    if (last !== undefined) this.#chunks.push(last);
    this.closed = true;
  }
  abort(): void {}
  onDrain(): void {}
  onClose(): void {}
  offClose(): void {}
}

describe('a two-way MOCK route, put together as the WebSocket pipeline would', () => {
  const requestTemplates = { $default: compiled('{"statusCode": #if($input.path(\'$.ok\') == true)200#{else}400#end}') };
  const responses: Response[] = [
    { integrationResponseKey: '/2\\d\\d/', responseTemplates: { $default: '{"echo": "$context.connectionId", "status": "ok"}' } },
    { integrationResponseKey: '$default', responseTemplates: { $default: '{"error": "$context.routeKey refused"}' } },
  ];
  const context = { connectionId: 'abc=', routeKey: 'check' };

  async function exchange(message: string): Promise<string> {
    const choice = chooseRequestTemplate(requestTemplates, requestTemplateKey(undefined, { requestBody: message }), 'WHEN_NO_MATCH');
    if (choice.kind !== 'template') throw new Error(choice.kind);
    const rendered = renderMappingTemplate(choice.template, inputs({ body: message, context }));
    if (typeof rendered !== 'string') throw rendered;
    const sink = new CollectingSink();
    const outcome = await mockIntegration.invoke({ body: rendered }, sink);
    if (outcome.kind !== 'responded') throw new Error(outcome.failure);
    const response = selectIntegrationResponse(selector(responses), String(outcome.status));
    const template = chooseResponseTemplate(response?.responseTemplates, undefined, {});
    if (template === undefined) return sink.body;
    const out = renderMappingTemplate(compiled(template.template), inputs({ body: sink.body, context }));
    return typeof out === 'string' ? out : `Error: ${out.message}`;
  }

  it('the request template decides the status; the selected integration response renders the reply', async () => {
    expect(JSON.parse(await exchange('{"action": "check", "ok": true}'))).toEqual({ echo: 'abc=', status: 'ok' });
    expect(JSON.parse(await exchange('{"action": "check"}'))).toEqual({ error: 'check refused' });
  });
});
