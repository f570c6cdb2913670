import { findHeader } from './client-request.js';
import { preflightHeaders, type CorsRequest } from './cors.js';
import type { Invocation, ParsedRequest } from './invocation.js';

/** The gateway's own answer to a CORS preflight: 204 with these header fields. */
export interface PreflightAnswer {
  readonly kind: 'preflight';
  readonly headers: string[];
}

/**
 * Step 4, CORS preflight (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html;
 * docs/reference/dataplane.md §7): with a `corsConfiguration`, API Gateway answers an OPTIONS request
 * carrying both `Origin` and `Access-Control-Request-Method` itself, "even if there isn't an OPTIONS
 * route". It runs only when no route captured the request: an `OPTIONS …` route, an `ANY` route, a
 * greedy ANY or `$default` runs instead (AWS's "CORS with $default route and authorizer"), and its
 * response gets the CORS headers. The answer is 204 with the configured headers; an origin that is
 * not allowed gets 204 without any (the browser then refuses). Undefined: not a preflight.
 */
export function answerCorsPreflight(
  cors: CorsRequest | undefined,
  parsed: ParsedRequest,
  invocation: Invocation,
): PreflightAnswer | undefined {
  if (cors === undefined || parsed.method !== 'OPTIONS' || cors.origin === undefined) return undefined;
  const rawHeaders = invocation.request.rawHeaders;
  if (findHeader(rawHeaders, 'access-control-request-method') === undefined) return undefined;
  return { kind: 'preflight', headers: preflightHeaders(cors, rawHeaders) ?? [] };
}
