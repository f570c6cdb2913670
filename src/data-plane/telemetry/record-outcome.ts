import type { IntegrationOutcome } from '../../integrations/index.js';
import { GATEWAY_ERRORS, type GatewayErrorKind } from '../gateway-errors.js';
import type { RequestContext } from '../request-context.js';

/**
 * `$context.error.responseType` of each gateway error. HTTP APIs have no gateway-response
 * customisation, yet the variable exists; its values for HTTP APIs are not documented, so these are
 * the REST gateway response types that describe the same errors (https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html).
 */
const RESPONSE_TYPES: Readonly<Record<GatewayErrorKind, string>> = {
  NotFound: 'RESOURCE_NOT_FOUND',
  Forbidden: 'ACCESS_DENIED',
  Unauthorized: 'UNAUTHORIZED',
  RequestEntityTooLarge: 'REQUEST_TOO_LARGE',
  TooManyRequests: 'THROTTLED',
  InternalServerError: 'DEFAULT_5XX',
  ServiceUnavailable: 'INTEGRATION_FAILURE',
};

// `{"message":"…"}` bodies are ASCII: their length in bytes is their length in characters.
const BODY_LENGTHS = Object.fromEntries(
  Object.entries(GATEWAY_ERRORS).map(([kind, { message }]) => [kind, JSON.stringify({ message }).length]),
) as Record<GatewayErrorKind, number>;

/**
 * The gateway answered with an error from its table: its status, `error.message` (the body's
 * message) and `error.responseType` go to the access log and metrics. A stage that already named a
 * more precise response type (an integration timeout, an authorizer failure) keeps it.
 */
export function recordGatewayError(context: RequestContext | undefined, kind: GatewayErrorKind): void {
  if (context === undefined) return;
  const error = GATEWAY_ERRORS[kind];
  context.status = error.status;
  context.errorMessage = error.message;
  if (context.errorResponseType === '') context.errorResponseType = RESPONSE_TYPES[kind];
  context.responseLength = BODY_LENGTHS[kind];
}

/**
 * The integration was called: `integrationLatency` (relaying the request until the backend's
 * response is complete, https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html "IntegrationLatency") and, when it failed, why
 * (`integrationErrorMessage`; AWS's wording for HTTP integrations is not documented).
 */
export function recordIntegration(context: RequestContext, outcome: IntegrationOutcome, latencyMs: number): void {
  context.integrationLatency = latencyMs;
  if (outcome.kind === 'responded') return;
  switch (outcome.failure) {
    case 'timeout':
      context.integrationErrorMessage = 'The integration did not respond within its timeout';
      context.errorResponseType = 'INTEGRATION_TIMEOUT';
      return;
    case 'unreachable':
      context.integrationErrorMessage = `The integration could not be reached${outcome.error ? `: ${outcome.error.message}` : ''}`;
      return;
    case 'malformed-response':
      context.integrationErrorMessage = 'The integration sent a response that is not HTTP/1.1';
      context.errorResponseType = 'INTEGRATION_FAILURE';
      return;
    case 'broken-after-head':
      context.integrationErrorMessage = 'The integration response ended before its body was complete';
      return;
    case 'client-aborted':
      context.integrationErrorMessage = 'The client closed the connection before the response was complete';
      return;
    default:
      return;
  }
}
