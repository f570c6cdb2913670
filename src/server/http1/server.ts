import { createServer, type Server, type Socket } from 'node:net';
import { Http1Connection } from './connection.js';
import type { Http1Handlers } from './exchanges.js';

export interface Http1ServerOptions {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  idleTimeoutMs: number;
  /** llhttp's bound on a head (431 past it). */
  maxHeaderSize: number;
  /** Bytes a client socket buffers in each direction. */
  highWaterMark: number;
}

/**
 * The edge's own HTTP/1.1 server on `net` sockets (docs/architecture.md, "The client side"): llhttp,
 * the parser node:http runs, frames every request, so the framing rules and defences are node:http's;
 * what is left out is node:http's per-request machinery (IncomingMessage and ServerResponse streams,
 * header objects) for requests that go to an API. Slow clients are checked by one sweep for all
 * connections, as node:http does.
 */
export class Http1Server {
  readonly server: Server;
  readonly #connections = new Set<Http1Connection>();
  readonly #handlers: Http1Handlers;
  readonly #options: Http1ServerOptions;
  readonly #sweep: NodeJS.Timeout;

  constructor(handlers: Omit<Http1Handlers, 'adopt'>, options: Http1ServerOptions) {
    this.#options = options;
    this.#handlers = { ...handlers, adopt: (socket) => this.#adopt(socket) };
    this.server = createServer({ allowHalfOpen: true, noDelay: true, highWaterMark: options.highWaterMark }, (socket) =>
      this.#adopt(socket),
    );
    const { headersTimeoutMs, requestTimeoutMs } = options;
    this.#sweep = setInterval(
      () => {
        const now = performance.now();
        for (const connection of this.#connections) connection.checkTimeouts(now, headersTimeoutMs, requestTimeoutMs);
      },
      Math.min(1_000, Math.max(10, Math.floor(headersTimeoutMs / 4))),
    );
    this.#sweep.unref();
  }

  /** Stop accepting; idle connections close now, the rest once their exchange is done or after `graceMs`. */
  close(graceMs: number): Promise<void> {
    clearInterval(this.#sweep);
    return new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const connection of this.#connections) if (connection.idle) connection.socket.destroy();
      setTimeout(() => {
        for (const connection of this.#connections) connection.socket.destroy();
      }, graceMs).unref();
    });
  }

  #adopt(socket: Socket): void {
    socket.setTimeout(this.#options.idleTimeoutMs);
    const connection = new Http1Connection(socket, this.#handlers, this.#options.maxHeaderSize, this.#forget);
    this.#connections.add(connection);
  }

  readonly #forget = (connection: Http1Connection): void => {
    this.#connections.delete(connection);
  };
}
