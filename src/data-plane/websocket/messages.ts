import type { Stage } from '../../model/index.js';
import type { ConnectDependencies } from './connect.js';
import type { Connection } from './connection.js';
import { integrate } from './integrate.js';
import type { IntegrationCall, IntegrationResult } from './integration-call.js';
import { evaluateSelection, parseMessageJson } from './selection-expression.js';
import { WebSocketContext } from './websocket-context.js';
import type { WebSocketRoute } from './websocket-deployment.js';
import { messageEvent } from './websocket-events.js';
import type { WebSocketTelemetry } from './websocket-telemetry.js';

export interface WebSocketDependencies extends ConnectDependencies {
  /** `requestId`, `messageId` and connection ids: 15 base64 characters and "=", AWS's shape. */
  readonly requestId: () => string;
  readonly telemetry: WebSocketTelemetry;
}

/**
 * The frame AWS sends when it cannot handle a message, exactly as captured from API Gateway
 * (`{"message": "Forbidden", "connectionId":"XDmENcnwIE0CFEQ=", "requestId":"XDmGEE2RoE0FRdQ="}`,
 * https://github.com/aws-samples/simple-websockets-chat-app/issues/24; "Internal server error" for a
 * failed integration, https://github.com/middyjs/middy/issues/1219): the spacing is AWS's.
 */
export function errorFrame(message: string, connectionId: string, requestId: string): string {
  return `{"message": "${message}", "connectionId":"${connectionId}", "requestId":"${requestId}"}`;
}

/**
 * The route for a message (https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-routes.html):
 * the route whose key equals the evaluated selection expression, else `$default`; a message that is
 * not JSON goes to `$default` too. undefined: no route, answered with the Forbidden frame.
 */
export function selectRoute(connection: Connection, message: string): WebSocketRoute | undefined {
  const deployment = connection.deployment();
  const selection = deployment.selection;
  if (selection === undefined) return deployment.fallback;
  const key = evaluateSelection(selection, selection.readsBody ? parseMessageJson(message) : undefined);
  return (key === undefined ? undefined : deployment.routes.get(key)) ?? deployment.fallback;
}

/**
 * A route's integration, invoked and recorded in the context: its latency, its status (4xx/5xx
 * counted as IntegrationError) or, when it failed, its message (counted as ExecutionError).
 */
export async function integrateRecorded(call: IntegrationCall, stage: Stage, deps: WebSocketDependencies): Promise<IntegrationResult> {
  const { context } = call;
  const invokedAt = deps.clock.now();
  const result = await integrate(call, deps);
  context.integrationLatency = deps.clock.now() - invokedAt;
  if (result.kind === 'failed') {
    context.integrationErrorMessage = result.detail;
    deps.telemetry.count(stage, context, 'ExecutionError');
  } else {
    context.integrationStatus = result.status;
    if (result.status >= 400) deps.telemetry.count(stage, context, 'IntegrationError');
  }
  return result;
}

function send(connection: Connection, text: string, context: WebSocketContext, deps: WebSocketDependencies): void {
  connection.socket.send(text);
  deps.telemetry.count(connection.stage(), context, 'MessageCount');
}

/**
 * One text message from the client: route selection, throttling, the route's integration, and —
 * for a two-way route (a `$default` route response) — the integration's body back to the client,
 * whatever its status, as AWS does (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-response.html).
 * A failed integration is answered with the "Internal server error" frame; the connection stays open.
 */
export async function handleMessage(connection: Connection, message: string, deps: WebSocketDependencies): Promise<void> {
  const now = deps.clock.now();
  connection.lastActiveAt = now;
  const route = selectRoute(connection, message);
  const context = new WebSocketContext(connection.facts, 'MESSAGE', deps.requestId(), now, route?.routeKey ?? '-', deps.requestId());
  const stage = connection.stage();
  deps.telemetry.count(stage, context, 'MessageCount');
  try {
    if (route === undefined) return refuse(connection, context, 403, 'Forbidden', deps);
    if (!deps.throttle.admit(connection.facts.apiId, stage, route.routeKey, now))
      return refuse(connection, context, 429, 'Too Many Requests', deps);
    const plan = route.integration;
    if (plan === undefined) return refuse(connection, context, 500, 'Internal server error', deps);
    const result = await integrateRecorded(
      {
        plan,
        context,
        event: () => messageEvent(context, message),
        message,
        handshake: connection.handshake,
        stageVariables: stage.stageVariables,
      },
      stage,
      deps,
    );
    if (result.kind === 'failed') {
      deps.logger.warn(
        { connectionId: connection.connectionId, routeKey: route.routeKey },
        `WebSocket integration failed: ${result.detail}`,
      );
      return refuse(connection, context, 500, 'Internal server error', deps, 'INTEGRATION_FAILURE');
    }
    context.status = 200;
    if (route.twoWay && result.body.length > 0 && !connection.disconnected) send(connection, result.body.toString('utf8'), context, deps);
  } finally {
    deps.telemetry.record(stage, context);
  }
}

function refuse(
  connection: Connection,
  context: WebSocketContext,
  status: number,
  message: string,
  deps: WebSocketDependencies,
  responseType?: string,
): void {
  context.status = status;
  context.errorMessage = message;
  context.errorResponseType = responseType ?? (status === 403 ? 'ACCESS_DENIED' : status === 429 ? 'THROTTLED' : 'DEFAULT_5XX');
  if (status < 500) deps.telemetry.count(connection.stage(), context, 'ClientError');
  if (!connection.disconnected) send(connection, errorFrame(message, connection.connectionId, context.requestId), context, deps);
}
