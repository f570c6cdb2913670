export { contextVariable } from './context-variables.js';
export { recordGatewayError, recordIntegration } from './record-outcome.js';
export { Telemetry, type TelemetryOptions } from './telemetry.js';
