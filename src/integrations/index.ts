export { createTargetMap, suggestedTargetKey, type TargetMapOptions, type TargetResolver } from './target-map.js';
export { UpstreamPools, type Upstream } from './upstream-pools.js';
export { PAYLOAD_LIMIT_BYTES } from './counted-body.js';
export {
  invokeHttpProxy,
  type HeadWriter,
  type HttpIntegrationRequest,
  type IntegrationFailure,
  type IntegrationOutcome,
} from './http-proxy.js';
export { connectionNominees, isHeader, isHopByHop } from './hop-by-hop.js';
