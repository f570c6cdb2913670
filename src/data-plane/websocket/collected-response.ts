import type { ResponseSink } from '../../integrations/index.js';

/** An endpoint's whole response, collected: what a WebSocket route sends back or `$connect` decides by. */
export interface CollectedResponse {
  readonly status: number;
  /** Flat [name, value, …] as the endpoint sent them. */
  readonly headers: readonly string[];
  readonly body: Buffer;
}

/**
 * The sink a WebSocket integration writes into (integrations/response-sink.ts): nothing streams
 * to a client, so the response is kept whole (it is at most what a route response may send).
 */
export class CollectingSink implements ResponseSink {
  #status = 0;
  #headers: string[] = [];
  readonly #chunks: Buffer[] = [];
  #headSent = false;
  #ended = false;
  #aborted = false;
  readonly #closeListeners: (() => void)[] = [];

  get headSent(): boolean {
    return this.#headSent;
  }

  /** The receiver (the gateway, waiting for the whole response) never goes away; only a cut closes it. */
  get closed(): boolean {
    return this.#aborted;
  }

  head(status: number, headers: string[]): void {
    this.#status = status;
    this.#headers = headers;
    this.#headSent = true;
  }

  write(chunk: Buffer): boolean {
    this.#chunks.push(chunk);
    return true;
  }

  end(last?: Buffer): void {
    if (last !== undefined && last.length > 0) this.#chunks.push(last);
    this.#ended = true;
  }

  abort(): void {
    this.#aborted = true;
    this.#notifyClose();
  }

  onDrain(): void {
    // Never behind: write() always accepts.
  }

  onClose(listener: () => void): void {
    this.#closeListeners.push(listener);
  }

  offClose(listener: () => void): void {
    const at = this.#closeListeners.indexOf(listener);
    if (at >= 0) this.#closeListeners.splice(at, 1);
  }

  /** The response, once the integration said it responded; undefined when it was cut off. */
  response(): CollectedResponse | undefined {
    if (this.#aborted || !this.#headSent || !this.#ended) return undefined;
    return { status: this.#status, headers: this.#headers, body: Buffer.concat(this.#chunks) };
  }

  #notifyClose(): void {
    for (const listener of this.#closeListeners.splice(0)) listener();
  }
}
