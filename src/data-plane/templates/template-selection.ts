import { evaluateSelectionExpression, type SelectionExpression, type SelectionInputs } from './selection-expression.js';

export const PASSTHROUGH_BEHAVIORS = ['WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER'] as const;
export type PassthroughBehavior = (typeof PASSTHROUGH_BEHAVIORS)[number];

/** What happens to a request payload on its way to a non-proxy integration. */
export type RequestTemplateChoice<T> =
  | { readonly kind: 'template'; readonly key: string; readonly template: T }
  /** The payload goes to the integration unchanged. */
  | { readonly kind: 'passthrough' }
  /** Refused: API Gateway's "415 Unsupported Media Type" (on a WebSocket message, the data plane's error frame). */
  | { readonly kind: 'unsupported-media-type' };

/** REST's rule where a request names no content type (https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-passthrough-behaviors.html). */
export const DEFAULT_CONTENT_TYPE = 'application/json';

/**
 * The key that picks a request template: the integration's `templateSelectionExpression` evaluated
 * against the message (`\$default`, `${request.body.type}`, …); without one, the request's content
 * type as REST APIs select, `application/json` when it has none — a WebSocket message has none, so
 * templates keyed `application/json` (as AWS CDK's WebSocketMockIntegration example keys them) apply.
 */
export function requestTemplateKey(expression: SelectionExpression | undefined, inputs: SelectionInputs, contentType?: string): string {
  if (expression !== undefined) return evaluateSelectionExpression(expression, inputs);
  return contentType?.split(';')[0]?.trim().toLowerCase() || DEFAULT_CONTENT_TYPE;
}

/**
 * Choose the request template for `key`: the template of that key, else the `$default` template
 * ("$default is supported as a catch-all",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html).
 * With neither, `passthroughBehavior` decides, as AWS's table
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-passthrough-behaviors.html)
 * gives it: WHEN_NO_MATCH (AWS's default) passes the payload through; WHEN_NO_TEMPLATES passes it only
 * when the integration has no templates at all; NEVER refuses it; a refusal is 415.
 */
export function chooseRequestTemplate<T>(
  templates: Readonly<Record<string, T>> | undefined,
  key: string,
  passthroughBehavior: PassthroughBehavior | undefined,
): RequestTemplateChoice<T> {
  const all = templates ?? {};
  for (const candidate of [key, '$default']) {
    if (Object.hasOwn(all, candidate)) return { kind: 'template', key: candidate, template: all[candidate] as T };
  }
  const behavior = passthroughBehavior ?? 'WHEN_NO_MATCH';
  if (behavior === 'WHEN_NO_MATCH') return { kind: 'passthrough' };
  if (behavior === 'WHEN_NO_TEMPLATES' && Object.keys(all).length === 0) return { kind: 'passthrough' };
  return { kind: 'unsupported-media-type' };
}

/**
 * Choose an integration response's template by its `templateSelectionExpression` (else by content
 * type, as for requests), falling back to `$default`; undefined means the integration's response body
 * passes through unchanged (REST: "If you don't define a mapping template for the Content-Type, by
 * default, API Gateway passes the body through",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/models-mappings.html).
 */
export function chooseResponseTemplate<T>(
  templates: Readonly<Record<string, T>> | undefined,
  expression: SelectionExpression | undefined,
  inputs: SelectionInputs,
  contentType?: string,
): { readonly key: string; readonly template: T } | undefined {
  const all = templates ?? {};
  const key = requestTemplateKey(expression, inputs, contentType);
  for (const candidate of [key, '$default']) if (Object.hasOwn(all, candidate)) return { key: candidate, template: all[candidate] as T };
  return undefined;
}
