import type { ServerResponse } from 'node:http';
import { connectionNominees, isHeader, isHopByHop } from '../integrations/index.js';
import type { RequestContext } from './request-context.js';

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
    const name = (rawHeaders[i] as Buffer).toString('latin1');
    if (isHopByHop(name)) {
      if (name.length === 10 && isHeader(name, 'connection')) connection = (rawHeaders[i + 1] as Buffer).toString('latin1');
      continue;
    }
    if (name.length === 15 && isHeader(name, 'apigw-requestid')) continue;
    headers.push(name, (rawHeaders[i + 1] as Buffer).toString('latin1'));
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
