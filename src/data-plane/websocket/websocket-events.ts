import { singleAndMulti } from '../lambda/event-input.js';
import type { WebSocketContext } from './websocket-context.js';

/**
 * The Lambda proxy events of WebSocket APIs, shaped as AWS sends them (captured events:
 * aws-lambda-go events/testdata apigw-websocket-request-send-message.json and -disconnect.json; a
 * captured `$connect` event in https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html
 * for the authorizer). Member order follows the captures.
 */

/** What the upgrade request said, kept for the `$connect` event, its authorizer and `route.request.*` parameters. */
export interface HandshakeFacts {
  /** [name as sent, value] in arrival order, hop-by-hop fields left out, gateway fields appended. */
  readonly headers: readonly (readonly [string, string])[];
  /** Every field as sent, `Connection` and `Upgrade` included (the authorizer sees them). */
  readonly allHeaders: readonly (readonly [string, string])[];
  /** Query pairs, decoded, in order. */
  readonly query: readonly (readonly [string, string])[];
  readonly stageVariables: Readonly<Record<string, string>>;
}

function identity(context: WebSocketContext): Record<string, unknown> {
  const { userAgent, sourceIp } = context.connection;
  const caller = context.identity;
  return {
    ...(caller === undefined
      ? {}
      : { accessKey: caller.accessKey, accountId: caller.accountId, caller: caller.caller, user: caller.user, userArn: caller.userArn }),
    ...(userAgent === undefined ? {} : { userAgent }),
    sourceIp,
  };
}

/** A Lambda authorizer's `principalId`, context and latency, as REST-style events carry them. */
function authorizer(context: WebSocketContext): Record<string, unknown> | undefined {
  const authorization = context.authorization;
  if (authorization?.kind !== 'lambda') return undefined;
  return {
    ...authorization.context,
    ...(authorization.principalId === undefined ? {} : { principalId: authorization.principalId }),
    integrationLatency: authorization.latencyMs,
  };
}

/** `requestContext` of every WebSocket event; `extra` sits where the captures put it (after `routeKey`). */
export function webSocketRequestContext(context: WebSocketContext, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const connection = context.connection;
  const authorized = authorizer(context);
  return {
    routeKey: context.routeKey,
    ...(context.messageId === undefined ? {} : { messageId: context.messageId }),
    ...extra,
    ...(authorized === undefined ? {} : { authorizer: authorized }),
    eventType: context.eventType,
    extendedRequestId: context.extendedRequestId,
    requestTime: context.requestTime,
    messageDirection: 'IN',
    stage: connection.stage,
    connectedAt: connection.connectedAt,
    requestTimeEpoch: context.requestTimeEpoch,
    identity: identity(context),
    requestId: context.requestId,
    domainName: connection.domainName,
    connectionId: connection.connectionId,
    apiId: connection.apiId,
  };
}

function headerMaps(pairs: readonly (readonly [string, string])[]): Record<string, unknown> {
  const { single, multi } = singleAndMulti(pairs);
  return { headers: single ?? {}, multiValueHeaders: multi ?? {} };
}

function queryMaps(pairs: readonly (readonly [string, string])[]): Record<string, unknown> {
  const { single, multi } = singleAndMulti(pairs);
  return single === null ? {} : { queryStringParameters: single, multiValueQueryStringParameters: multi };
}

/** `$connect`: the upgrade request's headers and query string, no body. */
export function connectEvent(context: WebSocketContext, handshake: HandshakeFacts): Record<string, unknown> {
  return {
    ...headerMaps(handshake.headers),
    ...queryMaps(handshake.query),
    requestContext: webSocketRequestContext(context),
    isBase64Encoded: false,
  };
}

/** A message: its text as `body` (binary frames never get this far: AWS closes with 1003). */
export function messageEvent(context: WebSocketContext, body: string): Record<string, unknown> {
  return { requestContext: webSocketRequestContext(context), body, isBase64Encoded: false };
}

/**
 * `$disconnect`: the close code and reason, and the fixed header set the capture shows (the `Host`
 * of the API and three empty fields), no body.
 */
export function disconnectEvent(context: WebSocketContext, statusCode: number, reason: string): Record<string, unknown> {
  const pairs: [string, string][] = [
    ['Host', context.connection.domainName],
    ['x-api-key', ''],
    ['X-Forwarded-For', ''],
    ['x-restapi', ''],
  ];
  return {
    ...headerMaps(pairs),
    requestContext: webSocketRequestContext(context, { disconnectStatusCode: statusCode, disconnectReason: reason }),
    isBase64Encoded: false,
  };
}

/**
 * A Lambda REQUEST authorizer's event for `$connect` (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html):
 * `type`, `methodArn` ending in `$connect`, every header as sent, the query string, stage variables
 * and the `requestContext` of the CONNECT event.
 */
export function connectAuthorizerEvent(context: WebSocketContext, handshake: HandshakeFacts, methodArn: string): Record<string, unknown> {
  const stageVariables = handshake.stageVariables;
  return {
    type: 'REQUEST',
    methodArn,
    ...headerMaps(handshake.allHeaders),
    ...queryMaps(handshake.query),
    stageVariables: Object.keys(stageVariables).length === 0 ? {} : stageVariables,
    requestContext: webSocketRequestContext(context),
  };
}
