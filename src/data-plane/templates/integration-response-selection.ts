import { javaRegex } from './java-regex.js';
import { RenderFailure } from './render-state.js';

/**
 * Choosing a non-proxy integration's response
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-responses.html):
 * "the integration response key functions as a regular expression. It should follow a format of
 * "/expression/"", matched against the value of `integrationResponseSelectionExpression` (the
 * status code for HTTP and MOCK integrations, `/2\d\d/`, `/4\d\d/`); "If a match cannot be found,
 * then $default is chosen". AWS does not say which of two matching patterns wins: Portico tries them
 * in the order of their keys (so the choice never depends on creation order) and takes the first
 * that matches the whole value, as Java's `Pattern.matches` does.
 */
export interface IntegrationResponseSelector<R> {
  readonly patterns: readonly { readonly key: string; readonly pattern: RegExp; readonly response: R }[];
  readonly fallback: R | undefined;
}

/** The pattern of a key: `/…/` stripped of its slashes; a key without them is a pattern as it is. */
function patternOf(key: string): string {
  return key.length >= 2 && key.startsWith('/') && key.endsWith('/') ? key.slice(1, -1) : key;
}

/** Compile the keys once per deployment; the reason as a string when a key is not a valid pattern. */
export function compileIntegrationResponses<R extends { readonly integrationResponseKey: string }>(
  responses: readonly R[],
): IntegrationResponseSelector<R> | string {
  const patterns: { key: string; pattern: RegExp; response: R }[] = [];
  let fallback: R | undefined;
  for (const response of responses) {
    const key = response.integrationResponseKey;
    if (key === '$default') {
      fallback = response;
      continue;
    }
    try {
      const re = javaRegex(patternOf(key));
      patterns.push({ key, pattern: new RegExp(`^(?:${re.source})$`, re.flags), response });
    } catch (error) {
      if (error instanceof RenderFailure) return `integration response key "${key}": ${error.message}`;
      throw error;
    }
  }
  patterns.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { patterns, fallback };
}

/** The response for a selection value (a status code such as "200"), or undefined when none matches and there is no `$default`. */
export function selectIntegrationResponse<R>(selector: IntegrationResponseSelector<R>, value: string): R | undefined {
  for (const { pattern, response } of selector.patterns) if (pattern.test(value)) return response;
  return selector.fallback;
}
