import {
  describeFilters,
  PAYLOAD_LIMIT_BYTES,
  suggestedTargetKey,
  type HttpIntegrationRequest,
  type TargetGroup,
  type Upstream,
} from '../integrations/index.js';
import type { PrivateHttpPlan, PublicHttpPlan, ServingState } from './deployment.js';
import { forwardHeaders } from './forward-headers.js';
import { GatewayError } from './gateway-error.js';
import type { RoutedInvocation } from './invocation.js';
import type { RandomPool } from './random-pool.js';
import { plainIp } from './request-context.js';
import { combineQuery, renderUpstreamPath } from './upstream-path.js';
import type { WarnOnce } from './warn-once.js';

const SERVICE_UNAVAILABLE = GatewayError.of('ServiceUnavailable');
/** Stands for the client's body until the pipeline has read it (pipeline.ts). */
const EMPTY_BODY = Buffer.alloc(0);

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
 * Step 7 for HTTP_PROXY (docs/reference/dataplane.md §3.2–3.3): target and path, query as sent,
 * method (`ANY` = the client's), headers for the backend, and the client's body to stream (counted
 * against the quota as it goes). A Content-Length over the 10 MB quota is refused here, before any
 * upstream is touched. Parameter mapping comes after (map-request-parameters.ts).
 */
export function buildIntegrationRequest(
  plan: PublicHttpPlan | PrivateHttpPlan,
  routed: RoutedInvocation,
  deps: IntegrationRequestDependencies,
): HttpIntegrationRequest | GatewayError {
  const { parsed, match, request } = routed;
  let upstream: Upstream;
  let query: string;
  let targets: TargetGroup | undefined;
  if (plan.kind === 'private') {
    const chosen = privateUpstream(plan, routed.invocation.state, deps.warnOnce);
    if (chosen === undefined) return SERVICE_UNAVAILABLE;
    upstream = chosen;
    query = parsed.query;
    // Several targets: the exchange reports their health and may move on to another (integrations/target-group.ts).
    if (plan.targets !== undefined && plan.targets.upstreams.length > 1) targets = plan.targets;
  } else {
    upstream = plan.upstream;
    query = combineQuery(plan.uriQuery, parsed.query);
  }
  const path = renderUpstreamPath(match.route.upstreamPath, upstream.basePath, parsed.path, match.segments, match.trailingSlash);
  const socket = request.socket;
  const headers = forwardHeaders(request.rawHeaders, upstream.host, {
    clientIp: plainIp(socket.remoteAddress),
    gatewayIp: plainIp(socket.localAddress),
    proto: socket.encrypted === true ? 'https' : 'http',
    port: (parsed.viaEdge ? deps.edgePort : undefined) ?? String(socket.localPort ?? ''),
    host: routed.context.host,
    epochMs: routed.context.requestTimeEpoch,
    random: deps.random,
  });
  if (headers.contentLength > PAYLOAD_LIMIT_BYTES) return GatewayError.of('RequestEntityTooLarge');
  return {
    upstream,
    method: plan.method ?? parsed.method,
    path: path + query,
    headers: headers.list,
    body: headers.hasBody ? EMPTY_BODY : null,
    timeoutMs: plan.timeoutMs,
    collectResponse: match.route.responseMapping?.readsBody === true,
    targets,
  };
}
