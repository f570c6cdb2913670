import { createServer, ServerResponse, type IncomingMessage, type Server, type ServerOptions } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connectionErrorBytes, REQUEST_HEAD_LIMIT_BYTES, requestHeadSize, type ConnectionErrorKind } from '../data-plane/index.js';
import type { TlsMaterial } from './tls-files.js';

export interface Listening {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/** How long a client may take (slow-client limits), per server. */
export interface ClientLimits {
  /** To send the whole request head; then 408. Default 30 s. */
  headersTimeoutMs: number;
  /** To send the whole request, body included; then 408 (or a cut connection once the answer has begun). Default 60 s. */
  requestTimeoutMs: number;
  /**
   * How long a connection may stay silent before it is closed. Default 65 s: longer than common load
   * balancers' idle timeouts (60 s), so that it is never the gateway that closes a connection under a new request.
   */
  idleTimeoutMs?: number;
}

const DEFAULT_IDLE_TIMEOUT_MS = 65_000;

export const DEFAULT_CLIENT_LIMITS: ClientLimits = {
  headersTimeoutMs: 30_000,
  requestTimeoutMs: 60_000,
  idleTimeoutMs: DEFAULT_IDLE_TIMEOUT_MS,
};

/**
 * Node's own head limit sits above the quota so that the quota is checked exactly (request line plus
 * header values, not names): a head Node refuses is far past it anyway, and gets the same 431.
 */
const NODE_HEADER_LIMIT = 16_384;

/** Bytes a client connection buffers in each direction before Node applies backpressure. */
const SOCKET_HIGH_WATER_BYTES = 128 * 1024;

function answerOnSocket(socket: Socket, kind: ConnectionErrorKind): void {
  const response = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  // Once an answer has begun, a second one cannot be written: the connection is cut instead.
  if (socket.writable && (response === undefined || response === null || !response.headersSent)) {
    socket.end(connectionErrorBytes(kind));
    socket.destroySoon();
  } else socket.destroy();
}

/** Slow clients (408) and heads over Node's limit (431) get a JSON answer; other parse errors a bare 400. */
function onClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return answerOnSocket(socket, 'RequestTimeout');
  if (error.code === 'HPE_HEADER_OVERFLOW') return answerOnSocket(socket, 'RequestHeaderFieldsTooLarge');
  if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
}

/** Every request first passes the 10,240-byte quota on its request line and header values (docs/reference/dataplane.md §13). */
function withHeadQuota(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (requestHeadSize(req.method ?? '', req.url ?? '', req.rawHeaders) > REQUEST_HEAD_LIMIT_BYTES) {
      answerOnSocket(req.socket, 'RequestHeaderFieldsTooLarge');
      return;
    }
    handler(req, res);
  };
}

/** An upgrade request (node:http's 'upgrade'): true when it was taken (a WebSocket API's connection). */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;

/**
 * An upgrade request nobody took (an HTTP API, the control plane, `Upgrade: h2c`…) is answered as the
 * plain request it also is, as API Gateway answers it: node:http hands such requests to 'upgrade'
 * alone, so the response is written on the socket here, and the connection closes after it.
 */
function answerAsRequest(req: IncomingMessage, socket: Duplex, handler: (req: IncomingMessage, res: ServerResponse) => void): void {
  const res = new ServerResponse(req);
  res.shouldKeepAlive = false;
  res.assignSocket(socket as Socket);
  res.on('finish', () => {
    res.detachSocket(socket as Socket);
    socket.end();
  });
  handler(req, res);
}

/**
 * A node:http (or, with TLS material, https) server with keep-alive suited to a proxy: idle client
 * sockets are kept longer than common load balancers' idle timeouts, header and request timeouts
 * guard against slow clients, and Node checks them every second (its default is every 30 s).
 */
export async function listen(
  host: string,
  port: number,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  limits: Partial<ClientLimits> = {},
  tls?: TlsMaterial,
  upgrade?: UpgradeHandler,
): Promise<Listening> {
  const { headersTimeoutMs, requestTimeoutMs, idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS } = { ...DEFAULT_CLIENT_LIMITS, ...limits };
  const options: ServerOptions = {
    // The idle limit is a socket inactivity timeout set once per connection (`server.timeout` below),
    // not Node's keepAliveTimeout, which re-arms a timer twice per request and adds a
    // `Keep-Alive: timeout=…` header that API Gateway does not send (docs/reference/dataplane.md §3.4). Requests in
    // flight are never idle that long: every integration times out within 30 s (docs/reference/dataplane.md §3.1).
    keepAliveTimeout: 0,
    headersTimeout: headersTimeoutMs,
    requestTimeout: Math.max(requestTimeoutMs, headersTimeoutMs),
    connectionsCheckingInterval: Math.min(1_000, Math.max(10, Math.floor(headersTimeoutMs / 4))),
    maxHeaderSize: NODE_HEADER_LIMIT,
    // Node's 16 KiB mark is below one socket read: a request body or response larger than that made
    // Node stop and restart reading the client socket on every request (two epoll_ctl calls and a
    // loop turn) although the bytes moved on in the same turn. Still bounded per connection.
    highWaterMark: SOCKET_HIGH_WATER_BYTES,
  };
  const guarded = withHeadQuota(handler);
  // HTTP APIs accept TLS 1.2 and later on custom domains (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-custom-domain-names.html).
  const server: Server =
    tls === undefined ? createServer(options, guarded) : createTlsServer({ ...options, ...tls, minVersion: 'TLSv1.2' }, guarded);
  server.timeout = idleTimeoutMs;
  server.on('clientError', onClientError);
  if (upgrade !== undefined)
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (requestHeadSize(req.method ?? '', req.url ?? '', req.rawHeaders) > REQUEST_HEAD_LIMIT_BYTES)
        return answerOnSocket(socket as Socket, 'RequestHeaderFieldsTooLarge');
      if (!upgrade(req, socket, head)) answerAsRequest(req, socket, guarded);
    });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // In-flight requests get a moment to finish; then the rest is cut.
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      }),
  };
}
