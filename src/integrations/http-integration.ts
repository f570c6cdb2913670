import type { HttpIntegrationRequest } from './http-request.js';
import type { Integration, IntegrationOutcome } from './integration.js';
import { ProxyExchange } from './proxy-exchange.js';
import type { ResponseSink } from './response-sink.js';
import type { TargetGroup } from './target-group.js';
import type { Upstream } from './upstream-pools.js';

/**
 * HTTP_PROXY, to a public URL or through a VPC link (docs/reference/dataplane.md §3): the request
 * goes out over a keep-alive pool (`http1/`), the response comes back streamed (or collected).
 */
export const httpIntegration: Integration<HttpIntegrationRequest> = {
  invoke(request, response) {
    if (request.targets !== undefined) return invokeBalanced(request, request.targets, response);
    return new ProxyExchange(response, request.body, request.collectResponse).start(request);
  },
};

/**
 * A private integration with several targets: report each attempt's health to the group, and
 * when a target could not be connected to (nothing was sent, so retrying is safe even for a POST)
 * try the next one within what is left of the integration timeout.
 */
async function invokeBalanced(request: HttpIntegrationRequest, group: TargetGroup, response: ResponseSink): Promise<IntegrationOutcome> {
  const deadline = performance.now() + request.timeoutMs;
  const tried: Upstream[] = [];
  let attempt = request;
  for (;;) {
    const exchange = new ProxyExchange(response, attempt.body, attempt.collectResponse);
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
    if (next === undefined || remaining < 1 || response.closed) return outcome;
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
