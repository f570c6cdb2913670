import type { ContextValue } from '../../observability/index.js';
import type { WebSocketContext } from './websocket-context.js';

type Getter = ContextValue<WebSocketContext>;

const measured = (n: number): string => (n < 0 ? '' : String(n));
const statusText = (n: number): string => (n === 0 ? '' : String(n));
const none: Getter = () => '';

/**
 * The `$context` variables of WebSocket API access logs
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-logging.html), by the
 * name after `$context.`; a getter returning '' writes `-`, as does a variable WebSocket APIs do not have.
 */
const VARIABLES: ReadonlyMap<string, Getter> = new Map<string, Getter>([
  ['apiId', (c) => c.connection.apiId],
  ['authorize.error', (c) => c.authorizeError],
  ['authorize.latency', (c) => measured(c.authorizeLatency)],
  ['authorize.status', (c) => statusText(c.authorizeStatus)],
  ['authorizer.error', (c) => c.authorizerError],
  ['authorizer.integrationLatency', (c) => (c.authorization?.kind === 'lambda' ? String(c.authorization.latencyMs) : '')],
  ['authorizer.integrationStatus', (c) => statusText(c.authorizerIntegrationStatus)],
  ['authorizer.latency', (c) => measured(c.authorizeLatency)],
  ['authorizer.requestId', none],
  ['authorizer.status', (c) => statusText(c.authorizeStatus)],
  ['awsEndpointRequestId', none],
  ['connectedAt', (c) => String(c.connection.connectedAt)],
  ['connectionId', (c) => c.connection.connectionId],
  ['customDomain.basePathMatched', (c) => c.connection.basePathMatched ?? ''],
  ['domainName', (c) => c.connection.domainName],
  ['error.message', (c) => c.errorMessage],
  ['error.messageString', (c) => `"${c.errorMessage === '' ? '-' : c.errorMessage}"`],
  ['error.responseType', (c) => c.errorResponseType],
  ['error.validationErrorString', none],
  ['eventType', (c) => c.eventType],
  ['extendedRequestId', (c) => c.extendedRequestId],
  ['identity.accountId', (c) => c.identity?.accountId ?? ''],
  ['identity.caller', (c) => c.identity?.caller ?? ''],
  ['identity.sourceIp', (c) => c.connection.sourceIp],
  ['identity.user', (c) => c.identity?.user ?? ''],
  ['identity.userAgent', (c) => c.connection.userAgent ?? ''],
  ['identity.userArn', (c) => c.identity?.userArn ?? ''],
  ['integration.error', (c) => c.integrationErrorMessage],
  ['integration.integrationStatus', (c) => statusText(c.integrationStatus)],
  ['integration.latency', (c) => measured(c.integrationLatency)],
  ['integration.requestId', none],
  ['integration.status', (c) => statusText(c.integrationStatus)],
  ['integrationLatency', (c) => measured(c.integrationLatency)],
  ['integrationStatus', (c) => statusText(c.integrationStatus)],
  ['messageId', (c) => c.messageId ?? ''],
  ['requestId', (c) => c.requestId],
  ['requestTime', (c) => c.requestTime],
  ['requestTimeEpoch', (c) => String(c.requestTimeEpoch)],
  ['routeKey', (c) => c.routeKey],
  ['stage', (c) => c.connection.stage],
  ['status', (c) => statusText(c.status)],
]);

function leafText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** `$context.<name>` of a WebSocket event, or undefined for a variable WebSocket APIs do not have (written `-`). */
export function webSocketVariable(name: string): Getter | undefined {
  const fixed = VARIABLES.get(name);
  if (fixed !== undefined) return fixed;
  // `$context.authorizer.<key>`: a Lambda authorizer's context key or `principalId`.
  if (name.startsWith('authorizer.')) {
    const key = name.slice('authorizer.'.length);
    return (c) => leafText(c.authorizer[key]);
  }
  return undefined;
}
