import type { HttpIntegrationRequest } from '../integrations/index.js';
import type { CompiledRoute } from './compile-deployment.js';
import type { ParsedRequest } from './parse-request.js';

/**
 * Request parameter mapping for HTTP_PROXY (dataplane.md §4): `append|overwrite|remove:header.*`,
 * `…:querystring.*`, `overwrite:path`, compiled per deployment. Not implemented in this version:
 * the integration request goes out as built.
 */
export function mapRequestParameters(
  integrationRequest: HttpIntegrationRequest,
  _route: CompiledRoute,
  _request: ParsedRequest,
): HttpIntegrationRequest {
  return integrationRequest;
}
