import type { IncomingMessage } from 'node:http';
import {
  describeFilters,
  PAYLOAD_LIMIT_BYTES,
  suggestedTargetKey,
  type HttpIntegrationRequest,
  type TargetGroup,
  type Upstream,
} from '../integrations/index.js';
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

/** A private integration's next target, or the reason it has none (docs/reference/dataplane.md §11; docs/compatibility.md "Decided where AWS is silent": 503). */
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
  const targets = plan.targets;
  if (targets === undefined) {
    warnMissingTarget(plan, warnOnce);
    return undefined;
  }
  if (plan.note !== undefined) warnOnce.warn(`note:${plan.integrationId}`, { integrationId: plan.integrationId }, plan.note);
  // Round-robin over the targets in the rotation (passive health), as AWS spreads requests over healthy targets.
  return targets.pick();
}

function warnMissingTarget(plan: PrivateHttpPlan, warnOnce: WarnOnce): void {
  const uri = plan.integrationUri;
  const fields = { integrationId: plan.integrationId, integrationUri: uri };
  if (plan.missing?.kind === 'no-match') {
    // DiscoverInstances returned nothing for the URI's filters: no instance to call.
    const { filters, instances } = plan.missing;
    const offered = instances.map((instance) => `${instance.url} ${JSON.stringify(instance.attributes)}`).join(', ');
    warnOnce.warn(
      `filters:${plan.integrationId}:${uri}`,
      fields,
      `No Cloud Map instance of ${uri.slice(0, uri.indexOf('?'))} matches ?${describeFilters(filters)}: answering 503. ` +
        `Instances here: ${offered}. Every filter must equal one of an instance's attributes (portico.json ` +
        `{"targets": {"<service ARN>": [{"url": "http://127.0.0.1:PORT", "attributes": {...}}]}}).`,
    );
    return;
  }
  warnOnce.warn(
    `target:${uri}`,
    fields,
    `No local target for private integration ${uri}: answering 503. ` +
      `Start Portico with --target '${suggestedTargetKey(uri)}=http://127.0.0.1:PORT' (or the load balancer's name as KEY).`,
  );
}

/**
 * Build the HTTP_PROXY request (docs/reference/dataplane.md §3.2–3.3): target and path, query as sent, method
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
  // Lambda proxy integrations never get here: the pipeline hands them to ./lambda before step 7.
  if (plan.kind === 'lambda') return 'InternalServerError';
  let upstream: Upstream;
  let query: string;
  let targets: TargetGroup | undefined;
  if (plan.kind === 'private') {
    const chosen = privateUpstream(plan, state, deps.warnOnce);
    if (chosen === undefined) return 'ServiceUnavailable';
    upstream = chosen;
    query = request.query;
    // Several targets: the exchange reports their health and may move on to another (integrations/target-group.ts).
    if (plan.targets !== undefined && plan.targets.upstreams.length > 1) targets = plan.targets;
  } else {
    upstream = plan.upstream;
    query = combineQuery(plan.uriQuery, request.query);
  }
  const path = renderUpstreamPath(match.route.upstreamPath, upstream.basePath, request.path, match.segments, match.trailingSlash);
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
    targets,
  };
}
