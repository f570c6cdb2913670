import type { CompiledRoute } from './compile-deployment.js';
import type { GatewayErrorKind } from './gateway-errors.js';
import type { ParsedRequest } from './parse-request.js';

/**
 * Route authorization (dataplane.md §6): JWT, Lambda REQUEST and AWS_IAM authorizers → 401/403/500,
 * filling `$context.authorizer`. Not implemented in this version: routes are served as if their
 * authorizationType were NONE. Returns the error kind to answer with, if any.
 */
export function authorize(_route: CompiledRoute, _request: ParsedRequest): GatewayErrorKind | undefined {
  return undefined;
}
