import type { ServerResponse } from 'node:http';
import { connectionNominees, isHeader, isHopByHop } from '../integrations/index.js';
import type { RequestContext } from './request-context.js';

/**
 * Header bytes as a string, byte for byte (Node writes header strings back as latin1). Buffer's
 * `latin1Slice` skips `toString`'s argument handling, which shows in profiles at one call per header.
 */
interface Latin1Slicing {
  latin1Slice(start: number, end: number): string;
}
const latin1: (buffer: Buffer) => string =
  typeof (Buffer.prototype as Partial<Latin1Slicing>).latin1Slice === 'function'
    ? (buffer) => (buffer as unknown as Latin1Slicing).latin1Slice(0, buffer.length)
    : (buffer) => buffer.toString('latin1');

/**
 * Map the backend's response head (dataplane.md §3.4): status and headers pass through unchanged
 * except hop-by-hop fields (RFC 9110 §7.6.1), and `apigw-requestid` is set on every response.
 * Node adds `Date` when the backend sent none, and picks Content-Length or chunked framing for the
 * client connection (keep-alive). Response parameter mapping and CORS headers come later.
 */
export function writeResponseHead(
  res: ServerResponse,
  status: number,
  rawHeaders: Buffer[],
  context: RequestContext,
): void {
  const headers: string[] = [];
  let connection: string | undefined;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = latin1(rawHeaders[i] as Buffer);
    if (isHopByHop(name)) {
      if (name.length === 10 && isHeader(name, 'connection')) connection = latin1(rawHeaders[i + 1] as Buffer);
      continue;
    }
    if (name.length === 15 && isHeader(name, 'apigw-requestid')) continue;
    headers.push(name, latin1(rawHeaders[i + 1] as Buffer));
  }
  const nominees = connectionNominees(connection);
  if (nominees !== undefined) {
    for (let i = headers.length - 2; i >= 0; i -= 2)
      if (nominees.has((headers[i] as string).toLowerCase())) headers.splice(i, 2);
  }
  headers.push('apigw-requestid', context.requestId);
  context.status = status;
  context.integrationStatus = status;
  res.writeHead(status, headers);
}
