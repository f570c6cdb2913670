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
export type { TargetHealthEvent } from './target-health.js';
export { UpstreamPools, type Upstream, type UpstreamTls } from './upstream-pools.js';
export { CountedBody, PAYLOAD_LIMIT_BYTES, STREAM_HIGH_WATER_BYTES } from './counted-body.js';
export type { Integration, IntegrationFailure, IntegrationOutcome } from './integration.js';
export { httpIntegration } from './http-integration.js';
export type { HttpIntegrationRequest } from './http-request.js';
export {
  FunctionError,
  LambdaIntegration,
  MalformedResultError,
  type LambdaIntegrationRequest,
  type LambdaInvoker,
} from './lambda-integration.js';
export { mockIntegration, type MockIntegrationRequest } from './mock-integration.js';
export { MOCK_STATUS_ERROR } from './mock-status.js';
export type { ResponseSink } from './response-sink.js';
export { TIMED_OUT, withTimeout } from './with-timeout.js';
export { connectionNominees, isHeader, isHopByHop } from './hop-by-hop.js';
