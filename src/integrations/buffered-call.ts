import type { ServerResponse } from 'node:http';
import { PAYLOAD_LIMIT_BYTES } from './counted-body.js';
import type { IntegrationFailure } from './http-proxy.js';
import { buildRequestHead, type ExchangeControl, type ExchangeHandler } from './http1/index.js';
import { classifyFailure } from './proxy-exchange.js';
import type { Upstream } from './upstream-pools.js';

/** A request whose body is already in memory (a mapping read it). */
export interface BufferedCallRequest {
  readonly upstream: Upstream;
  readonly method: string;
  readonly path: string;
  readonly headers: readonly string[];
  readonly body: Buffer | null;
  /** Until the response head arrives (docs/reference/dataplane.md §3.1). */
  readonly timeoutMs: number;
}

export interface BufferedResponse {
  readonly status: number;
  /** Flat [name, value…] list as received, hop-by-hop fields included. */
  readonly headers: string[];
  readonly body: Buffer;
}

export type BufferedCallResult = BufferedResponse | { readonly failure: IntegrationFailure; readonly error: Error };

const TIMED_OUT = new Error('integration timeout');
const CLIENT_GONE = new Error('client closed the connection');
const TOO_LARGE = new Error(`integration response exceeds ${PAYLOAD_LIMIT_BYTES} bytes`);

/** Collects one whole response (≤ 10 MB) for a mapping that reads `$response.body`. */
class BufferedCall implements ExchangeHandler {
  #control: ExchangeControl | undefined;
  #done = false;
  #status = 0;
  #headers: string[] = [];
  readonly #chunks: Buffer[] = [];
  #size = 0;
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly res: ServerResponse,
    timeoutMs: number,
    private readonly settle: (result: BufferedCallResult) => void,
  ) {
    this.#timer = setTimeout(() => this.#end({ failure: 'timeout', error: TIMED_OUT }), timeoutMs);
    res.on('close', this.#onClientClose);
  }

  onConnect(control: ExchangeControl): void {
    if (this.#done) control.abort(TIMED_OUT);
    else this.#control = control;
  }

  onHeaders(status: number, headers: string[]): void {
    clearTimeout(this.#timer);
    this.#status = status;
    this.#headers = headers;
  }

  onData(chunk: Buffer): boolean {
    this.#add(chunk);
    return true;
  }

  onComplete(last: Buffer | undefined): void {
    if (last !== undefined) this.#add(last);
    if (this.#done) return;
    this.#end({ status: this.#status, headers: this.#headers, body: Buffer.concat(this.#chunks, this.#size) });
  }

  onError(error: Error): void {
    this.#end({ failure: classifyFailure(error), error });
  }

  #add(chunk: Buffer): void {
    this.#size += chunk.length;
    if (this.#size > PAYLOAD_LIMIT_BYTES) this.#end({ failure: 'malformed-response', error: TOO_LARGE });
    else this.#chunks.push(chunk);
  }

  #end(result: BufferedCallResult): void {
    if (this.#done) return;
    this.#done = true;
    clearTimeout(this.#timer);
    this.res.off('close', this.#onClientClose);
    if ('failure' in result) this.#control?.abort(result.error);
    this.settle(result);
  }

  readonly #onClientClose = (): void => this.#end({ failure: 'client-aborted', error: CLIENT_GONE });
}

/**
 * Call an HTTP integration and read its whole response: for routes whose mappings read bodies
 * (docs/reference/dataplane.md §4). The timeout runs until the response head; a response over the 10 MB payload
 * quota is refused as malformed; a client that goes away cancels the call.
 */
export function callBuffered(request: BufferedCallRequest, res: ServerResponse): Promise<BufferedCallResult> {
  return new Promise((resolve) => {
    const call = new BufferedCall(res, request.timeoutMs, resolve);
    try {
      const head = buildRequestHead(request.method, request.path, request.headers, request.upstream.host);
      request.upstream.pool.dispatch({ head, body: request.body }, call);
    } catch (error) {
      call.onError(error as Error);
    }
  });
}
