import type { WebSocket } from 'ws';
import type { Connection } from './connection.js';
import type { ConnectionRegistry } from './connection-registry.js';
import { runDisconnect } from './disconnect.js';
import { FrameLimit } from './frame-limit.js';
import { WEBSOCKET_LIMITS } from './limits.js';
import { handleMessage, type WebSocketDependencies } from './messages.js';

/** ws's error codes (its `WS_ERR_*`) → the close code it sent for them (RFC 6455 §7.4.1). */
const CLOSE_CODES: Readonly<Record<string, number>> = {
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: 1009,
  WS_ERR_INVALID_UTF8: 1007,
};

/**
 * Wire an open connection's events: every text message through the message step (concurrently, as
 * AWS invokes an integration per message), a binary frame closes with 1003 (AWS does not take
 * binary frames: https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-binary-media-types.html),
 * a frame over 32 KB or a message over 128 KB with 1009, and the close — whoever closed — runs `$disconnect` once.
 */
export function openConnection(
  connection: Connection,
  ws: WebSocket,
  registry: ConnectionRegistry,
  deps: WebSocketDependencies,
  track: (work: Promise<void>) => void,
): void {
  registry.add(connection);
  const socket = (ws as WebSocket & { _socket?: NodeJS.EventEmitter })._socket;
  const limit = new FrameLimit(WEBSOCKET_LIMITS.frameBytes, () => connection.close(1009, 'Message too big'));
  socket?.prependListener('data', (chunk: Buffer) => limit.feed(chunk));
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (connection.serverClose !== undefined) return;
    if (isBinary) return connection.close(1003, 'Binary frames are not supported');
    track(
      handleMessage(connection, data.toString('utf8'), deps).catch((error: unknown) =>
        deps.logger.error({ err: error, connectionId: connection.connectionId }, 'unexpected error handling a WebSocket message'),
      ),
    );
  });
  ws.on('ping', () => {
    connection.lastActiveAt = deps.clock.now();
  });
  ws.on('error', (error: Error & { code?: string }) => {
    const code = CLOSE_CODES[error.code ?? ''] ?? 1002;
    connection.serverClose ??= { code, reason: code === 1009 ? 'Message too big' : '' };
  });
  ws.on('close', (code: number, reason: Buffer) => {
    registry.delete(connection);
    track(
      runDisconnect(connection, code, reason.toString('utf8'), deps).catch((error: unknown) =>
        deps.logger.error({ err: error, connectionId: connection.connectionId }, 'unexpected error in $disconnect'),
      ),
    );
  });
}
