import { httpIntegration, mockIntegration } from '../../integrations/index.js';
import { selectIntegrationResponse } from '../templates/integration-response-selection.js';
import { MappingTemplateError, renderMappingTemplate, type MappingTemplateInputs } from '../templates/mapping-template.js';
import { evaluateSelectionExpression, type SelectionInputs } from '../templates/selection-expression.js';
import { chooseRequestTemplate, chooseResponseTemplate, requestTemplateKey } from '../templates/template-selection.js';
import type { WarnOnce } from '../warn-once.js';
import { CollectingSink } from './collected-response.js';
import { httpRequest, settle } from './http-call.js';
import type { IntegrationCall, IntegrationResult } from './integration-call.js';
import type { TemplatePlan } from './template-plan.js';
import { webSocketContextValue } from './websocket-context.js';
import type { WebSocketHttpPlan, WebSocketTemplatedPlan } from './websocket-deployment.js';

export interface TemplateDependencies {
  readonly warnOnce: WarnOnce;
}

function inputs(call: IntegrationCall, body: string | Buffer): MappingTemplateInputs {
  const connect = call.context.eventType === 'CONNECT';
  return {
    body,
    context: (name) => webSocketContextValue(call.context, name),
    stageVariables: call.stageVariables,
    // `$input.params()`: a message has none; `$connect` has the upgrade request's headers and query string.
    ...(connect
      ? { params: { header: Object.fromEntries(call.handshake.allHeaders), querystring: Object.fromEntries(call.handshake.query) } }
      : {}),
  };
}

function headerRecord(flat: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[(flat[i] as string).toLowerCase()] = flat[i + 1] as string;
  return out;
}

/**
 * The integration response step (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-responses.html):
 * the response whose key matches the selection value (the status code unless
 * `integrationResponseSelectionExpression` says otherwise), else `$default`; its template renders
 * the body, none passes it through; no matching response sends nothing back.
 */
function integrationResponse(
  templates: TemplatePlan,
  result: IntegrationResult,
  message: string,
  call: IntegrationCall,
): IntegrationResult {
  if (result.kind === 'failed' || templates.responses === undefined) return result;
  const selection: SelectionInputs = {
    requestBody: message,
    integrationResponse: { statusCode: result.status, headers: headerRecord(result.headers), body: result.body },
  };
  const value =
    templates.responseSelection === undefined ? String(result.status) : evaluateSelectionExpression(templates.responseSelection, selection);
  const response = selectIntegrationResponse(templates.responses, value);
  if (response === undefined) return { ...result, body: Buffer.alloc(0) };
  const chosen = chooseResponseTemplate(response.templates, response.templateSelection, selection);
  if (chosen === undefined) return result;
  const rendered = renderMappingTemplate(chosen.template, inputs(call, result.body));
  if (rendered instanceof MappingTemplateError) return { kind: 'failed', failure: 'internal', detail: rendered.message };
  return { ...result, body: Buffer.from(rendered, 'utf8') };
}

/**
 * Integrations whose request is a mapping template: MOCK and HTTP (non-proxy)
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-data-transformations.html):
 * the request template chosen by `templateSelectionExpression` (else `application/json`, a message's
 * content type), else `$default`, else `passthroughBehavior`; rendered from the message with
 * `data-plane/templates/`, sent through the `Integration` interface, and the integration response applied.
 */
export async function integrateTemplated(
  plan: WebSocketTemplatedPlan | WebSocketHttpPlan,
  templates: TemplatePlan,
  call: IntegrationCall,
  _deps: TemplateDependencies,
): Promise<IntegrationResult> {
  const message = call.message ?? '';
  const key = requestTemplateKey(templates.templateSelection, { requestBody: message });
  const choice = chooseRequestTemplate(templates.requestTemplates, key, templates.passthroughBehavior);
  if (choice.kind === 'unsupported-media-type')
    return {
      kind: 'failed',
      failure: 'internal',
      detail: `Unsupported Media Type: no request template for "${key}" (passthroughBehavior)`,
    };
  let body: string = message;
  if (choice.kind === 'template') {
    const rendered = renderMappingTemplate(choice.template, inputs(call, message));
    if (rendered instanceof MappingTemplateError) return { kind: 'failed', failure: 'internal', detail: rendered.message };
    body = rendered;
  }
  const sink = new CollectingSink();
  const outcome =
    plan.kind === 'templated'
      ? await mockIntegration.invoke({ body }, sink)
      : await httpIntegration.invoke(httpRequest(plan, call, Buffer.from(body, 'utf8')), sink);
  return integrationResponse(templates, settle(outcome, sink), message, call);
}
