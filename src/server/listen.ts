import { createServer, ServerResponse, type IncomingMessage, type Server, type ServerOptions } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connectionErrorBytes, createRequestIdGenerator, type ConnectionErrorKind } from '../data-plane/index.js';
import type { Http1Handlers } from './http1/exchanges.js';
import { answerAsRequest } from './http1/answer-as-request.js';
import { clientErrorKind, refusal } from './http1/refusals.js';
import { Http1Server } from './http1/server.js';
import type { TlsMaterial } from './tls-files.js';

export interface Listening {
  server: NetServer;
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
 * Node's own head limit sits far above the quota so that the quota is checked exactly (request line
 * plus header values, not names: 1,200 short headers are within it although their names alone fill
 * 16 KiB, Node's default). It stays as a bound on what one connection may make the gateway buffer;
 * a head past it gets the same 431. Node's limit on the number of headers (1,000 by default, the
 * rest dropped without a word) is off: the byte quota is the only limit (issue #17).
 */
const NODE_HEADER_LIMIT = 64 * 1024;

/** `apigw-requestid` of the answers given before a request reaches an API (their own ids, as AWS gives every error one). */
const connectionRequestId = createRequestIdGenerator();

/** Bytes a client connection buffers in each direction before Node applies backpressure. */
const SOCKET_HIGH_WATER_BYTES = 128 * 1024;

function answerOnSocket(socket: Socket, kind: ConnectionErrorKind): void {
  const response = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  // Once an answer has begun, a second one cannot be written: the connection is cut instead.
  if (socket.writable && (response === undefined || response === null || !response.headersSent)) {
    socket.end(connectionErrorBytes(kind, connectionRequestId()));
    socket.destroySoon();
  } else socket.destroy();
}

/** Sockets whose framing error is already being answered. */
const answering = new WeakSet<Socket>();

/**
 * What Node's parser refuses, answered as a gateway error (http1/refusals.ts). When the error is in a
 * request pipelined behind one still being answered (that one arrived whole), the error is answered
 * after it, so that every request forwarded gets its answer.
 */
function onClientError(error: Error & { code?: string }, socket: Socket): void {
  const kind = socket.writable ? clientErrorKind(error) : undefined;
  if (kind === undefined) return void socket.destroy();
  if (answering.has(socket)) return;
  answering.add(socket);
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  const parsing = (socket as Socket & { parser?: { incoming?: IncomingMessage | null } | null }).parser?.incoming;
  if (inFlight !== undefined && inFlight !== null && !inFlight.writableFinished && parsing?.complete === true)
    return void inFlight.once('finish', () => answerOnSocket(socket, kind));
  answerOnSocket(socket, kind);
}

/** The handler, behind the head checks of http1/refusals.ts. */
function guarded(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const refused = refusal(req.httpVersionMajor, req.method ?? '', req.url ?? '', req.rawHeaders);
    if (refused !== undefined) return answerOnSocket(req.socket, refused);
    handler(req, res);
  };
}

/**
 * The edge's plain-HTTP fast path (http1/server.ts): given a request as llhttp parsed it, the function
 * that serves it (a request for an API), or undefined for node:http's objects and `handler`.
 */
export type FastRoute = NonNullable<Http1Handlers['fast']>;

/** An upgrade request (node:http's 'upgrade'): true when it was taken (a WebSocket API's connection). */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;

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
  fast?: FastRoute,
): Promise<Listening> {
  const { headersTimeoutMs, requestTimeoutMs, idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS } = { ...DEFAULT_CLIENT_LIMITS, ...limits };
  if (fast !== undefined && tls === undefined) {
    const own = new Http1Server(
      { fast, request: handler, ...(upgrade === undefined ? {} : { upgrade }), requestId: connectionRequestId },
      {
        headersTimeoutMs,
        requestTimeoutMs: Math.max(requestTimeoutMs, headersTimeoutMs),
        idleTimeoutMs,
        maxHeaderSize: NODE_HEADER_LIMIT,
        highWaterMark: SOCKET_HIGH_WATER_BYTES,
      },
    );
    return { server: own.server, port: await listenOn(own.server, host, port), close: () => own.close(2_000) };
  }
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
  const checked = guarded(handler);
  // HTTP APIs accept TLS 1.2 and later on custom domains (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-custom-domain-names.html).
  const server: Server =
    tls === undefined ? createServer(options, checked) : createTlsServer({ ...options, ...tls, minVersion: 'TLSv1.2' }, checked);
  server.timeout = idleTimeoutMs;
  server.maxHeadersCount = 0;
  server.on('clientError', onClientError);
  // API Gateway has no proxy tunnel: a CONNECT is a bad request (node:http would drop the connection).
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => answerOnSocket(socket as Socket, 'BadRequest'));
  if (upgrade !== undefined)
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const refused = refusal(req.httpVersionMajor, req.method ?? '', req.url ?? '', req.rawHeaders);
      if (refused !== undefined) return answerOnSocket(socket as Socket, refused);
      // An https server runs node:http's connection handling on 'secureConnection' (the TLS socket).
      const event = (socket as Socket & { encrypted?: boolean }).encrypted === true ? 'secureConnection' : 'connection';
      if (!upgrade(req, socket, head)) answerAsRequest(req, socket as Socket, head, checked, (goesOn) => server.emit(event, goesOn));
    });
  return {
    server,
    port: await listenOn(server, host, port),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // In-flight requests get a moment to finish; then the rest is cut.
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      }),
  };
}

async function listenOn(server: NetServer, host: string, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}
