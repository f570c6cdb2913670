import { FunctionError, MalformedResultError, type IntegrationOutcome } from '../integrations/index.js';
import type { Logger } from '../observability/index.js';
import { GatewayError } from './gateway-error.js';
import type { RequestContext } from './request-context.js';
import type { WarnOnce } from './warn-once.js';

const SERVICE_UNAVAILABLE = GatewayError.of('ServiceUnavailable');
const INTERNAL_SERVER_ERROR = GatewayError.of('InternalServerError');
const REQUEST_ENTITY_TOO_LARGE = GatewayError.of('RequestEntityTooLarge');

/**
 * An HTTP endpoint's exchange is over: `$context.integrationLatency` (relaying the request until the
 * endpoint's response is complete, https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html
 * "IntegrationLatency"), why it failed (`integrationErrorMessage`; AWS's wording for HTTP
 * integrations is not documented), and what the client gets when no response head went out
 * (docs/compatibility.md "Decided where AWS is silent"; docs/reference/dataplane.md §3.5): timeout,
 * refused/unreachable/reset → 503; a response that is not HTTP → 500 (AWS documents no 502 for HTTP
 * APIs, and uses 500 for malformed Lambda responses); over the payload quota → 413. Nothing more is
 * sent once the client is gone or the head was out (the connection was cut instead).
 */
export function settleHttpOutcome(
  context: RequestContext,
  outcome: IntegrationOutcome,
  latencyMs: number,
  logger: Logger,
): GatewayError | undefined {
  context.integrationLatency = latencyMs;
  if (outcome.kind === 'responded') return undefined;
  const { requestId } = context;
  const err = outcome.error;
  switch (outcome.failure) {
    case 'timeout':
      context.integrationErrorMessage = 'The integration did not respond within its timeout';
      context.errorResponseType = 'INTEGRATION_TIMEOUT';
      logger.debug({ requestId, err }, 'integration timeout: answering 503');
      return SERVICE_UNAVAILABLE;
    case 'unreachable':
      context.integrationErrorMessage = `The integration could not be reached${err ? `: ${err.message}` : ''}`;
      logger.debug({ requestId, err }, 'integration unreachable: answering 503');
      return SERVICE_UNAVAILABLE;
    case 'malformed-response':
      context.integrationErrorMessage = outcome.detail ?? 'The integration sent a response that is not HTTP/1.1';
      context.errorResponseType = 'INTEGRATION_FAILURE';
      logger.debug({ requestId, err }, 'integration sent a malformed response: answering 500');
      return INTERNAL_SERVER_ERROR;
    case 'payload-too-large':
      return REQUEST_ENTITY_TOO_LARGE;
    case 'broken-after-head':
      context.integrationErrorMessage = outcome.detail ?? 'The integration response ended before its body was complete';
      // A response cut for passing the payload quota is the backend's fault, worth telling the operator.
      if (outcome.detail !== undefined) logger.warn({ requestId, err }, `${outcome.detail}: the response was cut off`);
      else logger.debug({ requestId, err }, 'integration exchange ended early: broken-after-head');
      return undefined;
    case 'client-aborted':
      context.integrationErrorMessage = 'The client closed the connection before the response was complete';
      logger.debug({ requestId, err }, 'integration exchange ended early: client-aborted');
      return undefined;
    default:
      logger.error({ requestId, err }, 'could not send the integration request');
      return INTERNAL_SERVER_ERROR;
  }
}

export interface LambdaCall {
  readonly integrationId: string;
  readonly functionUri: string;
}

/**
 * A Lambda proxy integration's call is over (docs/reference/dataplane.md §5.2): a function error, a
 * malformed result or a function that cannot be invoked → 500; a timeout → 503. Lambda itself
 * answered (200, `$context.integrationStatus`) unless the call timed out or never happened; the
 * function's own status is `$context.integration.status`.
 */
export function settleLambdaOutcome(
  context: RequestContext,
  outcome: IntegrationOutcome,
  latencyMs: number,
  call: LambdaCall,
  deps: { readonly logger: Logger; readonly warnOnce: WarnOnce },
): GatewayError | undefined {
  context.integrationLatency = latencyMs;
  if (outcome.kind === 'responded') {
    context.integrationStatus = 200;
    context.integrationResponseStatus = outcome.status;
    return undefined;
  }
  const { requestId } = context;
  const { functionUri } = call;
  context.integrationErrorMessage = outcome.detail ?? outcome.error?.message ?? outcome.failure;
  switch (outcome.failure) {
    case 'timeout':
      return SERVICE_UNAVAILABLE;
    case 'unavailable':
      deps.warnOnce.warn(
        `lambda:${functionUri}`,
        { integrationId: call.integrationId, function: functionUri },
        `${outcome.detail}: answering 500`,
      );
      return INTERNAL_SERVER_ERROR;
    default:
      break;
  }
  context.integrationStatus = 200;
  const error = outcome.error;
  if (error instanceof FunctionError) {
    // Logged the way Lambda's runtime logs "Invoke Error", with the request ids.
    const { errorType, errorMessage, trace } = error.lambdaError;
    deps.logger.warn(
      { requestId, awsRequestId: error.awsRequestId, function: functionUri, errorType, errorMessage, trace },
      `Invoke Error: ${errorType}: ${errorMessage}`,
    );
  } else if (error instanceof MalformedResultError)
    deps.logger.warn({ requestId, function: functionUri, payload: error.payload.slice(0, 1000) }, error.message);
  return INTERNAL_SERVER_ERROR;
}
