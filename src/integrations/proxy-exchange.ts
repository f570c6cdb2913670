import { ClientAbortedError, PAYLOAD_LIMIT_BYTES, PayloadTooLargeError, type CountedBody } from './counted-body.js';
import type { HttpIntegrationRequest } from './http-request.js';
import { buildRequestHead, UpstreamError, type ExchangeControl, type ExchangeHandler } from './http1/index.js';
import type { IntegrationFailure, IntegrationOutcome } from './integration.js';
import type { ResponseSink } from './response-sink.js';

const WAITING = 0;
const STREAMING = 1;
const COLLECTING = 2;
const DONE = 3;

const TIMED_OUT = new Error('integration timeout');
const CLIENT_GONE = new Error('client closed the connection');
const TOO_LARGE = new Error(`The integration response exceeds the ${PAYLOAD_LIMIT_BYTES}-byte payload quota`);

/** A declared Content-Length over the payload quota (the response is refused before any byte goes out). */
function declaresTooMuch(headers: readonly string[]): boolean {
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i] as string;
    if (name.length === 14 && name.toLowerCase() === 'content-length') return Number(headers[i + 1]) > PAYLOAD_LIMIT_BYTES;
  }
  return false;
}

function onTimeout(exchange: { fail(failure: IntegrationFailure, error: Error): void }): void {
  exchange.fail('timeout', TIMED_OUT);
}

/**
 * A response that is not HTTP/1.x (unparsable, oversized head, unsolicited 101) is "malformed"; a
 * request that cannot be written is ours ("internal"); refused, reset, DNS and TLS failures, a
 * connection closed before the head: the target is unreachable.
 */
function classifyFailure(error: Error): IntegrationFailure {
  if (error instanceof PayloadTooLargeError) return 'payload-too-large';
  if (error instanceof ClientAbortedError) return 'client-aborted';
  if (error instanceof UpstreamError) {
    if (error.code === 'malformed') return 'malformed-response';
    if (error.code === 'invalid-request') return 'internal';
  }
  return 'unreachable';
}

/**
 * One exchange with an HTTP endpoint. Streaming (the usual case): the response head goes into the
 * sink as soon as it is parsed and the body follows piece by piece, with backpressure both ways.
 * Collecting (`request.collectResponse`, for a mapping that reads `$response.body`): the whole
 * response, at most the 10 MB payload quota, is read first and handed over as head and one end.
 * The integration timeout runs until the response head (docs/reference/dataplane.md §3.1).
 */
export class ProxyExchange implements ExchangeHandler {
  #state = WAITING;
  #status = 0;
  #headers: string[] = [];
  #chunks: Buffer[] = [];
  /** Body bytes received (collected or streamed): AWS's 10 MB payload quota applies to responses too. */
  #size = 0;
  /** Why the exchange ended early, for a connection that is made only afterwards. */
  #reason: Error = TIMED_OUT;
  #control: ExchangeControl | undefined;
  #timer: NodeJS.Timeout | undefined;
  #settle: (outcome: IntegrationOutcome) => void = noop;
  /** The request is on a connected socket: from here on, bytes may have reached the target. */
  #connected = false;
  readonly #sink: ResponseSink;
  readonly #body: CountedBody | Buffer | null;
  readonly #collect: boolean;

  constructor(sink: ResponseSink, body: CountedBody | Buffer | null, collect: boolean) {
    this.#sink = sink;
    this.#body = body;
    this.#collect = collect;
  }

