import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import type { ClientRequest } from '../../data-plane/index.js';

/**
 * A request read off a connection by the edge's own HTTP/1.1 server: the request line and raw
 * header list as llhttp parsed them, and the body as a small stream of the pieces llhttp hands over
 * (the `BodySource` the pipeline's body reader listens to). Pieces that arrive while nobody reads
 * are kept until `resume`; the connection stops reading the socket while more than a socket's worth
 * is kept.
 */
export class Http1Request extends EventEmitter implements ClientRequest {
  destroyed = false;
  /** Every body byte arrived (the message is complete). */
  #received = false;
  #flowing = false;
  #ended = false;
  /** Pieces nobody has read yet. */
  #kept: Buffer[] | undefined;
  #keptBytes = 0;
  /** Read and dropped: the answer is out and the rest of the body only has to be skipped. */
  #dropping = false;

  constructor(
    readonly method: string,
    readonly url: string,
    readonly rawHeaders: string[],
    readonly socket: Socket,
    /** llhttp's keep-alive verdict for this request. */
    readonly keepAlive: boolean,
    /** HTTP/1.1 or later. */
    readonly chunkable: boolean,
    private readonly backpressure: (keptBytes: number) => void,
  ) {
    super();
  }

  /** Every body byte arrived and was read: what node:http's `complete` promises a reader that found nothing left. */
  get complete(): boolean {
    return this.#received && this.#kept === undefined;
  }

  /** A body piece from the parser. */
  push(piece: Buffer): void {
    if (this.#dropping) return;
    if (this.#flowing) return void this.emit('data', piece);
    (this.#kept ??= []).push(piece);
    this.#keptBytes += piece.length;
    this.backpressure(this.#keptBytes);
  }

  /** The message is complete. */
  receivedAll(): void {
    this.#received = true;
    if (this.#flowing && this.#kept === undefined) this.#end();
  }

  /** The connection closed before the message was complete. */
  cut(): void {
    if (this.#received || this.destroyed) return;
    this.destroyed = true;
    this.emit('close');
  }

  /** The answer is out: what is still coming of the body is read off the wire and thrown away. */
  drop(): void {
    this.#dropping = true;
    this.#flowing = false;
    this.#kept = undefined;
    this.#keptBytes = 0;
    this.backpressure(0);
  }

  pause(): this {
    this.#flowing = false;
    return this;
  }

  resume(): this {
    if (this.#dropping) return this;
    this.#flowing = true;
    const kept = this.#kept;
    if (kept !== undefined) {
      this.#kept = undefined;
      this.#keptBytes = 0;
      this.backpressure(0);
      for (let i = 0; i < kept.length; i++) {
        if (!this.#flowing) {
          // A reader paused in the middle: keep the rest for the next `resume`.
          this.#kept = kept.slice(i);
          for (const piece of this.#kept) this.#keptBytes += piece.length;
          return this;
        }
        this.emit('data', kept[i] as Buffer);
      }
    }
    if (this.#received && this.#flowing) this.#end();
    return this;
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.emit('end');
  }
}
