import { applyRequestMapping, RequestSources, type MappableRequest } from './mapping/index.js';
import type { RouteMatch } from './match-route.js';
import type { ParsedRequest } from './parse-request.js';

/**
 * Request parameter mapping for HTTP_PROXY (docs/reference/dataplane.md §4): `append|overwrite|remove:header.*`,
 * `…:querystring.*`, `overwrite:path`, compiled per deployment (mapping/request-mapping.ts), with
 * values from `$request.*`, `$context.*`, `$stageVariables.*` and static text. `body` is the
 * client's body, read beforehand only when a value reads `$request.body`.
 */
export function mapRequestParameters<R extends MappableRequest>(
  integrationRequest: R,
  match: RouteMatch,
  request: ParsedRequest,
  rawHeaders: readonly string[],
  stageVariables: Readonly<Record<string, string>>,
  body?: Buffer,
): R {
  const plan = match.route.requestMapping;
  if (plan === undefined) return integrationRequest;
  return applyRequestMapping(plan, integrationRequest, new RequestSources(rawHeaders, request, match, stageVariables, body));
}
