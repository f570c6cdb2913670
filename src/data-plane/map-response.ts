import type { ServerResponse } from 'node:http';
import { connectionNominees, isHeader, isHopByHop } from '../integrations/index.js';
import type { CorsRequest } from './cors.js';
import { applyResponseMapping, ResponseSources, type ResponseMappingPlan } from './mapping/index.js';
import type { RequestContext } from './request-context.js';

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

/** Every integration response ends here: `apigw-requestid` on it, status into `$context`, head written. */
export function finishResponseHead(
  res: ServerResponse,
  status: number,
  headers: string[],
  context: RequestContext,
  backendStatus = status,
): void {
  headers.push('apigw-requestid', context.requestId);
  context.status = status;
  context.integrationStatus = backendStatus;
  res.writeHead(status, headers);
}

/**
 * Map the backend's response head as it arrives, when the route has no response mapping and the
 * API no CORS: pass-through (see backendHeaders). Node adds `Date` when the backend sent none, and
 * picks Content-Length or chunked framing for the client connection (keep-alive).
 */
export function writeResponseHead(res: ServerResponse, status: number, received: string[], context: RequestContext): void {
  finishResponseHead(res, status, backendHeaders(received), context);
}

/** Drop the backend's CORS headers: with a CORS configuration API Gateway ignores them (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html). */
function dropBackendCors(headers: string[]): void {
  for (let i = headers.length - 2; i >= 0; i -= 2) {
    const name = headers[i] as string;
    if (name.length > 15 && name.slice(0, 15).toLowerCase() === 'access-control-') headers.splice(i, 2);
  }
}

/**
 * Response parameter mapping for the backend's status, then the API's CORS headers (docs/reference/dataplane.md
 * §4, §7), applied to a head (and, when a mapping reads `$response.body`, the buffered body).
 */
export function shapeResponse(
  status: number,
  headers: string[],
  context: RequestContext,
  mapping: ResponseMappingPlan | undefined,
  cors: CorsRequest | undefined,
  stageVariables: Readonly<Record<string, string>>,
  body?: Buffer,
): number {
  let mapped = status;
  const forStatus = mapping?.byStatus.get(status);
  if (forStatus !== undefined)
    mapped = applyResponseMapping(forStatus, status, headers, new ResponseSources(headers.slice(), context, stageVariables, body));
  if (cors !== undefined) {
    dropBackendCors(headers);
    if (cors.responseHeaders !== undefined) headers.push(...cors.responseHeaders);
  }
  return mapped;
}

type ResponseHeadWriter = (res: ServerResponse, status: number, received: string[], context: RequestContext) => void;

/**
 * The head writer for one request: pass-through when the route maps no responses and the API has
 * no CORS (no allocation); otherwise one that maps, built for this request only.
 */
export function responseHeadWriter(
  route: { readonly responseMapping: ResponseMappingPlan | undefined },
  cors: CorsRequest | undefined,
  stageVariables: Readonly<Record<string, string>>,
): ResponseHeadWriter {
  const mapping = route.responseMapping;
  if (mapping === undefined && cors === undefined) return writeResponseHead;
  return (res, status, received, context) => {
    const headers = backendHeaders(received);
    const mapped = shapeResponse(status, headers, context, mapping, cors, stageVariables);
    finishResponseHead(res, mapped, headers, context, status);
  };
}
