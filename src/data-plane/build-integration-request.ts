import type { IncomingMessage } from 'node:http';
import { PAYLOAD_LIMIT_BYTES, type HttpIntegrationRequest, type Upstream } from '../integrations/index.js';
import { forwardHeaders } from './forward-headers.js';
import type { GatewayErrorKind } from './gateway-errors.js';
import type { PrivateHttpPlan } from './integration-plan.js';
import type { RouteMatch } from './match-route.js';
import type { ParsedRequest } from './parse-request.js';
import type { RandomPool } from './random-pool.js';
import { plainIp } from './request-context.js';
import type { ServingState } from './serving-state.js';
import { combineQuery, renderUpstreamPath } from './upstream-path.js';
import type { WarnOnce } from './warn-once.js';

export interface IntegrationRequestDependencies {
  readonly random: RandomPool;
  /** X-Forwarded-Port for requests on the edge port; the socket's local port when undefined (and on API ports). */
  readonly edgePort: string | undefined;
  readonly warnOnce: WarnOnce;
}

/** A private integration's next target, or the reason it has none (dataplane.md §11; DESIGN.md "Decided": 503). */
function privateUpstream(plan: PrivateHttpPlan, state: ServingState, warnOnce: WarnOnce): Upstream | undefined {
  const link = plan.connectionId === undefined ? undefined : state.vpcLinks[plan.connectionId];
  if (link === undefined || link.status !== 'AVAILABLE') {
    const why = link === undefined ? 'unknown' : link.status;
    warnOnce.warn(
      `vpc-link:${plan.connectionId ?? ''}:${why}`,
      { integrationId: plan.integrationId, connectionId: plan.connectionId, vpcLinkStatus: why },
      link === undefined
        ? `Integration ${plan.integrationId} uses VPC link "${plan.connectionId ?? ''}", which does not exist: answering 503`
        : `VPC link ${plan.connectionId ?? ''} (${link.name}) is ${link.status}, not AVAILABLE: its integrations answer 503`,
    );
    return undefined;
  }
  const upstreams = plan.upstreams;
  if (upstreams === undefined) {
    warnOnce.warn(
      `target:${plan.integrationUri}`,
      { integrationId: plan.integrationId, integrationUri: plan.integrationUri },
      `No local target for private integration ${plan.integrationUri}: answering 503. ` +
        `Start Portico with --target '${plan.integrationUri}=http://127.0.0.1:PORT' (or the load balancer's name as KEY).`,
    );
    return undefined;
  }
  // Round-robin over the target's URLs, as AWS spreads requests over healthy targets (SNAP:http-api-develop-integrations-private.md).
  const upstream = upstreams[plan.cursor] as Upstream;
  plan.cursor = plan.cursor + 1 === upstreams.length ? 0 : plan.cursor + 1;
  return upstream;
}

/**
 * Build the HTTP_PROXY request (dataplane.md §3.2–3.3): target and path, query as sent, method
 * (`ANY` = the client's), headers for the backend. A Content-Length over the 10 MB quota is refused
 * here, before any upstream is touched; chunked bodies are counted as they stream.
 */
export function buildIntegrationRequest(
  req: IncomingMessage,
  request: ParsedRequest,
  match: RouteMatch,
  state: ServingState,
  deps: IntegrationRequestDependencies,
): HttpIntegrationRequest | GatewayErrorKind {
  const plan = match.route.integration;
  // A route with no integration attached: AWS answers it like an unmatched request (not documented; our choice).
  if (plan === undefined) return 'NotFound';
  if (plan.kind === 'unserved') {
    deps.warnOnce.warn(`unserved:${plan.integrationId}`, { integrationId: plan.integrationId }, plan.problem);
    return 'InternalServerError';
  }
  let upstream: Upstream;
  let query: string;
  if (plan.kind === 'private') {
    const chosen = privateUpstream(plan, state, deps.warnOnce);
    if (chosen === undefined) return 'ServiceUnavailable';
    upstream = chosen;
    query = request.query;
  } else {
    upstream = plan.upstream;
    query = combineQuery(plan.uriQuery, request.query);
  }
  const path = renderUpstreamPath(
    match.route.upstreamPath,
    upstream.basePath,
    request.path,
    match.segments,
    match.trailingSlash,
  );
  const socket = req.socket;
  const headers = forwardHeaders(req.rawHeaders, upstream.host, {
    clientIp: plainIp(socket.remoteAddress),
    gatewayIp: plainIp(socket.localAddress),
    proto: 'encrypted' in socket ? 'https' : 'http',
    port: (request.viaEdge ? deps.edgePort : undefined) ?? String(socket.localPort ?? ''),
    host: request.context.host,
    epochMs: request.context.requestTimeEpoch,
    random: deps.random,
  });
  if (headers.contentLength > PAYLOAD_LIMIT_BYTES) return 'RequestEntityTooLarge';
  return {
    upstream,
    method: plan.method ?? request.method,
    path: path + query,
    headers: headers.list,
    body: headers.hasBody ? req : null,
    timeoutMs: plan.timeoutMs,
  };
}
