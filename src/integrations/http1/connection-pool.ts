import { connect as netConnect, isIP, type NetConnectOpts, type Socket } from 'node:net';
import { connect as tlsConnect, createSecureContext, rootCertificates, type SecureContext } from 'node:tls';
import type { ExchangeHandler, UpstreamRequest } from './exchange.js';
import { UpstreamConnection, type ConnectionOwner } from './upstream-connection.js';
import { UpstreamError } from './upstream-error.js';

export interface ConnectionPoolOptions {
  /** For `https:` origins: the name sent as SNI and checked in the certificate, and extra trusted CAs (PEM). */
  readonly tls?: { readonly serverName?: string | undefined; readonly ca?: readonly string[] | undefined } | undefined;
  /** TCP + TLS set-up limit. Default 10 s (undici's). */
  readonly connectTimeoutMs?: number;
  /** How long an unused connection is kept without a `Keep-Alive: timeout` hint. Default 4 s (undici's). */
  readonly keepAliveMs?: number;
  /** Longest pause between body bytes once the head arrived. Default 300 s (undici's). */
  readonly bodyTimeoutMs?: number;
  /** How often idle connections and body timeouts are checked. Default 1 s. */
  readonly sweepMs?: number;
}

/**
 * The buffer every plain-TCP upstream connection of the process reads into (net.connect's `onread`).
 * Node's default read path allocates 64 KiB for each read, then a zeroed buffer of the read's size
 * and a copy into it; here a read costs nothing until the parser turns the head into strings and
 * copies out the body pieces it hands on. One buffer serves every socket: reads are delivered one at
 * a time on this thread, and nothing keeps a reference into it after its callback.
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

/**
 * Keep-alive HTTP/1.1 connections to one origin: an idle connection is reused (most recently used
 * first, the one least likely to have been closed by the server), else a new one is opened for the
 * request; there is no limit on connections and no queue, as with undici's Pool by default. Idle
 * connections close after their keep-alive time; a sweep (once a second) also enforces the body timeout.
 */
export class ConnectionPool implements ConnectionOwner {
  readonly origin: string;
  readonly #host: string;
  readonly #port: number;
  readonly #secure: boolean;
  readonly #servername: string | undefined;
  readonly #secureContext: SecureContext | undefined;
  #session: Buffer | undefined;
  readonly #connectTimeoutMs: number;
  readonly #keepAliveMs: number;
  readonly #bodyTimeoutTicks: number;
  readonly #sweepMs: number;
  readonly #idle: UpstreamConnection[] = [];
  readonly #all = new Set<UpstreamConnection>();
  #sweeper: NodeJS.Timeout | undefined;
  #closed = false;
  #drained: (() => void) | undefined;
  tick = 0;

  constructor(origin: string, options: ConnectionPoolOptions = {}) {
    const url = new URL(origin);
    this.origin = url.origin;
    this.#secure = url.protocol === 'https:';
    this.#host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    this.#port = url.port === '' ? (this.#secure ? 443 : 80) : Number(url.port);
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.#keepAliveMs = options.keepAliveMs ?? 4_000;
    this.#sweepMs = options.sweepMs ?? 1_000;
    this.#bodyTimeoutTicks = Math.ceil((options.bodyTimeoutMs ?? 300_000) / this.#sweepMs);
    // SNI names a host, never an address (RFC 6066 §3); the operator's CAs are trusted beside Node's roots.
    this.#servername = options.tls?.serverName ?? (isIP(this.#host) === 0 ? this.#host : undefined);
    const ca = options.tls?.ca;
    this.#secureContext =
      this.#secure && ca !== undefined && ca.length > 0 ? createSecureContext({ ca: [...rootCertificates, ...ca] }) : undefined;
  }

  /** Connections open or opening. */
  get size(): number {
    return this.#all.size;
  }

