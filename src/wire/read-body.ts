import type { BodySource } from './body-source.js';

/** A whole body, or why there is none: over the limit, stalled (reading stopped), or the sender went away first. */
export type BodyRead =
  | { readonly kind: 'read'; readonly body: Buffer }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'aborted' }
  /** No byte arrived for `stallMs`: reading stopped (the caller answers 408 and closes). */
  | { readonly kind: 'stalled' };

const EMPTY: BodyRead = { kind: 'read', body: Buffer.alloc(0) };
const TOO_LARGE: BodyRead = { kind: 'too-large' };
const ABORTED: BodyRead = { kind: 'aborted' };
const STALLED: BodyRead = { kind: 'stalled' };

/**
 * Read a request body whole, up to `limit` bytes: the one reader of the control plane (JSON
 * documents, hashed for SigV4) and the data plane (Lambda events, mappings of `$request.body`, AWS_IAM
 * body hashes). `declaredLength` is the Content-Length (-1 when absent, as for chunked bodies): one
 * over the limit is refused before a byte is read, and 0 reads nothing. Past the limit reading
 * stops and the source is paused, so the caller can answer 413 and close instead of draining.
 * With `stallMs`, a body that sends no byte for that long is given up on ('stalled').
 * Every listener it added is removed when it resolves; an error after that is swallowed.
 */
export function readBody(source: BodySource, limit: number, declaredLength: number, stallMs?: number): Promise<BodyRead> {
  if (declaredLength > limit) return Promise.resolve(TOO_LARGE);
  if (declaredLength === 0 || (source.complete && declaredLength < 0)) return Promise.resolve(EMPTY);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stall =
      stallMs === undefined
        ? undefined
        : setTimeout(() => {
            source.pause();
            finish(STALLED);
          }, stallMs);
    const finish = (result: BodyRead): void => {
      clearTimeout(stall);
      source.off('data', onData);
      source.off('end', onEnd);
      source.off('close', onClose);
      source.off('error', onClose);
      // An error after we stop listening must not become an uncaught exception.
      if (source.listenerCount('error') === 0) source.on('error', ignore);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      stall?.refresh();
      size += chunk.length;
      if (size > limit) {
        source.pause();
        finish(TOO_LARGE);
      } else chunks.push(chunk);
    };
    const onEnd = (): void => finish({ kind: 'read', body: Buffer.concat(chunks, size) });
    const onClose = (): void => {
      if (!source.complete) finish(ABORTED);
    };
    source.on('data', onData);
    source.on('end', onEnd);
    source.on('close', onClose);
    source.on('error', onClose);
    source.resume();
  });
}

function ignore(): void {}

/**
 * The length a body will be read against, from the request's framing fields: the declared
 * Content-Length, -1 for a body of unknown length (Transfer-Encoding), 0 for none.
 */
export function declaredLength(contentLength: string | undefined, transferEncoding: string | undefined): number {
  if (contentLength !== undefined) return Number(contentLength);
  return transferEncoding === undefined ? 0 : -1;
}
