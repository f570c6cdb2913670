import type { IncomingMessage, ServerResponse } from 'node:http';
import { CountedBody } from './counted-body.js';
import { ProxyExchange } from './proxy-exchange.js';
import type { TargetGroup } from './target-group.js';
import type { Upstream } from './upstream-pools.js';

/** One HTTP_PROXY call, fully built by the data plane. */
export interface HttpIntegrationRequest {
  readonly upstream: Upstream;
  readonly method: string;
  /** Path and query string, as sent on the request line. */
  readonly path: string;
  /** Flat [name, value, name, value…] list, hop-by-hop fields already removed. */
  readonly headers: string[];
  /** The client's body, or null when the request has none (no Content-Length > 0, no Transfer-Encoding). */
  readonly body: IncomingMessage | null;
  /** Integration timeout, 50–30,000 ms (docs/reference/dataplane.md §3.1): until the backend's response head arrives. */
  readonly timeoutMs: number;
  /**
   * A private integration with several targets: `upstream` was picked from it, passive health is
   * reported to it, and a request that reached no target (connection refused) moves on to another.
   */
  readonly targets?: TargetGroup | undefined;
}

/** Why an exchange ended without (all of) a backend response. */
export type IntegrationFailure =
  'timeout' | 'unreachable' | 'malformed-response' | 'payload-too-large' | 'client-aborted' | 'broken-after-head' | 'internal';

export type IntegrationOutcome =
  | { readonly kind: 'responded'; readonly status: number }
  | { readonly kind: 'failed'; readonly failure: IntegrationFailure; readonly error?: Error };

/** Body bytes an exchange moved, for `$context.responseLength` / `dataProcessed` (access logs, metrics). */
export interface ExchangeMeter {
  requestLength: number;
  responseLength: number;
}

/**
 * Writes the response head to the client: the data plane's "map response" stage. `headers` is the
 * backend's flat [name, value…] list as received (names in their case, hop-by-hop fields included).
 */
export type HeadWriter<C> = (res: ServerResponse, status: number, headers: string[], context: C) => void;

/**
 * Invoke an HTTP_PROXY integration (public URL or VPC-link target) and stream the response
 * through. Resolves when the exchange is over; a `failed` outcome before the head means the
 * client has not been answered yet.
 */
export function invokeHttpProxy<C>(
  request: HttpIntegrationRequest,
  res: ServerResponse,
  writeHead: HeadWriter<C>,
  context: C,
  meter?: ExchangeMeter,
): Promise<IntegrationOutcome> {
  if (request.targets !== undefined) return invokeBalanced(request, request.targets, res, writeHead, context, meter);
  const body = request.body === null ? null : new CountedBody(request.body);
  return new ProxyExchange(res, writeHead, context, body, meter).start(request);
}

/**
 * A private integration with several targets: report each attempt's health to the group, and
 * when a target could not be connected to (nothing was sent, so retrying is safe even for a POST)
 * try the next one within what is left of the integration timeout.
 */
async function invokeBalanced<C>(
  request: HttpIntegrationRequest,
  group: TargetGroup,
  res: ServerResponse,
  writeHead: HeadWriter<C>,
  context: C,
  meter: ExchangeMeter | undefined,
): Promise<IntegrationOutcome> {
  const deadline = performance.now() + request.timeoutMs;
  const tried: Upstream[] = [];
  let attempt = request;
  for (;;) {
    const exchange = new ProxyExchange(res, writeHead, context, attempt.body === null ? null : new CountedBody(attempt.body), meter);
    const outcome = await exchange.start(attempt);
    if (outcome.kind === 'responded' || !exchange.reachedNoTarget) {
      if (outcome.kind === 'responded') group.health.markOk(attempt.upstream.key);
      return outcome;
    }
    if (outcome.failure !== 'unreachable' && outcome.failure !== 'timeout') return outcome;
    group.health.markFailed(attempt.upstream.key, outcome.error);
    if (outcome.failure === 'timeout') return outcome;
    tried.push(attempt.upstream);
    const next = group.failover(tried);
    const remaining = Math.floor(deadline - performance.now());
    if (next === undefined || remaining < 1 || res.destroyed) return outcome;
    attempt = retarget(attempt, next, remaining);
  }
}

/** The same request for another target of the group: its path prefix and its `Host` (unless a mapping set one). */
function retarget(request: HttpIntegrationRequest, to: Upstream, timeoutMs: number): HttpIntegrationRequest {
  const from = request.upstream;
  const path = request.path.startsWith(from.basePath) ? to.basePath + request.path.slice(from.basePath.length) : request.path;
  let headers = request.headers;
  if (headers[0] === 'host' && headers[1] === from.host) {
    headers = headers.slice();
    headers[1] = to.host;
  }
  return { ...request, upstream: to, path, headers, timeoutMs };
}
