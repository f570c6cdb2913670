import type { HttpIntegrationRequest } from '../integrations/index.js';
import type { RoutedInvocation } from './invocation.js';
import { applyRequestMapping } from './mapping/request-mapping.js';
import { RequestSources } from './mapping/request-sources.js';

/**
 * Request parameter mapping for HTTP_PROXY (docs/reference/dataplane.md §4):
 * `append|overwrite|remove:header.*`, `…:querystring.*`, `overwrite:path`, compiled per deployment
 * (mapping/request-mapping.ts), with values from `$request.*`, `$context.*`, `$stageVariables.*`
 * and static text. `body` is the client's body, read beforehand only when a value reads
 * `$request.body`; it is then what the integration sends.
 */
export function mapRequestParameters(request: HttpIntegrationRequest, routed: RoutedInvocation, body?: Buffer): HttpIntegrationRequest {
  const plan = routed.match.route.requestMapping;
  const sent = body === undefined ? request : { ...request, body: request.body === null ? null : body };
  if (plan === undefined) return sent;
  return applyRequestMapping(plan, sent, new RequestSources(routed, body));
}
