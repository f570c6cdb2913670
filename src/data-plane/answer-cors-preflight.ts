import type { ServerResponse } from 'node:http';
import { findHeader, preflightHeaders, type CorsRequest } from './cors.js';
import type { ParsedRequest } from './parse-request.js';

/**
 * CORS preflight (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html; docs/reference/dataplane.md §7): with a `corsConfiguration`, API Gateway answers
 * an OPTIONS request carrying both `Origin` and `Access-Control-Request-Method` itself, "even if there
 * isn't an OPTIONS route". It is called only when no route captured the request: an `OPTIONS …`
 * route, an `ANY` route, a greedy ANY or `$default` runs instead (AWS's "CORS with $default route and
 * authorizer"), and its response gets the CORS headers. The answer is 204 with the configured
 * headers; an origin that is not allowed gets 204 without any (the browser then refuses).
 * Returns true when it has answered the request.
 */
export function answerCorsPreflight(
  cors: CorsRequest | undefined,
  request: ParsedRequest,
  rawHeaders: readonly string[],
  res: ServerResponse,
): boolean {
  if (cors === undefined || request.method !== 'OPTIONS' || cors.origin === undefined) return false;
  if (findHeader(rawHeaders, 'access-control-request-method') === undefined) return false;
  const headers = preflightHeaders(cors, rawHeaders) ?? [];
  headers.push('apigw-requestid', request.context.requestId);
  request.context.status = 204;
  res.writeHead(204, headers);
  res.end();
  return true;
}