  dispatch(request: UpstreamRequest, handler: ExchangeHandler): void {
    if (this.#closed) return handler.onError(new UpstreamError('closed-pool', 'upstream pools are closed'));
    const idle = this.#idle;
    while (idle.length > 0) {
      const connection = idle.pop() as UpstreamConnection;
      if (connection.socket.destroyed || performance.now() - connection.idleSince >= connection.keepAliveMs) {
        connection.close();
        continue;
      }
      connection.start(request, handler);
      return;
    }
    this.#open(request, handler);
  }

  release(connection: UpstreamConnection): void {
    if (this.#closed) return connection.close();
    connection.idleSince = performance.now();
    this.#idle.push(connection);
    this.#checkDrained();
  }

  forget(connection: UpstreamConnection): void {
    if (!this.#all.delete(connection)) return;
    const at = this.#idle.lastIndexOf(connection);
    if (at >= 0) this.#idle.splice(at, 1);
    if (this.#all.size === 0 && this.#sweeper !== undefined) {
      clearInterval(this.#sweeper);
      this.#sweeper = undefined;
    }
    this.#checkDrained();
  }

  retry(request: UpstreamRequest, handler: ExchangeHandler): void {
    if (this.#closed) return handler.onError(new UpstreamError('closed', 'other side closed'));
    this.#open(request, handler);
  }

  /** Let exchanges in flight finish for up to `graceMs`, then cut whatever is left. */
  async close(graceMs = 2_000): Promise<void> {
    this.#closed = true;
    for (const connection of [...this.#idle]) connection.close();
    if (this.#all.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.#drained = resolve;
        timer = setTimeout(resolve, graceMs);
      });
      clearTimeout(timer);
      const gone = new UpstreamError('closed-pool', 'upstream pools are closed');
      for (const connection of [...this.#all]) connection.destroy(gone);
    }
    if (this.#sweeper !== undefined) clearInterval(this.#sweeper);
    this.#sweeper = undefined;
  }

  #checkDrained(): void {
    if (this.#drained !== undefined && this.#all.size === this.#idle.length) {
      const drained = this.#drained;
      this.#drained = undefined;
      drained();
    }
  }

  #open(request: UpstreamRequest, handler: ExchangeHandler): void {
    // TLS sockets read through their own stream (no `onread`): they emit 'data' as usual. A read
    // callback runs only once the socket is connected, when `connection` below has long been set.
    const socket: Socket = this.#secure
      ? tlsConnect({
          host: this.#host,
          port: this.#port,
          servername: this.#servername,
          secureContext: this.#secureContext,
          session: this.#session,
          ALPNProtocols: ['http/1.1'],
        })
      : netConnect(this.#tcpOptions((length) => connection.onRead(READ_BUFFER, length)));
    const connection = new UpstreamConnection(this, socket, !this.#secure, this.#keepAliveMs, request, handler);
    this.#all.add(connection);
    this.#sweeper ??= setInterval(this.#sweep, this.#sweepMs).unref();
    const timeoutMs = this.#connectTimeoutMs;
    const onTimeout = (): void => {
      socket.destroy(new UpstreamError('connect-timeout', `connect timeout after ${timeoutMs} ms (${this.#host}:${this.#port})`));
    };
    socket.setTimeout(timeoutMs, onTimeout);
    if (this.#secure) socket.on('session', (session: Buffer) => (this.#session = session));
    socket.once(this.#secure ? 'secureConnect' : 'connect', () => {
      socket.setTimeout(0);
      socket.off('timeout', onTimeout);
      socket.setNoDelay(true);
      socket.setKeepAlive(true, 60_000);
      connection.onConnected();
    });
  }

  #tcpOptions(onRead: (length: number) => void): NetConnectOpts {
    // Node passes `highWaterMark` on to the socket's streams though its types omit it: above one read
    // (see server/listen.ts), writes of a large body report no backpressure that is not there.
    const options: NetConnectOpts & { highWaterMark: number } = {
      host: this.#host,
      port: this.#port,
      highWaterMark: 128 * 1024,
      onread: {
        buffer: READ_BUFFER,
        callback: (length) => {
          onRead(length);
          return true;
        },
      },
    };
    return options;
  }

  readonly #sweep = (): void => {
    this.tick++;
    const now = performance.now();
    for (const connection of this.#all) {
      if (!connection.busy) {
        if (now - connection.idleSince >= connection.keepAliveMs) connection.close();
      } else if (connection.readingBody && this.tick - connection.lastReadTick > this.#bodyTimeoutTicks)
        connection.destroy(new UpstreamError('body-timeout', 'no response body bytes within the body timeout'));
    }
  };
}
