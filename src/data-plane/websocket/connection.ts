import type { WebSocket } from 'ws';
import type { Stage } from '../../model/index.js';
import type { ConnectionFacts } from './websocket-context.js';
import type { CompiledWebSocketDeployment } from './websocket-deployment.js';
import type { HandshakeFacts } from './websocket-events.js';

/** Why the gateway closed a connection itself: the close frame it sent, and what `$disconnect` reports. */
export interface ServerClose {
  readonly code: number;
  readonly reason: string;
}

/**
 * One open WebSocket connection: its facts (fixed at `$connect`), the `ws` socket, when it was last
 * active (idle timeout, `LastActiveAt`), and how it is closing. Messages are routed with the
 * stage's current deployment (`deployment()`), as a new deployment takes effect for open
 * connections on AWS too; the one it connected with serves when its stage is gone.
 */
export class Connection {
  /** Epoch ms of the client's last message or ping (`GetConnection` `LastActiveAt`). */
  lastActiveAt: number;
  /** Set when the gateway itself closes the connection (idle, too old, `DeleteConnection`, a limit). */
  serverClose: ServerClose | undefined = undefined;
  /** `$disconnect` ran (or is running): it runs once per connection. */
  disconnected = false;

  constructor(
    readonly facts: ConnectionFacts,
    readonly socket: WebSocket,
    readonly handshake: HandshakeFacts,
    private readonly connectedWith: CompiledWebSocketDeployment,
    private readonly current: () => { deployment: CompiledWebSocketDeployment | undefined; stage: Stage } | undefined,
    private readonly connectedStage: Stage,
  ) {
    this.lastActiveAt = facts.connectedAt;
  }

  get connectionId(): string {
    return this.facts.connectionId;
  }

  /** The deployment that serves this connection's next message. */
  deployment(): CompiledWebSocketDeployment {
    return this.current()?.deployment ?? this.connectedWith;
  }

  /** The stage's live settings (throttling, access logs, variables). */
  stage(): Stage {
    return this.current()?.stage ?? this.connectedStage;
  }

  /** Close from the gateway's side with a close frame; `$disconnect` reports this code and reason. */
  close(code: number, reason: string): void {
    this.serverClose ??= { code, reason };
    this.socket.close(code, reason);
  }
}
