import type { Connection } from './connection.js';
import { WEBSOCKET_LIMITS } from './limits.js';

/** What drives the sweep for idle and over-age connections: real intervals, or a test's hand. */
export interface SweepTimer {
  /** Call `tick` every `ms` until the returned function is called. */
  every(ms: number, tick: () => void): () => void;
}

export const realSweepTimer: SweepTimer = {
  every(ms, tick) {
    const handle = setInterval(tick, ms);
    handle.unref();
    return () => clearInterval(handle);
  },
};

export interface ConnectionLimits {
  readonly idleMs: number;
  readonly maxConnectionMs: number;
}

/**
 * The open connections of this process, by id: what `@connections` reads and the sweep walks.
 * AWS closes a connection after 10 minutes without a message and after 2 hours in any case
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html): the sweep compares
 * each connection's times with the clock instead of arming a timer per connection and message.
 */
export class ConnectionRegistry {
  readonly #connections = new Map<string, Connection>();
  readonly #limits: ConnectionLimits;

  constructor(limits: Partial<ConnectionLimits> = {}) {
    this.#limits = {
      idleMs: limits.idleMs ?? WEBSOCKET_LIMITS.idleMs,
      maxConnectionMs: limits.maxConnectionMs ?? WEBSOCKET_LIMITS.maxConnectionMs,
    };
  }

  get size(): number {
    return this.#connections.size;
  }

  add(connection: Connection): void {
    this.#connections.set(connection.connectionId, connection);
  }

  get(connectionId: string): Connection | undefined {
    return this.#connections.get(connectionId);
  }

  delete(connection: Connection): void {
    if (this.#connections.get(connection.connectionId) === connection) this.#connections.delete(connection.connectionId);
  }

  all(): Connection[] {
    return [...this.#connections.values()];
  }

  /** Close what has been idle or open too long at `now`; AWS's close says "Going away" (1001). */
  sweep(now: number): void {
    const { idleMs, maxConnectionMs } = this.#limits;
    for (const connection of this.#connections.values()) {
      if (connection.serverClose !== undefined) continue;
      if (now - connection.lastActiveAt >= idleMs || now - connection.facts.connectedAt >= maxConnectionMs)
        connection.close(1001, 'Going away');
    }
  }
}
