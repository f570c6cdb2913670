import type { Connection } from './connection.js';
import { integrateRecorded, type WebSocketDependencies } from './messages.js';
import { WebSocketContext } from './websocket-context.js';
import { disconnectEvent } from './websocket-events.js';

/**
 * `$disconnect`, once per connection, after it closed for any reason (the client's close frame, the
 * gateway's — idle, too old, `DeleteConnection`, a limit —, or a dropped socket): the close code and
 * reason go into the event (`disconnectStatusCode`, `disconnectReason`). AWS calls it best effort and
 * ignores its result (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-keys-connect-disconnect.html).
 */
export async function runDisconnect(connection: Connection, code: number, reason: string, deps: WebSocketDependencies): Promise<void> {
  if (connection.disconnected) return;
  connection.disconnected = true;
  // The gateway's own close is what happened, whatever the client echoed (or whether it did).
  const closed = connection.serverClose ?? { code, reason };
  const now = deps.clock.now();
  const route = connection.deployment().disconnect;
  const context = new WebSocketContext(connection.facts, 'DISCONNECT', deps.requestId(), now, '$disconnect', undefined);
  const stage = connection.stage();
  context.status = 200;
  try {
    const plan = route?.integration;
    if (plan === undefined) return;
    const result = await integrateRecorded(
      {
        plan,
        context,
        event: () => disconnectEvent(context, closed.code, closed.reason),
        message: undefined,
        handshake: connection.handshake,
        stageVariables: stage.stageVariables,
      },
      stage,
      deps,
    );
    if (result.kind === 'failed')
      deps.logger.warn({ connectionId: connection.connectionId }, `$disconnect integration failed: ${result.detail}`);
  } finally {
    deps.telemetry.record(stage, context);
  }
}
