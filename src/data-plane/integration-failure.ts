import type { IncomingMessage } from 'node:http';
import type { IntegrationOutcome } from '../integrations/index.js';
import type { Logger } from '../observability/index.js';
import type { GatewayErrorKind } from './gateway-errors.js';

/**
 * What the client gets when the integration did not produce a response head (docs/compatibility.md "Decided where AWS is silent";
 * docs/reference/dataplane.md §3.5): timeout, refused/unreachable/reset → 503 Service Unavailable; a response that
 * is not HTTP → 500 Internal Server Error (our choice: AWS documents no 502 for HTTP APIs, and uses
 * 500 for malformed Lambda responses); over the payload quota → 413. Nothing is written when the
 * client is gone or the head was already sent (the connection was cut instead).
 */
export function failureResponse(outcome: IntegrationOutcome, requestId: string, logger: Logger): GatewayErrorKind | undefined {
  if (outcome.kind === 'responded') return undefined;
  switch (outcome.failure) {
    case 'timeout':
    case 'unreachable':
      logger.debug({ requestId, err: outcome.error }, `integration ${outcome.failure}: answering 503`);
      return 'ServiceUnavailable';
    case 'malformed-response':
      logger.debug({ requestId, err: outcome.error }, 'integration sent a malformed response: answering 500');
      return 'InternalServerError';
    case 'payload-too-large':
      return 'RequestEntityTooLarge';
    case 'internal':
      logger.error({ requestId, err: outcome.error }, 'could not send the integration request');
      return 'InternalServerError';
    case 'client-aborted':
    case 'broken-after-head':
      logger.debug({ requestId, err: outcome.error }, `integration exchange ended early: ${outcome.failure}`);
      return undefined;
  }
}

/** After an error mid-upload the rest of the client's body will never be read: close instead of keep-alive. */
export function bodyLeftUnread(req: IncomingMessage, hadBody: boolean): boolean {
  return hadBody && !req.complete;
}
