import type { IncomingMessage, ServerResponse } from 'node:http';
import { callBuffered, type HttpIntegrationRequest, type IntegrationFailure, type IntegrationOutcome } from '../integrations/index.js';
import type { CorsRequest } from './cors.js';
import { mapRequestParameters } from './map-request-parameters.js';
import { backendHeaders, finishResponseHead, shapeResponse } from './map-response.js';
import type { RouteMatch } from './match-route.js';
import type { ParsedRequest } from './parse-request.js';
import { readClientBody } from './read-client-body.js';

function failed(failure: IntegrationFailure, error?: Error): IntegrationOutcome {
  return error === undefined ? { kind: 'failed', failure } : { kind: 'failed', failure, error };
}

export interface BufferedExchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly request: ParsedRequest;
  readonly match: RouteMatch;
  readonly cors: CorsRequest | undefined;
  readonly stageVariables: Readonly<Record<string, string>>;
}

/**
 * The exchange for a route whose mappings read `$request.body` or `$response.body` (docs/reference/dataplane.md §4):
 * the client's body is read first (≤ 10 MB), the request mapped with it, and the backend's response
 * read whole (≤ 10 MB) so its mapping can read it; then the mapped response is written. Routes
 * without such mappings stream instead (integrations/http-proxy.ts). A private integration's
 * several targets are not retried here: the picked target is called once.
 */
export async function invokeBuffered(built: HttpIntegrationRequest, exchange: BufferedExchange): Promise<IntegrationOutcome> {
  const { req, res, request, match } = exchange;
  let body: Buffer | undefined;
  if (built.body !== null) {
    const read = await readClientBody(req);
    if (read === 'too-large') return failed('payload-too-large');
    if (read === 'aborted') return failed('client-aborted');
    body = read;
    request.context.requestLength = read.length;
  }
  const mapped = mapRequestParameters(built, match, request, req.rawHeaders, exchange.stageVariables, body);
  const response = await callBuffered({ ...mapped, body: body ?? null }, res);
  if ('failure' in response) return failed(response.failure, response.error);
  const headers = backendHeaders(response.headers);
  const context = request.context;
  const status = shapeResponse(
    response.status,
    headers,
    context,
    match.route.responseMapping,
    exchange.cors,
    exchange.stageVariables,
    response.body,
  );
  if (!headers.some((name, i) => i % 2 === 0 && name.toLowerCase() === 'content-length'))
    headers.push('content-length', String(response.body.length));
  finishResponseHead(res, status, headers, context, response.status);
  if (req.method !== 'HEAD') context.responseLength = response.body.length;
  res.end(req.method === 'HEAD' ? undefined : response.body);
  return { kind: 'responded', status };
}
