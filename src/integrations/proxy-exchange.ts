import type { ServerResponse } from 'node:http';
import { errors, type Dispatcher } from 'undici';
import { ClientAbortedError, PayloadTooLargeError, type CountedBody } from './counted-body.js';
import type { ExchangeMeter, HeadWriter, HttpIntegrationRequest, IntegrationFailure, IntegrationOutcome } from './http-proxy.js';

const WAITING = 0;
const STREAMING = 1;
const DONE = 2;

const TIMED_OUT = new Error('integration timeout');
const CLIENT_GONE = new Error('client closed the connection');

function onTimeout(exchange: { fail(failure: IntegrationFailure, error: Error): void }): void {
  exchange.fail('timeout', TIMED_OUT);
}

/** A response that is not HTTP/1.x (parser error, oversized head, unsolicited 100/101) is "malformed". */
function classify(error: Error): IntegrationFailure {
  if (error instanceof PayloadTooLargeError) return 'payload-too-large';
  if (error instanceof ClientAbortedError) return 'client-aborted';
  const code = (error as { code?: unknown }).code;
  if (error instanceof errors.HTTPParserError || code === 'UND_ERR_HEADERS_OVERFLOW') return 'malformed-response';
  if (code === 'UND_ERR_SOCKET' && /^bad (response|upgrade)/.test(error.message)) return 'malformed-response';
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return 'timeout';
  if (code === 'UND_ERR_INVALID_ARG' || code === 'UND_ERR_NOT_SUPPORTED') return 'internal';
  // Refused, reset, DNS failure, TLS failure, socket closed before the head: the target is unreachable.
  return 'unreachable';
}

/**
 * undici dispatch handler that streams the backend's response straight into the client's
 * ServerResponse (no intermediate body stream, no header object: raw headers go to the head writer).
 */
export class ProxyExchange<C> implements Dispatcher.DispatchHandler {
  #state = WAITING;
  #status = 0;
  /** Why the exchange ended early, for an upstream request that connects only afterwards. */
  #reason: Error = TIMED_OUT;
  #abort: ((error?: Error) => void) | undefined;
  #resume: (() => void) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #settle: (outcome: IntegrationOutcome) => void = noop;
  /** undici handed the request to a connected socket: from here on, bytes may have reached the target. */
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
    const body = this.#body;
    const meter = this.#meter;
    const outcome = new Promise<IntegrationOutcome>(
      (resolve) =>
        (this.#settle =
          meter === undefined || body === null
            ? resolve
            : (result) => {
                meter.requestLength = body.received;
                resolve(result);
              }),
    );
    this.#timer = setTimeout(onTimeout, request.timeoutMs, this);
    // 'close' fires once per response (finished or cut); `on` skips once()'s wrapper allocation.
    this.#res.on('close', this.#onClientClose);
    try {
      request.upstream.pool.dispatch(
        { path: request.path, method: request.method, headers: request.headers, body },
        this,
      );
    } catch (error) {
      this.fail('internal', error as Error);
    }
    return outcome;
  }

  /** Nothing was sent: the exchange failed before undici had a connection for it (refused, unreachable, TLS, connect timeout). */
  get reachedNoTarget(): boolean {
    return !this.#connected;
  }

  onConnect(abort: (error?: Error) => void): void {
    this.#connected = true;
    if (this.#state === DONE) abort(this.#reason);
    else this.#abort = abort;
  }

  onHeaders(status: number, rawHeaders: Buffer[], resume: () => void): boolean {
    if (this.#state !== WAITING) return false;
    if (status < 200) return true; // 1xx informational responses are not forwarded
    try {
      this.#writeHead(this.#res, status, rawHeaders, this.#context);
    } catch (error) {
      // Node refused a header the backend sent: nothing reached the client yet, so answer as for a malformed response.
      this.fail('malformed-response', error as Error);
      return false;
    }
    clearTimeout(this.#timer);
    this.#state = STREAMING;
    this.#status = status;
    this.#resume = resume;
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.#meter !== undefined) this.#meter.responseLength += chunk.length;
    if (this.#res.write(chunk)) return true;
    this.#res.once('drain', this.#onDrain);
    return false;
  }

  onComplete(): void {
    if (this.#state !== STREAMING) return;
    this.#state = DONE;
    this.#res.end();
    this.#settle({ kind: 'responded', status: this.#status });
  }

  onError(error: Error): void {
    if (this.#state === WAITING) this.fail(classify(error), error);
    else if (this.#state === STREAMING) {
      // The head is already on the wire: the only honest signal left is a cut connection.
      this.#state = DONE;
      this.#res.destroy();
      this.#settle({ kind: 'failed', failure: 'broken-after-head', error });
    }
  }

  /** End the exchange before a response head was written; the caller answers the client. */
  fail(failure: IntegrationFailure, error: Error): void {
    if (this.#state !== WAITING) return;
    this.#state = DONE;
    this.#reason = error;
    clearTimeout(this.#timer);
    this.#abort?.(error);
    // Detach from the client's body even if undici never picked the request up.
    if (this.#body !== null && !this.#body.destroyed) this.#body.destroy();
    this.#res.off('close', this.#onClientClose);
    this.#settle({ kind: 'failed', failure, error });
  }

  readonly #onDrain = (): void => {
    this.#resume?.();
  };

  readonly #onClientClose = (): void => {
    if (this.#state === DONE) return;
    if (this.#state === WAITING) return this.fail('client-aborted', CLIENT_GONE);
    this.#state = DONE;
    this.#abort?.(CLIENT_GONE);
    this.#settle({ kind: 'failed', failure: 'client-aborted', error: CLIENT_GONE });
  };
}

function noop(): void {}
