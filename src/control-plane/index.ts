export * from './context.js';
export * from './control-plane.js';
export * from './input.js';
export * from './operations/index.js';
export * from './service-errors.js';
export { apiOutput, type ApiOutput } from './operations/apis.js';
export { isPrivateTargetArn } from './operations/integration-rules.js';
