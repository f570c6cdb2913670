import type { Socket } from 'node:net';
import { STREAM_HIGH_WATER_BYTES, type BodySink, type CountedBody } from '../counted-body.js';
import type { UpstreamRequest } from './exchange.js';
import { expectsPayload, type RequestHead } from './request-head.js';

/**
 * Writes one request on a connection: the head with the framing that matches its body, and the
 * body. A body in memory leaves with the head in one write; a streamed one is held until its first
 * chunk so that head and chunk also leave together, then follows as it arrives: with its declared
 * Content-Length, else chunked (RFC 9112 §7.1), pausing the client while the socket drains.
 */
export class RequestWriter implements BodySink {
  #head: RequestHead | undefined;
  #body: CountedBody | null = null;
  #headWritten = false;
  #chunked = false;
  #waitingForDrain = false;

  constructor(
    private readonly socket: Socket,
    /** The client's body failed (aborted, over the quota): the exchange ends with that error. */
    private readonly onError: (error: Error) => void,
  ) {
    socket.on('drain', this.#onDrain);
  }

  /** The streamed body is still being sent. */
  get sending(): boolean {
    return this.#body !== null;
  }

  write(request: UpstreamRequest): void {
    const head = request.head;
    const body = request.body;
    const socket = this.socket;
    this.#head = head;
    this.#waitingForDrain = false;
    if (body === null || (Buffer.isBuffer(body) && body.length === 0)) {
      this.#headWritten = true;
      socket.write(head.text + emptyBodyFraming(head), 'latin1');
    } else if (Buffer.isBuffer(body)) {
      this.#headWritten = true;
      socket.cork();
      socket.write(`${head.text}content-length: ${body.length}\r\n\r\n`, 'latin1');
      socket.write(body);
      socket.uncork();
    } else {
      this.#headWritten = false;
      this.#chunked = head.contentLength < 0;
      this.#body = body;
      body.pipe(this);
    }
  }

  /** Stop sending the client's body (the exchange ended); the client's connection is left as it is. */
  detach(): void {
    if (this.#body === null) return;
    this.#body.detach();
    this.#body = null;
  }

  onBodyChunk(chunk: Buffer): void {
    const socket = this.socket;
    socket.cork();
    if (!this.#headWritten) {
      this.#headWritten = true;
      const framing = this.#chunked ? 'transfer-encoding: chunked\r\n\r\n' : `content-length: ${this.#head?.contentLength ?? 0}\r\n\r\n`;
      socket.write((this.#head?.text ?? '') + framing, 'latin1');
    }
    let ok: boolean;
    if (this.#chunked) {
      socket.write(`${chunk.length.toString(16)}\r\n`, 'latin1');
      socket.write(chunk);
      ok = socket.write('\r\n', 'latin1');
    } else ok = socket.write(chunk);
    socket.uncork();
    // Node's mark (16 KiB) is below one client read: pause the client only when the backend really falls behind.
    if (!ok && socket.writableLength > STREAM_HIGH_WATER_BYTES) {
      this.#waitingForDrain = true;
      this.#body?.pause();
    }
  }

  onBodyEnd(): void {
    this.#body = null;
    const head = this.#head;
    if (head === undefined || this.socket.destroyed) return;
    if (!this.#headWritten) {
      this.#headWritten = true;
      this.socket.write(head.text + emptyBodyFraming(head), 'latin1');
    } else if (this.#chunked) this.socket.write('0\r\n\r\n', 'latin1');
  }

  onBodyError(error: Error): void {
    this.#body = null;
    this.onError(error);
  }

  readonly #onDrain = (): void => {
    if (!this.#waitingForDrain) return;
    this.#waitingForDrain = false;
    this.#body?.resume();
  };
}

/** No body: `content-length: 0` where the method defines one (RFC 9110 §8.6), nothing otherwise. */
function emptyBodyFraming(head: RequestHead): string {
  return expectsPayload(head.method) ? 'content-length: 0\r\n\r\n' : '\r\n';
}
