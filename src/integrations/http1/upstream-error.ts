/**
 * Why an upstream exchange failed, as far as the HTTP/1.1 client can tell. Errors from the socket
 * itself (ECONNREFUSED, ECONNRESET, TLS and DNS failures) are passed on as Node raised them, so their
 * messages reach `$context.integrationErrorMessage` unchanged.
 */
export const UPSTREAM_ERROR_CODES = [
  /** The response is not HTTP/1.x, or could be read two ways (RFC 9112 §6.3, §11.2). */
  'malformed',
  /** The connection ended before the response did. */
  'closed',
  /** No TCP/TLS connection within the connect timeout. */
  'connect-timeout',
  /** No body bytes for longer than the body timeout, once the head has arrived. */
  'body-timeout',
  /** The request cannot be written: a header name or value that is not allowed on the wire. */
  'invalid-request',
  /** The pool was closed. */
  'closed-pool',
] as const;

export type UpstreamErrorCode = (typeof UPSTREAM_ERROR_CODES)[number];

export class UpstreamError extends Error {
  constructor(
    readonly code: UpstreamErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}
