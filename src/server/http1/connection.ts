import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { findHeader, type ConnectionErrorKind } from '../../data-plane/index.js';
import { handOverUpgrade } from './answer-as-request.js';
import { consumeSocket, readArrived } from './feed.js';
import { lingerThenClose } from './linger.js';
import { HTTPParser, METHODS, releaseParser, requestParser, type ParseError, type RequestParser } from './llhttp.js';
import {
  FastExchange,
  nodeExchange,
  refusalExchange,
  upgradeExchange,
  type Exchange,
  type Http1Handlers,
  type Receiver,
} from './exchanges.js';
import { clientErrorKind, refusal } from './refusals.js';
import { Http1Request } from './request.js';
import { Http1Response, type ResponseOwner } from './response.js';

/** Bytes of unread body kept per connection before the socket stops being read. */
const KEPT_BODY_BYTES = 128 * 1024;

/**
 * One client connection of the edge's own HTTP/1.1 server. llhttp parses what arrives; each request
 * becomes an exchange, served one at a time in arrival order (pipelined requests wait their turn,
 * their bodies kept). A request for an API (`Http1Handlers.fast` takes it) is served on the
 * connection's own light objects; any other (the control plane, the console, `Expect`) gets
 * node:http's IncomingMessage and ServerResponse on this socket; an upgrade request leaves the
 * connection to the WebSocket side or is answered as a request. A framing error is answered (400,
 * 431, 505) in its turn and the connection closes.
 */
export class Http1Connection implements ResponseOwner {
  readonly #parser: RequestParser;
  readonly #queue: Exchange[] = [];
  /** The exchange whose body llhttp is reading. */
  #receiving: Receiver | undefined;
  #headers: string[] = [];
  #url = '';
  /** When the head in progress began (performance.now), or -1 between requests. */
  #headSince: number;
  /** When the request whose body is in progress began, or -1. */
  #bodySince = -1;
  #executing = false;
  /** llhttp reads the socket itself (feed.ts); else 'data' events feed it. */
  readonly #consumed: boolean;
  /** No more requests are read: an error, an upgrade or a close is queued. */
  #stopped = false;
  #lingering = false;
  #gone = false;

