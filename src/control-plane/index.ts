export * from './context.js';
export * from './control-plane.js';
export * from './input.js';
export * from './operations/index.js';
export * from './service-errors.js';
export { buildServingConfig, type ServingConfigSettings } from './serving-config.js';
export { apiOutput, type ApiOutput } from './operations/apis.js';
export { isPrivateTargetArn } from './operations/integration-rules.js';
// The wire protocol loads with the first control-plane request (rest-json/lazy-handler.ts).
export { createRestJsonHandler } from './rest-json/lazy-handler.js';
export { isControlPlaneRequest } from './rest-json/request-target.js';
export type { ControlPlaneLogger, RestJsonHandlerOptions } from './rest-json/handler.js';
export {
  createSigV4Verifier,
  parseAuthorization,
  type SignedRequest,
  type SigV4Credentials,
  type SigV4Error,
  type SigV4Identity,
  type SigV4Result,
  type SigV4Verifier,
} from '../sigv4/index.js';
export { exportApi, importApi, reimportApi } from './openapi/index.js';
export { checkQuota, DEFAULT_QUOTAS, FIXED_QUOTAS, quotaNames, type AdjustableQuotas } from './quotas.js';
