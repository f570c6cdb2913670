export { Gateway, type GatewayOptions } from './gateway.js';
export { GATEWAY_ERRORS, type GatewayErrorKind } from './gateway-errors.js';
