export {
  createTargetMap,
  layerTargets,
  suggestedTargetKey,
  type TargetInstance,
  type TargetLookup,
  type TargetMapOptions,
  type TargetResolver,
  type TargetSpec,
} from './target-map.js';
export { describeFilters, type InstanceFilters } from './cloud-map-filters.js';
export { TargetGroup } from './target-group.js';
export { DEFAULT_QUARANTINE_MS, TargetHealth, type TargetHealthEvent } from './target-health.js';
export { UpstreamPools, type Upstream, type UpstreamTls } from './upstream-pools.js';
export { PAYLOAD_LIMIT_BYTES } from './counted-body.js';
export { callBuffered, type BufferedCallRequest, type BufferedCallResult, type BufferedResponse } from './buffered-call.js';
export {
  invokeHttpProxy,
  type HeadWriter,
  type HttpIntegrationRequest,
  type IntegrationFailure,
  type IntegrationOutcome,
} from './http-proxy.js';
export { connectionNominees, isHeader, isHopByHop } from './hop-by-hop.js';
