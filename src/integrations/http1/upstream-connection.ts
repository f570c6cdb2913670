import type { Socket } from 'node:net';
import type { BodySink, CountedBody } from '../counted-body.js';
import type { ExchangeControl, ExchangeHandler, UpstreamRequest } from './exchange.js';
import { expectsPayload } from './request-head.js';
import { ResponseParser, type ResponseSink } from './response-parser.js';
import { UpstreamError } from './upstream-error.js';

/** What a connection needs from its pool. */
export interface ConnectionOwner {
  /** Coarse clock (seconds) for the body timeout; advanced by the pool's sweeper. */
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

/**
 * One keep-alive HTTP/1.1 connection to an upstream, carrying one exchange at a time (no
 * pipelining). The request head and the start of the body leave in one write; the response is
 * parsed as it arrives and streamed to the handler. A connection is reused only when the exchange
 * ended cleanly: response complete and framed, request fully sent, no `Connection: close`, no stray
 * bytes, not after HEAD (a server may wrongly send a body) or a body on a method without one.
 */
export class UpstreamConnection implements ResponseSink, ExchangeControl, BodySink {
  readonly socket: Socket;
  readonly #owner: ConnectionOwner;
  readonly #parser = new ResponseParser(this);
  #handler: ExchangeHandler | null = null;
  #request: UpstreamRequest | null = null;
  #body: CountedBody | null = null;
  #headWritten = false;
  #chunked = false;
  #waitingForDrain = false;
  #reusable = false;
  /** The response ended inside the current read: reuse or close once the read is processed. */
  #ended = false;
  /** Reading stopped for backpressure (the handler's `onData` returned false). */
  #paused = false;
  /** Exchanges started on this connection. */
  exchanges = 0;
  /** When it went back to the pool (performance.now()), and how long it may stay idle there. */
  idleSince = 0;
  keepAliveMs: number;
  lastReadTick = 0;

  constructor(owner: ConnectionOwner, socket: Socket, keepAliveMs: number, pending: UpstreamRequest, handler: ExchangeHandler) {
    this.#owner = owner;
    this.socket = socket;
    this.keepAliveMs = keepAliveMs;
    this.#request = pending;
    this.#handler = handler;
    socket.on('data', this.#onData);
    socket.on('end', this.#onEnd);
    socket.on('error', this.#onError);
    socket.on('close', this.#onClose);
    socket.on('drain', this.#onDrain);
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
    this.#headWritten = false;
    this.#chunked = false;
    this.#waitingForDrain = false;
    this.#ended = false;
    this.exchanges++;
    this.lastReadTick = this.#owner.tick;
    const head = request.head;
    const body = request.body;
    this.#parser.expect(head.method);
    // undici's interop rules: a HEAD response, or a body the method does not define, ends the connection.
    this.#reusable = head.method !== 'HEAD' && (body === null || expectsPayload(head.method));
    handler.onConnect(this);
    if (this.#handler !== handler) return; // aborted on connect
    const socket = this.socket;
    if (body === null || (Buffer.isBuffer(body) && body.length === 0)) {
      this.#headWritten = true;
      socket.write(head.text + (expectsPayload(head.method) ? 'content-length: 0\r\n\r\n' : '\r\n'), 'latin1');
    } else if (Buffer.isBuffer(body)) {
      this.#headWritten = true;
      socket.cork();
      socket.write(`${head.text}content-length: ${body.length}\r\n\r\n`, 'latin1');
      socket.write(body);
      socket.uncork();
    } else {
      this.#chunked = head.contentLength < 0;
      this.#body = body;
      body.pipe(this);
    }
  }

  // --- ExchangeControl

  abort(_error: Error): void {
    if (this.#handler === null) return;
    this.#handler = null;
    this.close();
  }

  resume(): void {
    if (this.#handler === null || !this.#paused) return;
    this.#paused = false;
    this.socket.resume();
  }

  // --- BodySink: the client's body, written as it arrives (head and first chunk in one write)

  onBodyChunk(chunk: Buffer): void {
    const socket = this.socket;
    socket.cork();
    if (!this.#headWritten) {
      this.#headWritten = true;
      const head = this.#request?.head;
      const framing = this.#chunked ? 'transfer-encoding: chunked\r\n\r\n' : `content-length: ${head?.contentLength ?? 0}\r\n\r\n`;
      socket.write((head?.text ?? '') + framing, 'latin1');
    }
    let ok: boolean;
    if (this.#chunked) {
      socket.write(`${chunk.length.toString(16)}\r\n`, 'latin1');
      socket.write(chunk);
      ok = socket.write('\r\n', 'latin1');
    } else ok = socket.write(chunk);
    socket.uncork();
    if (!ok) {
      this.#waitingForDrain = true;
      this.#body?.pause();
    }
  }

  onBodyEnd(): void {
    const head = this.#request?.head;
    this.#body = null;
    if (head === undefined || this.#handler === null) return;
    if (!this.#headWritten) {
      this.#headWritten = true;
      this.socket.write(head.text + (expectsPayload(head.method) ? 'content-length: 0\r\n\r\n' : '\r\n'), 'latin1');
    } else if (this.#chunked) this.socket.write('0\r\n\r\n', 'latin1');
  }

  onBodyError(error: Error): void {
    this.#body = null;
    this.#fail(error);
  }

  readonly #onDrain = (): void => {
    if (!this.#waitingForDrain) return;
    this.#waitingForDrain = false;
    this.#body?.resume();
  };

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
    if (handler !== null && !handler.onData(chunk) && !this.#paused) {
      this.#paused = true;
      this.socket.pause();
    }
  }

  onResponseEnd(last: Buffer | undefined): void {
    const handler = this.#handler;
    if (handler === null) return;
    this.#handler = null;
    this.#request = null;
    if (this.#body !== null) {
      // The backend answered before it read the whole request: the rest will never be sent.
      this.#body.detach();
      this.#body = null;
      this.#reusable = false;
    }
    this.#ended = true;
    handler.onComplete(last);
  }

  // --- socket events

  readonly #onData = (data: Buffer): void => {
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
  };

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
      this.#handler = null;
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
    this.#handler = null;
    this.close();
    handler?.onError(error);
  }

  /** Close for good (no half-close: nothing more will be sent or read); an exchange on it hears nothing more. */
  close(): void {
    this.#handler = null;
    this.#request = null;
    if (this.#body !== null) {
      this.#body.detach();
      this.#body = null;
    }
    if (!this.socket.destroyed) this.socket.destroy();
    this.#owner.forget(this);
  }
}