  start(request: HttpIntegrationRequest): Promise<IntegrationOutcome> {
    const outcome = new Promise<IntegrationOutcome>((resolve) => (this.#settle = resolve));
    this.#timer = setTimeout(onTimeout, request.timeoutMs, this);
    this.#sink.onClose(this.#onClientClose);
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
    clearTimeout(this.#timer);
    if (declaresTooMuch(headers)) return this.fail('malformed-response', TOO_LARGE, TOO_LARGE.message);
    this.#status = status;
    if (this.#collect) {
      this.#headers = headers;
      this.#state = COLLECTING;
    } else if (this.#handOver(headers)) this.#state = STREAMING;
  }

  onData(chunk: Buffer): boolean {
    if (this.#state === COLLECTING) {
      this.#collectPiece(chunk);
      return true;
    }
    if (this.#state !== STREAMING) return true;
    this.#size += chunk.length;
    if (this.#size > PAYLOAD_LIMIT_BYTES) {
      this.#cut(TOO_LARGE);
      return false;
    }
    if (this.#sink.write(chunk)) return true;
    this.#sink.onDrain(this.#onDrain);
    return false;
  }

  onComplete(last: Buffer | undefined): void {
    if (this.#state === COLLECTING) {
      if (last !== undefined) this.#collectPiece(last);
      if (this.#state === COLLECTING) this.#handOverWhole(Buffer.concat(this.#chunks, this.#size));
      return;
    }
    if (this.#state !== STREAMING) return;
    if (last !== undefined && this.#size + last.length > PAYLOAD_LIMIT_BYTES) return this.#cut(TOO_LARGE);
    this.#state = DONE;
    // The last piece goes out with the end: head, body and end in one write for a small response.
    this.#sink.end(last);
    this.#settle({ kind: 'responded', status: this.#status });
  }

  onError(error: Error): void {
    if (this.#state === WAITING || this.#state === COLLECTING) this.fail(classifyFailure(error), error);
    else if (this.#state === STREAMING) this.#cut(error);
  }

  /** The head is already on its way: the only honest signal left is a cut connection. */
  #cut(error: Error): void {
    this.#state = DONE;
    this.#control?.abort(error);
    this.#sink.abort();
    this.#settle({ kind: 'failed', failure: 'broken-after-head', error, detail: error === TOO_LARGE ? error.message : undefined });
  }

  /** The exchange no longer wants a connection (it ended while waiting for one). */
  get abandoned(): boolean {
    return this.#state === DONE;
  }

  /** End the exchange before a response head was handed over; the caller answers the client. */
  fail(failure: IntegrationFailure, error: Error, detail?: string): void {
    if (this.#state !== WAITING && this.#state !== COLLECTING) return;
    this.#state = DONE;
    this.#reason = error;
    this.#chunks = [];
    clearTimeout(this.#timer);
    this.#control?.abort(error);
    this.#sink.offClose(this.#onClientClose);
    this.#settle({ kind: 'failed', failure, error, detail });
  }

  /** Give the head to the sink; a field it refuses (Node's header checks) fails the exchange as malformed. */
  #handOver(headers: string[]): boolean {
    try {
      this.#sink.head(this.#status, headers);
      return true;
    } catch (error) {
      this.fail('malformed-response', error as Error);
      return false;
    }
  }

  /** A collected response: head and body together (a sink may check the head only once it has the body). */
  #handOverWhole(body: Buffer): void {
    this.#chunks = [];
    try {
      this.#sink.head(this.#status, this.#headers);
      this.#sink.end(body);
    } catch (error) {
      this.fail('malformed-response', error as Error);
      return;
    }
    this.#state = DONE;
    this.#settle({ kind: 'responded', status: this.#status });
  }

  #collectPiece(chunk: Buffer): void {
    this.#size += chunk.length;
    if (this.#size > PAYLOAD_LIMIT_BYTES) this.fail('malformed-response', TOO_LARGE, TOO_LARGE.message);
    else this.#chunks.push(chunk);
  }

  readonly #onDrain = (): void => {
    if (this.#state === STREAMING) this.#control?.resume();
  };

  readonly #onClientClose = (): void => {
    if (this.#state === DONE) return;
    if (this.#state !== STREAMING) return this.fail('client-aborted', CLIENT_GONE);
    this.#state = DONE;
    this.#control?.abort(CLIENT_GONE);
    this.#settle({ kind: 'failed', failure: 'client-aborted', error: CLIENT_GONE });
  };
}

function noop(): void {}
