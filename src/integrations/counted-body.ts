import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

/** HTTP API payload quota: 10 MB (SNAP:limits.md, "Maximum payload size"). */
export const PAYLOAD_LIMIT_BYTES = 10_485_760;

/** Raised inside the body stream when the client sends more than the payload quota. */
export class PayloadTooLargeError extends Error {
  constructor(limit: number) {
    super(`request body exceeds ${limit} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}

/** Raised inside the body stream when the client goes away before the body is complete. */
export class ClientAbortedError extends Error {
  constructor() {
    super('client aborted the request body');
    this.name = 'ClientAbortedError';
  }
}

/**
 * The client's request body as it streams to the upstream, counting bytes against the quota.
 * It wraps the IncomingMessage instead of handing it to undici directly so that an aborted
 * upstream exchange (timeout, overflow) destroys only this wrapper, never the client's socket:
 * the gateway still has to answer with 413 or 503 on it. It takes no byte from the client until
 * undici first reads it (after connecting), so a request whose target refused the connection can
 * be sent to another target with its body intact.
 */
export class CountedBody extends Readable {
  readonly #source: IncomingMessage;
  readonly #limit: number;
  #received = 0;
  #flowing = false;

  constructor(source: IncomingMessage, limit = PAYLOAD_LIMIT_BYTES) {
    super();
    this.#source = source;
    this.#limit = limit;
    source.on('end', this.#onEnd);
    source.on('close', this.#onClose);
    source.on('error', this.#onClose);
  }

  get received(): number {
    return this.#received;
  }

  override _read(): void {
    if (!this.#flowing) {
      this.#flowing = true;
      // A 'data' listener switches the source to flowing mode: only now, when undici wants bytes.
      this.#source.on('data', this.#onData);
    }
    this.#source.resume();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#detach();
    callback(error);
  }

  readonly #onData = (chunk: Buffer): void => {
    this.#received += chunk.length;
    if (this.#received > this.#limit) {
      this.#source.pause();
      this.destroy(new PayloadTooLargeError(this.#limit));
    } else if (!this.push(chunk)) this.#source.pause();
  };

  readonly #onEnd = (): void => {
    this.push(null);
  };

  readonly #onClose = (): void => {
    if (!this.#source.complete) this.destroy(new ClientAbortedError());
  };

  #detach(): void {
    const source = this.#source;
    source.off('data', this.#onData);
    source.off('end', this.#onEnd);
    source.off('close', this.#onClose);
    // Keep an error listener: an aborted client must never become an uncaught 'error'.
    source.off('error', this.#onClose);
    if (source.listenerCount('error') === 0) source.on('error', ignore);
  }
}

function ignore(): void {}
