import type { Socket } from 'node:net';
import type { ExchangeControl, ExchangeHandler, UpstreamRequest } from './exchange.js';
import { expectsPayload } from './request-head.js';
import { RequestWriter } from './request-writer.js';
import { ResponseParser, type ResponseSink } from './response-parser.js';
import { UpstreamError } from './upstream-error.js';

/** What a connection needs from its pool. */
export interface ConnectionOwner {
  /** Coarse clock (sweeps) for the body timeout. */
  readonly tick: number;
  /** The exchange is over and the connection can carry another one. */
  release(connection: UpstreamConnection): void;
  /** The connection is closed or closing: forget it. */
  forget(connection: UpstreamConnection): void;
  /** A reused connection closed before answering an idempotent request: send it again on a fresh one. */
  retry(request: UpstreamRequest, handler: ExchangeHandler): void;
}

const CLOSED = new UpstreamError('closed', 'other side closed');

/** RFC 9110 §9.2.2: a request that may be sent again when a kept-alive connection closed under it. */
function retriable(request: UpstreamRequest): boolean {
  if (request.body !== null) return false;
  switch (request.head.method) {
    case 'GET':
    case 'HEAD':
    case 'OPTIONS':
    case 'PUT':
    case 'DELETE':
    case 'TRACE':
      return true;
    default:
      return false;
  }
}

/** A body piece handed on must own its bytes when it was read into the shared buffer (READ_BUFFER in connection-pool.ts). */
function owned(chunk: Buffer, shared: boolean): Buffer {
  if (!shared) return chunk;
  const copy = Buffer.allocUnsafe(chunk.length);
  chunk.copy(copy);
  return copy;
}

/**
 * One keep-alive HTTP/1.1 connection to an upstream, carrying one exchange at a time (no
 * pipelining). The response is parsed as it arrives and streamed to the handler. A connection is
 * reused only when the exchange ended cleanly: response complete and framed, request fully sent, no
 * `Connection: close`, no stray bytes, not after HEAD (a server may wrongly send a body) or a body
 * on a method without one (undici's interop rules).
 */
export class UpstreamConnection implements ResponseSink, ExchangeControl {
  readonly socket: Socket;
  readonly #owner: ConnectionOwner;
  readonly #parser = new ResponseParser(this);
  readonly #writer: RequestWriter;
  #handler: ExchangeHandler | null = null;
  #request: UpstreamRequest | null = null;
  #reusable = false;
  /** The response ended inside the current read: reuse or close once the read is processed. */
  #ended = false;
  /** Reading stopped for backpressure (the handler's `onData` returned false). */
  #paused = false;
  /** The bytes being parsed sit in the shared read buffer (plain TCP): pieces handed on are copied. */
  #shared = false;
  /** Exchanges started on this connection. */
  exchanges = 0;
  /** When it went back to the pool (performance.now()), and how long it may stay idle there. */
  idleSince = 0;
  keepAliveMs: number;
  lastReadTick = 0;