  constructor(
    readonly socket: Socket,
    private readonly handlers: Http1Handlers,
    maxHeaderSize: number,
    private readonly forget: (connection: Http1Connection) => void,
  ) {
    this.#headSince = performance.now();
    const parser = requestParser(maxHeaderSize);
    this.#parser = parser;
    parser[HTTPParser.kOnMessageBegin] = this.#onMessageBegin;
    parser[HTTPParser.kOnHeaders] = this.#onHeaders;
    parser[HTTPParser.kOnHeadersComplete] = this.#onHeadersComplete;
    parser[HTTPParser.kOnBody] = this.#onBody;
    parser[HTTPParser.kOnMessageComplete] = this.#onMessageComplete;
    // Declined for a socket with bytes buffered already (a connection that goes on after an upgrade answered as a request).
    this.#consumed = consumeSocket(socket, parser, this.#onExecute);
    // Consumed, no 'data' comes; the listener keeps the stream flowing, so that 'end' is emitted.
    for (const event of ['data', 'end', 'close', 'timeout'] as const) socket.on(event, this.#listeners[event]);
    socket.on('error', ignore);
  }

  /** Nothing in flight: the connection waits for a request (server shutdown closes these at once). */
  get idle(): boolean {
    return this.#queue.length === 0 && this.#headSince < 0 && this.#bodySince < 0;
  }

  /** Slow client checks, run every few hundred milliseconds by the server: a head or a request that took too long gets 408. */
  checkTimeouts(now: number, headersMs: number, requestMs: number): void {
    if (this.#gone || this.#stopped) return;
    if (this.#bodySince >= 0 && now - this.#bodySince > requestMs) {
      this.#receiving?.cut();
      this.#receiving = undefined;
      return this.#fail('RequestTimeout');
    }
    // A head still incomplete: answered once the requests before it are.
    if (this.#headSince >= 0 && now - this.#headSince > headersMs) this.#stop(refusalExchange('RequestTimeout'));
  }

  readonly #onData = (chunk: Buffer): void => {
    if (this.#stopped) return;
    this.#executing = true;
    this.#executed(this.#parser.execute(chunk), chunk);
  };

  /** A read was parsed natively (its callbacks have run). As with 'data', an error past a stop is not answered. */
  readonly #onExecute = (parsed: number | ParseError): void => {
    readArrived(this.socket);
    if (!this.#gone && !(this.#stopped && typeof parsed !== 'number')) this.#executed(parsed, undefined);
    this.#executing = false;
  };

  #executed(parsed: number | ParseError, chunk: Buffer | undefined): void {
    this.#executing = false;
    if (typeof parsed !== 'number') return this.#parseError(Object.assign(parsed, { rawPacket: chunk ?? this.#parser.getCurrentBuffer() }));
    const last = this.#queue[this.#queue.length - 1];
    if (last?.kind === 'upgrade' && last.head === undefined) last.head = (chunk ?? this.#parser.getCurrentBuffer()).subarray(parsed);
    this.#pump();
  }

  readonly #onMessageBegin = (): void => {
    this.#executing = true;
    if (this.#headSince < 0) this.#headSince = performance.now();
  };

  readonly #onHeaders = (headers: string[], url: string): void => {
    for (const field of headers) this.#headers.push(field);
    this.#url += url;
  };

  readonly #onHeadersComplete = (
    versionMajor: number,
    versionMinor: number,
    headers: string[] | undefined,
    methodNumber: number,
    url: string | undefined,
    _status: unknown,
    _statusMessage: unknown,
    upgrade: boolean,
    keepAlive: boolean,
  ): number => {
    this.#executing = true;
    const rawHeaders = headers ?? this.#headers;
    if (headers === undefined) this.#headers = [];
    else if (this.#headers.length > 0) rawHeaders.unshift(...this.#headers.splice(0));
    const target = url ?? this.#url;
    this.#url = '';
    const method = METHODS[methodNumber] ?? 'GET';
    const began = this.#headSince;
    this.#headSince = -1;
    // The connection is closing (an answer said so, or it lingers): what follows is not served.
    if (this.#stopped || this.#lingering) return 0;
    this.#bodySince = began < 0 ? performance.now() : began;
    // node:http destroys a CONNECT nobody listens for; here it is refused as a gateway error.
    const refused = method === 'CONNECT' ? 'BadRequest' : refusal(versionMajor, method, target, rawHeaders);
    const socket = this.socket;
    if (refused !== undefined || upgrade) {
      this.#stop(
        refused !== undefined
          ? refusalExchange(refused)
          : upgradeExchange(socket, { versionMajor, versionMinor, method, url: target, rawHeaders }),
      );
      return 0;
    }
    const request = new Http1Request(method, target, rawHeaders, socket, keepAlive, versionMinor >= 1, this.#keep);
    const serve = findHeader(rawHeaders, 'expect') !== undefined ? undefined : this.handlers.fast?.(request);
    const exchange: Exchange =
      serve === undefined ? nodeExchange(socket, request, versionMajor, versionMinor) : new FastExchange(request, serve);
    this.#receiving = exchange.receiver;
    this.#queue.push(exchange);
    if (this.#queue.length === 1) this.#start(exchange);
    return 0;
  };

  readonly #onBody = (piece: Buffer): void => {
    this.#executing = true;
    this.#receiving?.push(piece);
  };

  readonly #onMessageComplete = (): void => {
    this.#executing = true;
    this.#bodySince = -1;
    const receiving = this.#receiving;
    this.#receiving = undefined;
    receiving?.receivedAll();
    if (this.#lingering && receiving !== undefined) this.socket.destroy();
  };

  /** Pipelined bodies kept past a socket's worth: stop reading until they are read. */
  readonly #keep = (keptBytes: number): void => {
    if (keptBytes > KEPT_BODY_BYTES) this.socket.pause();
    else if (this.socket.isPaused() && !this.#stopped) this.socket.resume();
  };

  #parseError(error: ParseError): void {
    const kind = error.code === 'HPE_CLOSED_CONNECTION' ? undefined : clientErrorKind(error);
    const receiving = this.#receiving;
    this.#receiving = undefined;
    if (receiving !== undefined) {
      // The error is in this request's body: it will not complete, and it is not served.
      receiving.cut();
      const at = this.#queue.findIndex((exchange) => exchange.receiver === receiving);
      if (at === 0) return void (kind === undefined ? this.socket.destroy() : this.#fail(kind));
      if (at > 0) this.#queue.splice(at);
    }
    // The error is in a later request: the ones before it are answered first, then the error.
    this.#stop(kind === undefined ? undefined : refusalExchange(kind));
  }

  /** The request in flight broke (or was too slow): answer `kind` now if nothing was sent for it yet, else cut the connection. */
  #fail(kind: ConnectionErrorKind): void {
    const front = this.#queue[0];
    if (front !== undefined && front.answering()) return void this.socket.destroy();
    front?.closed();
    this.#stopped = true;
    this.#queue.length = 0;
    this.#queue.push(refusalExchange(kind));
    this.#pump();
  }

  /** No request after this exchange is read. */
  #stop(exchange: Exchange | undefined): void {
    this.#stopped = true;
    this.socket.pause();
    if (exchange !== undefined) this.#queue.push(exchange);
    if (!this.#executing) this.#pump();
  }

  /** Start the exchange at the front if it has not started. */
  #pump(): void {
    const front = this.#queue[0];
    if (front === undefined) {
      if (this.#stopped) this.socket.end();
      return;
    }
    if (!front.started) this.#start(front);
  }

  #start(exchange: Exchange): void {
    exchange.started = true;
    const socket = this.socket;
    switch (exchange.kind) {
      case 'fast': {
        const response = new Http1Response(socket, exchange.request, this);
        exchange.response = response;
        return exchange.serve(response);
      }
      case 'node':
        return exchange.run(this.handlers.request, (last) => this.#queue[0] === exchange && this.#done(exchange, last, false));
      case 'upgrade':
        if (exchange.head === undefined) return void (exchange.started = false);
        return this.#upgrade(exchange.request, exchange.head);
      case 'refuse':
        return exchange.answer(socket, this.handlers.requestId());
    }
  }

  finished(response: Http1Response, last: boolean, linger: boolean): void {
    const front = this.#queue[0];
    if (front?.kind !== 'fast' || front.response !== response) return;
    this.#done(front, last, linger);
  }

  #done(exchange: Exchange, last: boolean, linger: boolean): void {
    this.#queue.shift();
    exchange.drop();
    if (!last) return this.#executing ? undefined : this.#pump();
    this.#stopped = true;
    this.#queue.length = 0;
    // The answer went out before the client finished its body: read and drop the rest a while before closing.
    if (linger && this.#receiving !== undefined) {
      this.#lingering = true;
      this.#stopped = false;
      return lingerThenClose(this.socket);
    }
    this.socket.end();
    this.socket.destroySoon();
  }

  /** The upgrade request is in its turn: the connection is handed over (handOverUpgrade). */
  #upgrade(request: IncomingMessage, head: Buffer): void {
    for (const event of ['data', 'end', 'close', 'timeout'] as const) this.socket.off(event, this.#listeners[event]);
    this.#gone = true;
    this.forget(this);
    handOverUpgrade(request, this.socket, head, this.#parser, this.#consumed, this.handlers);
  }

  // The client half-closed: as node:http (and nginx) take it, the client is gone; what is in flight is abandoned.
  readonly #onEnd = (): void => {
    if (this.#lingering) return void this.socket.destroy();
    this.#receiving?.cut();
    this.socket.end();
  };

  readonly #onIdle = (): void => void this.socket.destroy();

  readonly #onClose = (): void => {
    this.#gone = true;
    this.#receiving?.cut();
    for (const exchange of this.#queue) exchange.closed();
    this.#queue.length = 0;
    this.forget(this);
    releaseParser(this.#parser, this.#consumed);
  };

  // After the listeners it names: fields are set in order.
  readonly #listeners = { data: this.#onData, end: this.#onEnd, close: this.#onClose, timeout: this.#onIdle };
}

function ignore(): void {}
