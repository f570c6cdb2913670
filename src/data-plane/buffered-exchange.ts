import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  PAYLOAD_LIMIT_BYTES,
  type HttpIntegrationRequest,
  type IntegrationFailure,
  type IntegrationOutcome,
} from '../integrations/index.js';
import type { CorsRequest } from './cors.js';
import { mapRequestParameters } from './map-request-parameters.js';
import { filterBackendHeaders, finishResponseHead, shapeResponse } from './map-response.js';
import type { RouteMatch } from './match-route.js';
import type { ParsedRequest } from './parse-request.js';
import { readClientBody } from './read-client-body.js';

const TIMED_OUT = new Error('integration timeout');

function failed(failure: IntegrationFailure, error?: Error): IntegrationOutcome {
  return error === undefined ? { kind: 'failed', failure } : { kind: 'failed', failure, error };
}

/** Same classes as the streaming exchange: not HTTP → malformed (500), anything else → unreachable (503). */
function classify(error: Error): IntegrationFailure {
  if (error === TIMED_OUT) return 'timeout';
  const code = (error as { code?: unknown }).code;
  if (error.name === 'HTTPParserError' || code === 'UND_ERR_HEADERS_OVERFLOW') return 'malformed-response';
  if (code === 'UND_ERR_SOCKET' && /^bad (response|upgrade)/.test(error.message)) return 'malformed-response';
  if (code === 'UND_ERR_INVALID_ARG' || code === 'UND_ERR_NOT_SUPPORTED') return 'internal';
  return 'unreachable';
}

function headerList(headers: Record<string, string | string[] | undefined>): string[] {
  const list: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) list.push(name, v);
    else list.push(name, value);
  }
  return list;
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
 * The exchange for a route whose mappings read `$request.body` or `$response.body` (dataplane.md §4):
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
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(TIMED_OUT), built.timeoutMs);
  const onClose = (): void => abort.abort(new Error('client closed the connection'));
  res.once('close', onClose);
  try {
    const response = await mapped.upstream.pool.request({
      path: mapped.path,
      method: mapped.method,
      headers: mapped.headers,
      body: body ?? null,
      signal: abort.signal,
    });
    clearTimeout(timer);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > PAYLOAD_LIMIT_BYTES) {
        response.body.destroy();
        return failed('malformed-response', new Error(`integration response exceeds ${PAYLOAD_LIMIT_BYTES} bytes`));
      }
      chunks.push(chunk);
    }
    const responseBody = Buffer.concat(chunks, size);
    const headers = filterBackendHeaders(headerList(response.headers));
    const context = request.context;
    const status = shapeResponse(response.statusCode, headers, context, match.route.responseMapping, exchange.cors, exchange.stageVariables, responseBody);
    if (!headers.some((name, i) => i % 2 === 0 && name.toLowerCase() === 'content-length'))
      headers.push('content-length', String(responseBody.length));
    finishResponseHead(res, status, headers, context, response.statusCode);
    if (req.method !== 'HEAD') context.responseLength = responseBody.length;
    res.end(req.method === 'HEAD' ? undefined : responseBody);
    return { kind: 'responded', status };
  } catch (error) {
    if (res.destroyed || res.writableEnded) return failed('client-aborted', error as Error);
    const reason = abort.signal.aborted && abort.signal.reason instanceof Error ? abort.signal.reason : (error as Error);
    return failed(classify(reason), reason);
  } finally {
    clearTimeout(timer);
    res.off('close', onClose);
  }
}
