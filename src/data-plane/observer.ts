import type { GatewayErrorKind } from './gateway-error.js';
import type { RequestContext } from './request-context.js';

/**
 * What an observer (the console's request inspector) learns of each invocation once its response
 * is out: the client's request, the integration request as actually sent (after parameter mapping),
 * the endpoint's response head, the client's response, and `$context`. The pipeline keeps a
 * `Recording` only while an observer is attached: without one, recording costs a field check.
 */
export interface CapturedBody {
  /** The first bytes, at most the capture limit. */
  readonly bytes: Buffer;
  /** Bytes seen in all. */
  readonly size: number;
  readonly truncated: boolean;
}

export type IntegrationRecord =
  | {
      readonly kind: 'http';
      readonly method: string;
      /** Origin and path as sent upstream, after mapping. */
      readonly url: string;
      readonly headers: readonly string[];
    }
  | { readonly kind: 'lambda'; readonly functionUri: string; readonly event: unknown };

export interface MessageRecord {
  readonly status: number;
  /** Flat [name, value, …]. */
  readonly headers: readonly string[];
  readonly body: CapturedBody | undefined;
}

export interface InvocationRecord {
  readonly requestId: string;
  readonly apiId: string;
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly headers: readonly string[];
    readonly remoteAddress: string | undefined;
    readonly body: CapturedBody | undefined;
  };
  /** Undefined when no stage was selected (then there is no `$context` either). */
  readonly context: RequestContext | undefined;
  readonly integration: IntegrationRecord | undefined;
  /** What the integration handed back, before response mapping; undefined when it handed nothing. */
  readonly endpointResponse: Omit<MessageRecord, 'body'> | undefined;
  /** What the client got; undefined when it left before an answer. */
  readonly response: MessageRecord | undefined;
  /** The gateway error answered, if any. */
  readonly error: GatewayErrorKind | undefined;
}

export interface InvocationObserver {
  /** Called after the response, off the hot path; must not throw (a throw is logged and ignored). */
  invocation(record: InvocationRecord): void;
}

/** Bytes of each body kept for an observer (the console's 64 KiB). */
export const CAPTURE_LIMIT_BYTES = 64 * 1024;

/** The first bytes of a body, up to the capture limit. */
export class BodyCapture {
  readonly #chunks: Buffer[] = [];
  #kept = 0;
  #size = 0;

  readonly add = (chunk: Buffer): void => {
    this.#size += chunk.length;
    const room = CAPTURE_LIMIT_BYTES - this.#kept;
    if (room <= 0) return;
    const piece = chunk.length <= room ? Buffer.from(chunk) : Buffer.from(chunk.subarray(0, room));
    this.#chunks.push(piece);
    this.#kept += piece.length;
  };

  result(): CapturedBody {
    return { bytes: Buffer.concat(this.#chunks, this.#kept), size: this.#size, truncated: this.#size > this.#kept };
  }
}

/** What the steps note for an observer while an invocation runs. */
export class Recording {
  readonly requestBody = new BodyCapture();
  readonly responseBody = new BodyCapture();
  integration: IntegrationRecord | undefined = undefined;
  endpointResponse: Omit<MessageRecord, 'body'> | undefined = undefined;
  response: { status: number; headers: readonly string[] } | undefined = undefined;
  error: GatewayErrorKind | undefined = undefined;
  /** The client's body was read (or streamed) and captured. */
  requestBodySeen = false;
}
