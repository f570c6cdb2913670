export { Gateway, type GatewayOptions } from './gateway.js';
export { GATEWAY_ERRORS, type GatewayErrorKind } from './gateway-errors.js';
export { DEFAULT_ACCOUNT_LIMITS, InProcessBucketStore, type BucketStore, type ThrottleLimits } from './throttle/index.js';
