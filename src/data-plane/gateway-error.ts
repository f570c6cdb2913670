/**
 * The responses API Gateway itself produces for an HTTP API: JSON `{"message":"…"}` with a
 * lower-case key (docs/reference/dataplane.md §3.5, §13; docs/compatibility.md "Decided where AWS is silent"). One closed table: a kind
 * outside it cannot be written. `responseType` is `$context.error.responseType`: HTTP APIs have no
 * gateway-response customisation, yet the variable exists; its values for HTTP APIs are not
 * documented, so these are the REST gateway response types that describe the same errors
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html).
 */
const GATEWAY_ERRORS = {
  BadRequest: { status: 400, message: 'Bad Request', responseType: 'DEFAULT_4XX' },
  RequestTimeout: { status: 408, message: 'Request Timeout', responseType: 'DEFAULT_4XX' },
  NotFound: { status: 404, message: 'Not Found', responseType: 'RESOURCE_NOT_FOUND' },
  Forbidden: { status: 403, message: 'Forbidden', responseType: 'ACCESS_DENIED' },
  Unauthorized: { status: 401, message: 'Unauthorized', responseType: 'UNAUTHORIZED' },
  RequestEntityTooLarge: { status: 413, message: 'Request Entity Too Large', responseType: 'REQUEST_TOO_LARGE' },
  TooManyRequests: { status: 429, message: 'Too Many Requests', responseType: 'THROTTLED' },
  InternalServerError: { status: 500, message: 'Internal Server Error', responseType: 'DEFAULT_5XX' },
  ServiceUnavailable: { status: 503, message: 'Service Unavailable', responseType: 'INTEGRATION_FAILURE' },
} as const;

export type GatewayErrorKind = keyof typeof GATEWAY_ERRORS;

/** A table entry with its body encoded once: a gateway error costs one head and one end. */
export interface PreparedError {
  readonly status: number;
  readonly message: string;
  readonly responseType: string;
  readonly body: Buffer;
  readonly length: string;
}

export const PREPARED_ERRORS = Object.fromEntries(
  Object.entries(GATEWAY_ERRORS).map(([kind, { status, message, responseType }]) => {
    const body = Buffer.from(JSON.stringify({ message }));
    return [kind, { status, message, responseType, body, length: String(body.length) }];
  }),
) as Readonly<Record<GatewayErrorKind, PreparedError>>;

/**
 * A step's refusal, as a value: the kind in the closed table, and header fields that travel with
 * it (an authorizer's `www-authenticate` or `x-amzn-ErrorType`). Steps return it; only the respond
 * step writes it. Errors without fields are shared instances (`GatewayError.of`).
 */
export class GatewayError {
  static readonly #plain = new Map<GatewayErrorKind, GatewayError>();

  private constructor(
    readonly kind: GatewayErrorKind,
    /** Flat [name, value, …] fields added to the error response. */
    readonly headers: readonly string[],
  ) {}

  static of(kind: GatewayErrorKind): GatewayError {
    let error = GatewayError.#plain.get(kind);
    if (error === undefined) GatewayError.#plain.set(kind, (error = new GatewayError(kind, [])));
    return error;
  }

  static withHeaders(kind: GatewayErrorKind, headers: readonly string[]): GatewayError {
    return headers.length === 0 ? GatewayError.of(kind) : new GatewayError(kind, headers);
  }
}

/**
 * Answers the HTTP server gives before a request reaches the pipeline (no API known yet), in the
 * same `{"message"}` shape and with an `apigw-requestid` like every other gateway error: a request
 * line plus header values over HTTP APIs' 10,240-byte quota (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html; AWS publishes no status,
 * Portico answers RFC 6585's 431), a client too slow to send its head or body (408, RFC 9110
 * §15.5.9), a request that is not HTTP/1.x (505, RFC 9110 §15.6.6) and a head that cannot be parsed
 * or is ambiguous — bad framing, a duplicate `Host` (RFC 9112 §3.2) — (400).
 */
export const CONNECTION_ERRORS = {
  RequestHeaderFieldsTooLarge: { status: 431, reason: 'Request Header Fields Too Large' },
  RequestTimeout: { status: 408, reason: 'Request Timeout' },
  BadRequest: { status: 400, reason: 'Bad Request' },
  HttpVersionNotSupported: { status: 505, reason: 'HTTP Version Not Supported' },
} as const;

export type ConnectionErrorKind = keyof typeof CONNECTION_ERRORS;

/** The whole response, bytes ready for a socket (the connection is closed after it). */
export function connectionErrorBytes(kind: ConnectionErrorKind, requestId: string): Buffer {
  const { status, reason } = CONNECTION_ERRORS[kind];
  const body = JSON.stringify({ message: reason });
  return Buffer.from(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\napigw-requestid: ${requestId}\r\nconnection: close\r\n\r\n${body}`,
    'latin1',
  );
}

/** HTTP APIs' quota on the request line and header values together (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html). */
export const REQUEST_HEAD_LIMIT_BYTES = 10_240;

/**
 * Bytes of the request line and header values, as the quota counts them (names and separators do
 * not count). `HTTP/1.1` is what the line carries whatever the client's version (docs/reference/dataplane.md §13).
 */
export function requestHeadSize(method: string, url: string, rawHeaders: readonly string[]): number {
  let size = method.length + url.length + 10; // "GET /p HTTP/1.1": two spaces and "HTTP/1.1"
  for (let i = 1; i < rawHeaders.length; i += 2) size += (rawHeaders[i] as string).length;
  return size;
}
