import { connectionNominees, isHeader, isHopByHop } from '../integrations/index.js';
import type { RoutedInvocation } from './invocation.js';
import { applyResponseMapping } from './mapping/response-mapping.js';
import { ResponseSources } from './mapping/response-sources.js';

/**
 * The backend's headers as a flat list (docs/reference/dataplane.md §3.4): everything passes through except
 * hop-by-hop fields (RFC 9110 §7.6.1) and a backend's own `apigw-requestid`.
 */
export function backendHeaders(list: readonly string[]): string[] {
  const headers: string[] = [];
  let connection: string | undefined;
  for (let i = 0; i < list.length; i += 2) {
    const name = list[i] as string;
    if (isHopByHop(name)) {
      if (name.length === 10 && isHeader(name, 'connection'))
        connection = connection === undefined ? list[i + 1] : `${connection}, ${list[i + 1]}`;
      continue;
    }
    if (name.length === 15 && isHeader(name, 'apigw-requestid')) continue;
    headers.push(name, list[i + 1] as string);
  }
  dropNominated(headers, connection);
  return headers;
}

function dropNominated(headers: string[], connection: string | undefined): void {
  const nominees = connectionNominees(connection);
  if (nominees === undefined) return;
  for (let i = headers.length - 2; i >= 0; i -= 2) if (nominees.has((headers[i] as string).toLowerCase())) headers.splice(i, 2);
}

/** Drop the backend's CORS headers: with a CORS configuration API Gateway ignores them (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html). */
function dropBackendCors(headers: string[]): void {
  for (let i = headers.length - 2; i >= 0; i -= 2) {
    const name = headers[i] as string;
    if (name.length > 15 && name.slice(0, 15).toLowerCase() === 'access-control-') headers.splice(i, 2);
  }
}

/**
 * Response parameter mapping for the endpoint's status, then the API's CORS headers
 * (docs/reference/dataplane.md §4, §7), applied to a head in place (and, when a mapping reads
 * `$response.body`, the collected body). Returns the status to send.
 */
export function shapeResponse(routed: RoutedInvocation, status: number, headers: string[], body?: Buffer): number {
  let mapped = status;
  const forStatus = routed.match.route.responseMapping?.byStatus.get(status);
  if (forStatus !== undefined) {
    const sources = new ResponseSources(headers.slice(), routed.context, routed.stageVariables, body);
    mapped = applyResponseMapping(forStatus, status, headers, sources);
  }
  const cors = routed.invocation.cors;
  if (cors !== undefined) {
    dropBackendCors(headers);
    if (cors.responseHeaders !== undefined) headers.push(...cors.responseHeaders);
  }
  return mapped;
}
