import type { ServerResponse } from 'node:http';

/**
 * What goes back on the wire. Errors follow the rest-json protocol: the type in
 * `x-amzn-ErrorType`, `{"message": …}` as JSON, the model's status (docs/reference/controlplane.md §3.1);
 * every response carries `x-amzn-RequestId`, which the SDK reads into `$metadata.requestId`.
 */
export interface Reply {
  status: number;
  contentType?: string;
  body?: string | Buffer;
  errorType?: string;
}

export interface WireError {
  type: string;
  status: number;
  message: string;
  /** NotFoundException's `resourceType` member. */
  resourceType?: string;
}

export function errorReply(error: WireError): Reply {
  const body: Record<string, string> = { message: error.message };
  if (error.resourceType !== undefined) body['resourceType'] = error.resourceType;
  return { status: error.status, errorType: error.type, contentType: 'application/json', body: JSON.stringify(body) };
}

export function jsonReply(status: number, value: unknown): Reply {
  // 204 means no body at all; the SDK reads nothing for those operations.
  if (status === 204) return { status };
  return { status, contentType: 'application/json', body: JSON.stringify(value ?? {}) };
}

export function send(res: ServerResponse, reply: Reply, requestId: string, extra: Record<string, string> = {}): void {
  const headers: Record<string, string | number> = { 'x-amzn-RequestId': requestId, ...extra };
  if (reply.errorType !== undefined) headers['x-amzn-ErrorType'] = reply.errorType;
  if (reply.contentType !== undefined) headers['Content-Type'] = reply.contentType;
  const body = reply.body ?? '';
  headers['Content-Length'] = Buffer.byteLength(body);
  res.writeHead(reply.status, headers);
  res.end(body);
}
