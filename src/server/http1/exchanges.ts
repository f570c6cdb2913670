import { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connectionErrorBytes, type ClientRequest, type ConnectionErrorKind } from '../../data-plane/index.js';
import type { ResponseSink } from '../../integrations/index.js';
import type { Http1Request } from './request.js';
import type { Http1Response } from './response.js';

/** Where the body llhttp reads goes. */
export interface Receiver {
  push(piece: Buffer): void;
  receivedAll(): void;
  /** The body will not complete (the connection closed, or a framing error in it). */
  cut(): void;
}

/** What the edge's own HTTP/1.1 server is given to serve with. */
export interface Http1Handlers {
  /** A request for an API: the function that serves it on the light objects, or undefined to answer it with node:http's. */
  fast?: (request: ClientRequest) => ((sink: ResponseSink) => void) | undefined;
  /** Everything else, as node:http would hand it over. */
  request: (req: IncomingMessage, res: ServerResponse) => void;
  /** An upgrade request: true when it was taken (a WebSocket API's connection). */
  upgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;
  /** A connection that goes on being served by this server (after an upgrade request answered as a request). */
  adopt(socket: Socket): void;
  /** `apigw-requestid` of answers given before a request reaches an API. */
  requestId(): string;
}

interface ExchangeBase {
  started: boolean;
  /** The answer has begun: a second one cannot be written. */
  answering(): boolean;
  /** The connection closed. */
  closed(): void;
  /** The exchange is over: the rest of its body is read off the wire and dropped. */
  drop(): void;
}

/** A request for an API, served on the light objects: one per request, so its methods live on the class. */
export class FastExchange implements ExchangeBase {
  readonly kind = 'fast';
  started = false;
  response: Http1Response | undefined;

  constructor(
    readonly request: Http1Request,
    readonly serve: (sink: ResponseSink) => void,
  ) {}

  get receiver(): Receiver {
    return this.request;
  }

  answering(): boolean {
    return this.response?.headSent === true;
  }

  closed(): void {
    this.request.cut();
    this.response?.connectionClosed();
  }

  drop(): void {
    this.request.drop();
  }
}

export interface NodeExchange extends ExchangeBase {
  readonly kind: 'node';
  readonly receiver: Receiver;
  run(handler: Http1Handlers['request'], done: (last: boolean) => void): void;
}

export interface UpgradeExchange extends ExchangeBase {
  readonly kind: 'upgrade';
  readonly request: IncomingMessage;
  /** The bytes after the head (set once the parser stops there). */
  head: Buffer | undefined;
  readonly receiver?: undefined;
}

export interface RefusalExchange extends ExchangeBase {
  readonly kind: 'refuse';
  readonly error: ConnectionErrorKind;
  readonly receiver?: undefined;
  /** Write the gateway error and close. */
  answer(socket: Socket, requestId: string): void;
}

export type Exchange = FastExchange | NodeExchange | UpgradeExchange | RefusalExchange;

export function refusalExchange(error: ConnectionErrorKind): RefusalExchange {
  return {
    kind: 'refuse',
    error,
    started: false,
    answering: () => false,
    closed: noop,
    drop: noop,
    answer(socket, requestId) {
      if (!socket.writable) return void socket.destroy();
      socket.end(connectionErrorBytes(error, requestId));
      socket.destroySoon();
    },
  };
}

/** A request head as llhttp parsed it. */
export interface ParsedHead {
  readonly versionMajor: number;
  readonly versionMinor: number;
  readonly method: string;
  readonly url: string;
  readonly rawHeaders: string[];
}

/** node:http's request object for a head llhttp parsed here, as node:http itself builds it. */
function incomingMessage(socket: Socket, { versionMajor, versionMinor, method, url, rawHeaders: raw }: ParsedHead): IncomingMessage {
  const req = new IncomingMessage(socket);
  req.httpVersionMajor = versionMajor;
  req.httpVersionMinor = versionMinor;
  req.httpVersion = `${versionMajor}.${versionMinor}`;
  req.method = method;
  req.url = url;
  (req as IncomingMessage & { _addHeaderLines(raw: string[], n: number): void })._addHeaderLines(raw, raw.length);
  return req;
}

export function upgradeExchange(socket: Socket, head: ParsedHead): UpgradeExchange {
  const req = incomingMessage(socket, head);
  (req as IncomingMessage & { upgrade: boolean }).upgrade = true;
  return { kind: 'upgrade', request: req, head: undefined, started: false, answering: () => false, closed: noop, drop: noop };
}

const CONTINUE = /(?:^|\W)100-continue(?:$|\W)/i;

/**
 * A request that is not for an API (the control plane, the console, metrics), or one with `Expect`:
 * node:http's IncomingMessage and ServerResponse on this connection's socket, with node:http's
 * behaviour (`100 Continue`, `417` for other expectations, its framing and keep-alive rules).
 */
export function nodeExchange(socket: Socket, request: Http1Request, versionMajor: number, versionMinor: number): NodeExchange {
  const req = incomingMessage(socket, {
    versionMajor,
    versionMinor,
    method: request.method,
    url: request.url,
    rawHeaders: request.rawHeaders,
  });
  let res: ServerResponse | undefined;
  let dropped = false;
  return {
    kind: 'node',
    started: false,
    receiver: {
      push: (piece) => void (dropped || req.push(piece)),
      receivedAll: () => {
        req.complete = true;
        req.push(null);
      },
      // As node:http when the connection closes under a request in flight, complete or not.
      cut: () => {
        if (!req.destroyed) req.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
      },
    },
    answering: () => res?.headersSent === true,
    closed() {
      this.receiver.cut();
    },
    drop() {
      dropped = true;
      req.resume();
    },
    run(handler, done) {
      const response = new ServerResponse(req);
      res = response;
      response.shouldKeepAlive = request.keepAlive;
      response.assignSocket(socket);
      response.on('finish', () => {
        response.detachSocket(socket);
        done((response as ServerResponse & { _last?: boolean })._last === true);
      });
      const expect = req.headers.expect;
      if (expect === undefined || versionMinor < 1) return handler(req, response);
      if (!CONTINUE.test(expect)) return void response.writeHead(417).end();
      response.writeContinue();
      handler(req, response);
    },
  };
}

function noop(): void {}
