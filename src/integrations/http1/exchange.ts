import type { CountedBody } from '../counted-body.js';
import type { RequestHead } from './request-head.js';

/** What a handler may do with its exchange once it is on a connection. */
export interface ExchangeControl {
  /** End the exchange now (timeout, client gone): the connection is closed, the handler hears nothing more. */
  abort(error: Error): void;
  /** Read the response again after `onData` returned false. */
  resume(): void;
}

/**
 * Receives one exchange's events, in order: `onConnect` when the request is on a connected socket
 * (from then on bytes may reach the target), `onHeaders` for the final response head (interim 1xx
 * heads are not reported), `onData` for each body piece, then `onComplete` — or `onError` at any
 * point. A connection that could not be made reports `onError` without `onConnect`.
 */
export interface ExchangeHandler {
  onConnect(control: ExchangeControl): void;
  onHeaders(status: number, headers: string[]): void;
  /** Return false to stop reading until `control.resume()`. */
  onData(chunk: Buffer): boolean;
  /** `last`: the final body piece when it came with the end of the response. */
  onComplete(last: Buffer | undefined): void;
  onError(error: Error): void;
  /** True once the exchange no longer wants a connection (it timed out or its client left while it waited for one). */
  readonly abandoned?: boolean;
}

/** One request for a connection pool: the head built once, and the body to send with it. */
export interface UpstreamRequest {
  readonly head: RequestHead;
  /** The client's streamed body, a buffered one, or none. */
  readonly body: CountedBody | Buffer | null;
}
