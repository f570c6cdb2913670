export { Gateway, type GatewayOptions } from './gateway.js';
export type { GatewayRequest, GatewayResponse } from './in-process.js';
export type { JwksSource } from './authorizers/jwks-cache.js';
export { connectionErrorBytes, REQUEST_HEAD_LIMIT_BYTES, requestHeadSize, type ConnectionErrorKind } from './gateway-error.js';
export { createRequestIdGenerator } from './request-id.js';
export { findHeader, type ClientRequest } from './client-request.js';
export { assertResponseField } from './response-fields.js';
export { closeWhenUploadStops } from './lingering-close.js';
export { DEFAULT_ACCOUNT_LIMITS, InProcessBucketStore, type BucketLevel, type BucketStore, type ThrottleLimits } from './throttle/index.js';
export { BucketLedger, LeasedBucketStore, type LeaseToLedger, type LeaseToWorker } from './throttle/index.js';
export { RedisBucketStore, type RedisBucketStoreOptions } from './throttle/index.js';
export {
  ownerOfConnectionId,
  type ConnectionAddress,
  type ConnectionAnswer,
  type ConnectionCommand,
  type RemoteConnections,
} from './websocket/connection-commands.js';
export {
  CAPTURE_LIMIT_BYTES,
  type CapturedBody,
  type InvocationObserver,
  type InvocationRecord,
  type IntegrationRecord,
} from './observer.js';
export { contextVariable } from './telemetry/context-variables.js';