  /** `sharedReads`: the socket reads into the shared buffer and calls `onRead`; otherwise it emits 'data'. */
  constructor(
    owner: ConnectionOwner,
    socket: Socket,
    sharedReads: boolean,
    keepAliveMs: number,
    pending: UpstreamRequest,
    handler: ExchangeHandler,
  ) {
    this.#owner = owner;
    this.socket = socket;
    this.keepAliveMs = keepAliveMs;
    this.#request = pending;
    this.#handler = handler;
    this.#writer = new RequestWriter(socket, (error) => this.#fail(error));
    if (!sharedReads) socket.on('data', this.#onData);
    socket.on('end', this.#onEnd);
    socket.on('error', this.#onError);
    socket.on('close', this.#onClose);
  }

  get busy(): boolean {
    return this.#handler !== null;
  }

  /** The response head arrived and its body is being read: the body timeout applies. */
  get readingBody(): boolean {
    return this.#handler !== null && this.#parser.headDone;
  }

  /** TCP (and TLS) are up: send the request that opened the connection. */
  onConnected(): void {
    const request = this.#request;
    const handler = this.#handler;
    if (request !== null && handler !== null) this.start(request, handler);
  }

  start(request: UpstreamRequest, handler: ExchangeHandler): void {
    this.#request = request;
    this.#handler = handler;
    this.#ended = false;
    this.exchanges++;
    this.lastReadTick = this.#owner.tick;
    const method = request.head.method;
    this.#parser.expect(method);
    this.#reusable = method !== 'HEAD' && (request.body === null || expectsPayload(method));
    handler.onConnect(this);
    if (this.#handler !== handler) return; // aborted on connect
    this.#writer.write(request);
  }

  // --- ExchangeControl

  abort(_error: Error): void {
    if (this.#handler === null) return;
    this.close();
  }

  resume(): void {
    if (this.#handler === null || !this.#paused) return;
    this.#paused = false;
    this.socket.resume();
  }

  // --- ResponseSink

  onResponseHead(status: number, headers: string[]): void {
    const handler = this.#handler;
    if (handler === null) return;
    if (status < 200) {
      // 100, 102, 103 come before the final response; 101 would switch protocols, which was never asked for.
      if (status === 101) throw new UpstreamError('malformed', 'bad upgrade: unexpected 101 Switching Protocols');
      return;
    }
    const hint = this.#parser.keepAliveHintMs;
    if (hint >= 0) {
      // The server's own idle limit, less a margin for requests already on their way (as undici does).
      const ms = Math.min(hint - 2_000, 600_000);
      if (ms <= 0) this.#reusable = false;
      else this.keepAliveMs = ms;
    }
    handler.onHeaders(status, headers);
  }

  onResponseData(chunk: Buffer): void {
    const handler = this.#handler;
    if (handler !== null && !handler.onData(owned(chunk, this.#shared)) && !this.#paused) {
      this.#paused = true;
      this.socket.pause();
    }
  }

  onResponseEnd(last: Buffer | undefined): void {
    const handler = this.#handler;
    if (handler === null) return;
    this.#handler = null;
    this.#request = null;
    if (this.#writer.sending) {
      // The backend answered before it read the whole request: the rest will never be sent.
      this.#writer.detach();
      this.#reusable = false;
    }
    this.#ended = true;
    handler.onComplete(last === undefined ? undefined : owned(last, this.#shared));
  }

  // --- socket events

  /** A read into the shared buffer (READ_BUFFER in connection-pool.ts): `length` bytes at its start, valid only during this call. */
  onRead(buffer: Buffer, length: number): void {
    this.#shared = true;
    this.#read(buffer.subarray(0, length));
  }

  readonly #onData = (data: Buffer): void => {
    this.#shared = false;
    this.#read(data);
  };

  #read(data: Buffer): void {
    this.lastReadTick = this.#owner.tick;
    if (this.#handler === null) {
      // Bytes on an idle connection (or after an abort): nothing can be trusted on it any more.
      this.close();
      return;
    }
    let used: number;
    try {
      used = this.#parser.execute(data);
    } catch (error) {
      this.#fail(error as Error);
      return;
    }
    if (!this.#ended) return;
    this.#ended = false;
    if (used === data.length && this.#reusable && this.#parser.keepAlive) {
      if (this.#paused) {
        this.#paused = false;
        this.socket.resume();
      }
      this.#owner.release(this);
    } else this.close();
  }

  readonly #onEnd = (): void => {
    if (this.#handler === null) return this.close();
    try {
      this.#parser.finish();
    } catch (error) {
      return this.#lost(error as Error);
    }
    this.#ended = false;
    this.close();
  };

  readonly #onError = (error: Error): void => {
    if (this.#handler === null) return this.close();
    this.#lost(error);
  };

  readonly #onClose = (): void => {
    if (this.#handler !== null) this.#lost(CLOSED);
    this.#owner.forget(this);
  };

  /** The connection broke under an exchange: a stale kept-alive one is retried when that is safe. */
  #lost(error: Error): void {
    const request = this.#request;
    const handler = this.#handler;
    if (request !== null && handler !== null && this.exchanges > 1 && !this.#parser.started && retriable(request)) {
      this.close();
      this.#owner.retry(request, handler);
      return;
    }
    this.#fail(error);
  }

  /** End the exchange on this connection with `error` (body timeout, pool closed) and close it. */
  destroy(error: Error): void {
    this.#fail(error);
  }

  #fail(error: Error): void {
    const handler = this.#handler;
    this.close();
    handler?.onError(error);
  }

  /** Close for good (no half-close: nothing more will be sent or read); an exchange on it hears nothing more. */
  close(): void {
    this.#handler = null;
    this.#request = null;
    this.#writer.detach();
    if (!this.socket.destroyed) this.socket.destroy();
    this.#owner.forget(this);
  }
}
