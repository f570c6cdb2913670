import type { ServerResponse } from 'node:http';
import { ClientAbortedError, PayloadTooLargeError, STREAM_HIGH_WATER_BYTES, type CountedBody } from './counted-body.js';
import type { ExchangeMeter, HeadWriter, HttpIntegrationRequest, IntegrationFailure, IntegrationOutcome } from './http-proxy.js';
import { buildRequestHead, UpstreamError, type ExchangeControl, type ExchangeHandler } from './http1/index.js';

const WAITING = 0;
const STREAMING = 1;
const DONE = 2;

const TIMED_OUT = new Error('integration timeout');
const CLIENT_GONE = new Error('client closed the connection');

function onTimeout(exchange: { fail(failure: IntegrationFailure, error: Error): void }): void {
  exchange.fail('timeout', TIMED_OUT);
}

/**
 * A response that is not HTTP/1.x (unparsable, oversized head, unsolicited 101) is "malformed"; a
 * request that cannot be written is ours ("internal"); refused, reset, DNS and TLS failures, a
 * connection closed before the head: the target is unreachable.
 */
export function classifyFailure(error: Error): IntegrationFailure {
  if (error instanceof PayloadTooLargeError) return 'payload-too-large';
  if (error instanceof ClientAbortedError) return 'client-aborted';
  if (error instanceof UpstreamError) {
    if (error.code === 'malformed') return 'malformed-response';
    if (error.code === 'invalid-request') return 'internal';
  }
  return 'unreachable';
}

/**
 * One streaming exchange: the backend's response goes straight into the client's ServerResponse
 * (no intermediate stream, no header object: the head writer gets the parsed header list).
 */
export class ProxyExchange<C> implements ExchangeHandler {
  #state = WAITING;
  #status = 0;
  /** Why the exchange ended early, for a connection that is made only afterwards. */
  #reason: Error = TIMED_OUT;
  #control: ExchangeControl | undefined;
  #timer: NodeJS.Timeout | undefined;
  #settle: (outcome: IntegrationOutcome) => void = noop;
  /** The request is on a connected socket: from here on, bytes may have reached the target. */
  #connected = false;
  readonly #res: ServerResponse;
  readonly #writeHead: HeadWriter<C>;
  readonly #context: C;
  readonly #body: CountedBody | null;
  readonly #meter: ExchangeMeter | undefined;

  constructor(res: ServerResponse, writeHead: HeadWriter<C>, context: C, body: CountedBody | null, meter?: ExchangeMeter) {
    this.#res = res;
    this.#writeHead = writeHead;
    this.#context = context;
    this.#body = body;
    this.#meter = meter;
  }

  start(request: HttpIntegrationRequest): Promise<IntegrationOutcome> {
    const outcome = new Promise<IntegrationOutcome>((resolve) => (this.#settle = resolve));
    this.#timer = setTimeout(onTimeout, request.timeoutMs, this);
    // 'close' fires once per response (finished or cut); `on` skips once()'s wrapper allocation.
    this.#res.on('close', this.#onClientClose);
    try {
      const upstream = request.upstream;
      const head = buildRequestHead(request.method, request.path, request.headers, upstream.host);
      upstream.pool.dispatch({ head, body: this.#body }, this);
    } catch (error) {
      this.fail(classifyFailure(error as Error), error as Error);
    }
    return outcome;
  }

  /** Nothing was sent: the exchange failed before a connection took it (refused, unreachable, TLS, connect timeout). */
  get reachedNoTarget(): boolean {
    return !this.#connected;
  }

  onConnect(control: ExchangeControl): void {
    this.#connected = true;
    if (this.#state === DONE) control.abort(this.#reason);
    else this.#control = control;
  }

  onHeaders(status: number, headers: string[]): void {
    if (this.#state !== WAITING) return;
    try {
      this.#writeHead(this.#res, status, headers, this.#context);
    } catch (error) {
      // Node refused a header the backend sent: nothing reached the client yet, so answer as for a malformed response.
      this.fail('malformed-response', error as Error);
      return;
    }
    clearTimeout(this.#timer);
    this.#state = STREAMING;
    this.#status = status;
  }

  onData(chunk: Buffer): boolean {
    if (this.#state !== STREAMING) return true;
    if (this.#meter !== undefined) this.#meter.responseLength += chunk.length;
    const res = this.#res;
    // A false `write` only means Node's 16 KiB mark was passed: pause when the client really falls behind.
    if (res.write(chunk) || res.writableLength <= STREAM_HIGH_WATER_BYTES) return true;
    res.once('drain', this.#onDrain);
    return false;
  }

  onComplete(last: Buffer | undefined): void {
    if (this.#state !== STREAMING) return;
    this.#state = DONE;
    if (last !== undefined && this.#meter !== undefined) this.#meter.responseLength += last.length;
    // The last piece goes out with the end: head, body and end in one write for a small response.
    this.#res.end(last);
    this.#finish({ kind: 'responded', status: this.#status });
  }

  onError(error: Error): void {
    if (this.#state === WAITING) this.fail(classifyFailure(error), error);
    else if (this.#state === STREAMING) {
      // The head is already on the wire: the only honest signal left is a cut connection.
      this.#state = DONE;
      this.#res.destroy();
      this.#finish({ kind: 'failed', failure: 'broken-after-head', error });
    }
  }

  /** End the exchange before a response head was written; the caller answers the client. */
  fail(failure: IntegrationFailure, error: Error): void {
    if (this.#state !== WAITING) return;
    this.#state = DONE;
    this.#reason = error;
    clearTimeout(this.#timer);
    this.#control?.abort(error);
    this.#res.off('close', this.#onClientClose);
    this.#finish({ kind: 'failed', failure, error });
  }

  #finish(outcome: IntegrationOutcome): void {
    if (this.#meter !== undefined && this.#body !== null) this.#meter.requestLength = this.#body.received;
    this.#settle(outcome);
  }

  readonly #onDrain = (): void => {
    if (this.#state === STREAMING) this.#control?.resume();
  };

  readonly #onClientClose = (): void => {
    if (this.#state === DONE) return;
    if (this.#state === WAITING) return this.fail('client-aborted', CLIENT_GONE);
    this.#state = DONE;
    this.#control?.abort(CLIENT_GONE);
    this.#finish({ kind: 'failed', failure: 'client-aborted', error: CLIENT_GONE });
  };
}

function noop(): void {}
