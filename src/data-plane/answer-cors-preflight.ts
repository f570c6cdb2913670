import type { ServerResponse } from 'node:http';
import type { CompiledDeployment } from './compile-deployment.js';
import type { ParsedRequest } from './parse-request.js';

/**
 * CORS preflight (dataplane.md §7): when the API has a `corsConfiguration` and no route captures an
 * OPTIONS request carrying Origin and Access-Control-Request-Method, API Gateway answers it itself.
 * Not implemented in this version: it answers nothing, so every request goes on to route matching.
 * Returns true when it has answered the request.
 */
export function answerCorsPreflight(
  _deployment: CompiledDeployment,
  _request: ParsedRequest,
  _res: ServerResponse,
): boolean {
  return false;
}
