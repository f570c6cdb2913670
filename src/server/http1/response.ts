import type { Socket } from 'node:net';
import { STREAM_HIGH_WATER_BYTES, type ResponseSink } from '../../integrations/index.js';
import type { Http1Request } from './request.js';
import { responseHead, type ResponseHead } from './response-head.js';

/**
 * A head and a body together under this size go out in one buffer (one copy, one write), taken from
 * Buffer's shared pool (`Buffer.allocUnsafe` pools below half its 8 KiB); larger ones as a gathered
 * write of the head and the body as it is, so no buffer is allocated for them (each would wait for a
 * scavenge to be freed).
 */
const COPY_WITH_HEAD_BYTES = Buffer.poolSize >>> 1;
const CHUNK_END = Buffer.from('\r\n', 'latin1');
const LAST_CHUNK = Buffer.from('0\r\n\r\n', 'latin1');

/** What the connection learns of a response it carries. */
export interface ResponseOwner {
  /** The response is complete (`last`: the connection closes after it; `linger`: read the rest of the body first). */
  finished(response: Http1Response, last: boolean, linger: boolean): void;
}

/**
 * The client's response on the edge's own HTTP/1.1 server: the sink the respond step writes into.
 * The head is formatted here (response-head.ts) and goes out with the first body bytes, in one
 * write; chunked framing when no length was given. Responses on a connection are written one at a
 * time, in request order (the connection starts the next exchange when this one finishes).
 */
export class Http1Response implements ResponseSink {
  #head: ResponseHead | undefined;
  /** The formatted head not yet written. */
  #pendingHead: string | undefined;
  #finished = false;
  #aborted = false;
  #linger = false;
  #closeListeners: (() => void)[] | undefined;
  #closeFired = false;
  /** The connection is closed, or answered something else in this response's place: nothing more is written. */
  #cutOff = false;

  constructor(
    private readonly socket: Socket,
    private readonly request: Http1Request,
    private readonly owner: ResponseOwner,
  ) {}

  get headSent(): boolean {
    return this.#head !== undefined;
  }

  get closed(): boolean {
    return this.#aborted || this.#cutOff || (this.socket.destroyed && !this.#finished);
  }

  head(status: number, headers: string[]): void {
    const head = responseHead(status, headers, this.request);
    this.#head = head;
    this.#pendingHead = head.text;
  }

  write(chunk: Buffer): boolean {
    const head = this.#head;
    if (head === undefined || this.#finished || this.#cutOff || chunk.length === 0) return true;
    if (!head.hasBody) return true;
    const socket = this.socket;
    if (socket.destroyed) return true;
    if (head.chunked) this.#send(Buffer.from(`${chunk.length.toString(16)}\r\n`, 'latin1'), chunk, CHUNK_END);
    else this.#send(undefined, chunk, undefined);
    // A false `write` only means the socket's mark was passed: pause when the client really falls behind.
    return socket.writableLength <= STREAM_HIGH_WATER_BYTES;
  }

  end(last?: Buffer): void {
    const head = this.#head;
    if (head === undefined || this.#finished) return;
    if (!this.socket.destroyed && !this.#cutOff) {
      const body = head.hasBody && last !== undefined && last.length > 0 ? last : undefined;
      if (!head.chunked) this.#send(undefined, body, undefined);
      else if (body === undefined) this.#send(undefined, undefined, LAST_CHUNK);
      else this.#send(Buffer.from(`${body.length.toString(16)}\r\n`, 'latin1'), body, Buffer.from('\r\n0\r\n\r\n', 'latin1'));
    }
    this.#finished = true;
    this.owner.finished(this, head.last, this.#linger && !this.request.complete);
    this.#fireClose();
  }

  abort(): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.socket.destroy();
    this.#fireClose();
  }

  lingerBeforeClose(): void {
    this.#linger = true;
  }

  onDrain(listener: () => void): void {
    this.socket.once('drain', listener);
  }

  onClose(listener: () => void): void {
    (this.#closeListeners ??= []).push(listener);
  }

  offClose(listener: () => void): void {
    const listeners = this.#closeListeners;
    const at = listeners?.indexOf(listener) ?? -1;
    if (at >= 0) listeners?.splice(at, 1);
  }

  /** The connection closed under the response (or after it), or will carry another answer in its place. */
  connectionClosed(): void {
    this.#cutOff = !this.#finished;
    this.#fireClose();
  }

  // node:http emits a response's 'close' on the next tick after it finished: listeners never run inside `end`.
  #fireClose(): void {
    if (this.#closeFired) return;
    this.#closeFired = true;
    const listeners = this.#closeListeners;
    if (listeners === undefined || listeners.length === 0) return;
    process.nextTick(() => {
      for (const listener of listeners.slice()) listener();
    });
  }

  /** Head (if still pending), then `before`, `body`, `after`, in one write: copied into one buffer when small, gathered otherwise. */
  #send(before: Buffer | undefined, body: Buffer | undefined, after: Buffer | undefined): void {
    const socket = this.socket;
    const head = this.#pendingHead;
    this.#pendingHead = undefined;
    const size = (before?.length ?? 0) + (body?.length ?? 0) + (after?.length ?? 0);
    if (head === undefined && before === undefined && after === undefined) {
      if (body !== undefined) socket.write(body);
      return;
    }
    const headLength = head === undefined ? 0 : head.length;
    if (headLength + size < COPY_WITH_HEAD_BYTES) {
      const out = Buffer.allocUnsafe(headLength + size);
      let at = head === undefined ? 0 : out.write(head, 0, 'latin1');
      if (before !== undefined) at += before.copy(out, at);
      if (body !== undefined) at += body.copy(out, at);
      if (after !== undefined) after.copy(out, at);
      socket.write(out);
      return;
    }
    socket.cork();
    if (head !== undefined) socket.write(head, 'latin1');
    if (before !== undefined) socket.write(before);
    if (body !== undefined) socket.write(body);
    if (after !== undefined) socket.write(after);
    socket.uncork();
  }
}
