import type { ResponseSink } from '../integrations/index.js';
import type { PreflightAnswer } from './cors-preflight.js';
import { PREPARED_ERRORS, type GatewayError } from './gateway-error.js';
import { declaredBodyLength } from './client-request.js';
import type { Invocation, RoutedInvocation } from './invocation.js';
import { backendHeaders, shapeResponse } from './map-response.js';

/**
 * The respond step: the one writer of the client response. Gateway errors, the gateway's answer
 * to a CORS preflight and every endpoint response (streamed, collected or from a Lambda function)
 * reach the client's sink only through here, and here alone the response gets its
 * `apigw-requestid`, its response parameter mapping and CORS fields, and `$context.status`.
 */

/**
 * Answer with a gateway error from the closed table, with the API's CORS fields for an allowed
 * origin and the fields the error carries. The connection is closed after it when the client may
 * still be sending a body nobody will read (413, or a failure mid-upload), or when `close` says so.
 * Once a head is out nothing can be said any more: the connection is cut.
 */
export function respondWithError(invocation: Invocation, error: GatewayError, close = false): void {
  const prepared = PREPARED_ERRORS[error.kind];
  const context = invocation.context;
  if (context !== undefined) {
    context.status = prepared.status;
    context.errorMessage = prepared.message;
    // A step that already named a more precise response type (an integration timeout) keeps it.
    if (context.errorResponseType === '') context.errorResponseType = prepared.responseType;
    context.responseLength = prepared.body.length;
  }
  const sink = invocation.sink;
  if (sink.headSent || sink.closed) return sink.abort();
  const headers = ['content-type', 'application/json', 'content-length', prepared.length, 'apigw-requestid', invocation.requestId];
  const recording = invocation.recording;
  const cors = invocation.cors?.responseHeaders;
  if (cors !== undefined) headers.push(...cors);
  if (error.headers.length > 0) headers.push(...error.headers);
  const unread = bodyLeftUnread(invocation);
  if (close || unread) headers.push('connection', 'close');
  sink.head(prepared.status, headers);
  // The client may still be sending: read and drop the rest a while before closing (lingering-close.ts).
  if (unread) sink.lingerBeforeClose?.();
  sink.end(prepared.body);
  if (recording !== undefined) {
    recording.error = error.kind;
    recording.response = { status: prepared.status, headers };
    recording.responseBody.add(prepared.body);
  }
}

/** After an error before or during the upload the rest of the client's body will never be read: close instead of keep-alive. */
function bodyLeftUnread(invocation: Invocation): boolean {
  const request = invocation.request;
  return !request.complete && declaredBodyLength(request.rawHeaders) !== 0;
}

/** The gateway's 204 to a CORS preflight no route captured. */
export function respondToPreflight(invocation: Invocation, answer: PreflightAnswer): void {
  const headers = answer.headers;
  headers.push('apigw-requestid', invocation.requestId);
  if (invocation.context !== undefined) invocation.context.status = 204;
  invocation.sink.head(204, headers);
  invocation.sink.end();
  if (invocation.recording !== undefined) invocation.recording.response = { status: 204, headers };
}

/**
 * The sink an integration writes the endpoint's response into. Its head is shaped on the way to
 * the client: hop-by-hop fields and a backend's own `apigw-requestid` dropped, response parameters
 * mapped for the endpoint's status, the API's CORS fields set (docs/reference/dataplane.md §3.4,
 * §4, §7). When a mapping reads `$response.body` the integration hands the whole body over with
 * the end, and the head waits for it: then `end` is what throws for a field that cannot go on the
 * wire. Body bytes are counted into `$context.responseLength`.
 */
export class EndpointResponse implements ResponseSink {
  readonly #routed: RoutedInvocation;
  readonly #sink: ResponseSink;
  readonly #countsBody: boolean;
  /** The head waits for the body (a mapping reads it): what the endpoint sent so far. */
  #held: { status: number; headers: string[] } | undefined;

  constructor(routed: RoutedInvocation) {
    this.#routed = routed;
    this.#sink = routed.invocation.sink;
    this.#countsBody = routed.parsed.method !== 'HEAD';
  }

  get headSent(): boolean {
    return this.#sink.headSent;
  }

  get closed(): boolean {
    return this.#sink.closed;
  }

  head(status: number, received: string[]): void {
    const recording = this.#routed.invocation.recording;
    if (recording !== undefined) recording.endpointResponse = { status, headers: received.slice() };
    const headers = backendHeaders(received);
    if (this.#routed.match.route.responseMapping?.readsBody === true) this.#held = { status, headers };
    else this.#send(status, shapeResponse(this.#routed, status, headers), headers);
  }

  write(chunk: Buffer): boolean {
    this.#routed.invocation.recording?.responseBody.add(chunk);
    if (this.#countsBody) this.#routed.context.responseLength += chunk.length;
    return this.#sink.write(chunk);
  }

  end(last?: Buffer): void {
    const held = this.#held;
    if (held !== undefined) return this.#endHeld(held, last ?? Buffer.alloc(0));
    if (last !== undefined) {
      this.#routed.invocation.recording?.responseBody.add(last);
      if (this.#countsBody) this.#routed.context.responseLength += last.length;
    }
    this.#sink.end(last);
  }

  abort(): void {
    this.#sink.abort();
  }

  onDrain(listener: () => void): void {
    this.#sink.onDrain(listener);
  }

  onClose(listener: () => void): void {
    this.#sink.onClose(listener);
  }

  offClose(listener: () => void): void {
    this.#sink.offClose(listener);
  }

  /** The whole response is here: map it with its body, frame it with its length, send it. */
  #endHeld(held: { status: number; headers: string[] }, body: Buffer): void {
    this.#held = undefined;
    const headers = held.headers;
    const status = shapeResponse(this.#routed, held.status, headers, body);
    for (let i = headers.length - 2; i >= 0; i -= 2) if ((headers[i] as string).toLowerCase() === 'content-length') headers.splice(i, 2);
    headers.push('content-length', String(body.length));
    this.#send(held.status, status, headers);
    if (this.#countsBody) this.#routed.context.responseLength += body.length;
    this.#routed.invocation.recording?.responseBody.add(body);
    this.#sink.end(body);
  }

  #send(endpointStatus: number, status: number, headers: string[]): void {
    headers.push('apigw-requestid', this.#routed.invocation.requestId);
    this.#sink.head(status, headers);
    const recording = this.#routed.invocation.recording;
    if (recording !== undefined) recording.response = { status, headers };
    const context = this.#routed.context;
    context.status = status;
    context.integrationStatus = endpointStatus;
  }
}
