import type { BodySource } from '../wire/index.js';

/** HTTP API payload quota: 10 MB (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html, "Maximum payload size"). */
export const PAYLOAD_LIMIT_BYTES = 10_485_760;

/**
 * Bytes of a proxied body (either way) queued toward the slower side before its source pauses.
 * Node's own mark (16 KiB) is below one socket read, so every larger read would pause and resume
 * the source connection (two epoll_ctl calls and a loop turn) although the bytes leave on the same turn.
 */
export const STREAM_HIGH_WATER_BYTES = 256 * 1024;

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

/** Where the client's body goes: an upstream connection. */
export interface BodySink {
  onBodyChunk(chunk: Buffer): void;
  onBodyEnd(): void;
  onBodyError(error: Error): void;
}

/**
 * The client's request body on its way to an upstream, counted against the quota. It never
 * destroys the client's request: an upstream exchange that ends early (timeout, overflow) only
 * detaches, since the gateway still has to answer 413 or 503 on that connection. It takes no byte
 * from the client until a connection pipes it, so a request whose target refused the connection
 * can go to another target with its body intact.
 */
export class CountedBody {
  readonly #source: BodySource;
  readonly #limit: number;
  #received = 0;
  #sink: BodySink | null = null;

  constructor(source: BodySource, limit = PAYLOAD_LIMIT_BYTES) {
    this.#source = source;
    this.#limit = limit;
  }

  /** Body bytes read from the client so far. */
  get received(): number {
    return this.#received;
  }

  /** Stream the body into `sink` (once). */
  pipe(sink: BodySink): void {
    const source = this.#source;
    this.#sink = sink;
    if (source.destroyed && !source.complete) return sink.onBodyError(new ClientAbortedError());
    source.on('data', this.#onData);
    source.on('end', this.#onEnd);
    source.on('close', this.#onClose);
    source.on('error', this.#onClose);
    // A 'data' listener alone leaves a paused request paused.
    source.resume();
  }

  pause(): void {
    this.#source.pause();
  }

  resume(): void {
    if (this.#sink !== null) this.#source.resume();
  }

  /** Stop reading the client's body; the client's connection is left as it is. */
  detach(): void {
    if (this.#sink === null) return;
    this.#sink = null;
    const source = this.#source;
    source.off('data', this.#onData);
    source.off('end', this.#onEnd);
    source.off('close', this.#onClose);
    source.off('error', this.#onClose);
    // Keep an error listener: an aborted client must never become an uncaught 'error'.
    if (source.listenerCount('error') === 0) source.on('error', ignore);
  }

  readonly #onData = (chunk: Buffer): void => {
    const sink = this.#sink;
    if (sink === null) return;
    this.#received += chunk.length;
    if (this.#received > this.#limit) {
      this.#source.pause();
      this.detach();
      sink.onBodyError(new PayloadTooLargeError(this.#limit));
    } else sink.onBodyChunk(chunk);
  };

  readonly #onEnd = (): void => {
    const sink = this.#sink;
    this.detach();
    sink?.onBodyEnd();
  };

  readonly #onClose = (): void => {
    if (this.#source.complete) return;
    const sink = this.#sink;
    this.detach();
    sink?.onBodyError(new ClientAbortedError());
  };
}

function ignore(): void {}
