import type { ServerResponse } from 'node:http';

/**
 * The responses API Gateway itself produces for an HTTP API: JSON `{"message":"…"}` with a
 * lower-case key (dataplane.md §3.5, §13; DESIGN.md "Decided"). One closed table: a kind
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
): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  const error = PREPARED[kind];
  const headers = [
    'content-type',
    'application/json',
    'content-length',
    error.length,
    'apigw-requestid',
    requestId,
  ];
  if (closeConnection) headers.push('connection', 'close');
  res.writeHead(error.status, headers);
  res.end(error.body);
}
