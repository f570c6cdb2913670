import type { ServerResponse } from 'node:http';

/**
 * The responses API Gateway itself produces for an HTTP API: JSON `{"message":"…"}` with a
 * lower-case key (docs/reference/dataplane.md §3.5, §13; docs/compatibility.md "Decided where AWS is silent"). One closed table: a kind
 * outside it cannot be written.
 */
export const GATEWAY_ERRORS = {
  NotFound: { status: 404, message: 'Not Found' },
  Forbidden: { status: 403, message: 'Forbidden' },
  Unauthorized: { status: 401, message: 'Unauthorized' },
  RequestEntityTooLarge: { status: 413, message: 'Request Entity Too Large' },
  TooManyRequests: { status: 429, message: 'Too Many Requests' },
  InternalServerError: { status: 500, message: 'Internal Server Error' },
  ServiceUnavailable: { status: 503, message: 'Service Unavailable' },
} as const;

export type GatewayErrorKind = keyof typeof GATEWAY_ERRORS;

interface PreparedError {
  readonly status: number;
  readonly body: Buffer;
  readonly length: string;
}

// Bodies encoded once; a gateway error costs one writeHead and one end.
const PREPARED = Object.fromEntries(
  Object.entries(GATEWAY_ERRORS).map(([kind, { status, message }]) => {
    const body = Buffer.from(JSON.stringify({ message }));
    return [kind, { status, body, length: String(body.length) }];
  }),
) as Record<GatewayErrorKind, PreparedError>;

export function gatewayErrorStatus(kind: GatewayErrorKind): number {
  return GATEWAY_ERRORS[kind].status;
}

/**
 * Answer with a gateway error. `closeConnection` is set when the client may still be sending a body
 * we will not read (413, or a failure mid-upload): the socket is closed after the response instead
 * of being left with unread bytes.
 */
export function writeGatewayError(
  res: ServerResponse,
  kind: GatewayErrorKind,
  requestId: string,
  closeConnection = false,
  /** CORS headers for an allowed origin when the API has a CORS configuration (docs/compatibility.md "Decided where AWS is silent"). */
  extraHeaders?: readonly string[],
): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  const error = PREPARED[kind];
  const headers = ['content-type', 'application/json', 'content-length', error.length, 'apigw-requestid', requestId];
  if (extraHeaders !== undefined) headers.push(...extraHeaders);
  if (closeConnection) headers.push('connection', 'close');
  res.writeHead(error.status, headers);
  res.end(error.body);
}

/**
 * Answers the HTTP server gives before a request reaches the pipeline (no API known yet, no
 * `apigw-requestid`), in the same `{"message"}` shape: a request line plus header values over
 * HTTP APIs' 10,240-byte quota (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html; AWS publishes no status, Portico answers RFC 6585's
 * 431), and a client too slow to send its head or body (408, RFC 9110 §15.5.9).
 */
export const CONNECTION_ERRORS = {
  RequestHeaderFieldsTooLarge: { status: 431, reason: 'Request Header Fields Too Large' },
  RequestTimeout: { status: 408, reason: 'Request Timeout' },
} as const;

export type ConnectionErrorKind = keyof typeof CONNECTION_ERRORS;

/** The whole response, bytes ready for a socket (the connection is closed after it). */
export function connectionErrorBytes(kind: ConnectionErrorKind): Buffer {
  const { status, reason } = CONNECTION_ERRORS[kind];
  const body = JSON.stringify({ message: reason });
  return Buffer.from(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
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
