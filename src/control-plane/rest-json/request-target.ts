import type { IncomingMessage } from 'node:http';
import { isStsRequest } from '../sts/index.js';

export interface Target {
  method: string;
  rawPath: string;
  rawQuery: string;
}

export function targetOf(req: IncomingMessage): Target {
  let url = req.url ?? '/';
  // absolute-form request targets (through a forward proxy) carry the origin first
  if (/^https?:\/\//i.test(url)) url = url.replace(/^https?:\/\/[^/?#]*/i, '') || '/';
  const q = url.indexOf('?');
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    rawPath: q < 0 ? url : url.slice(0, q),
    rawQuery: q < 0 ? '' : url.slice(q + 1),
  };
}

/** `/v2/...` (apigatewayv2; kumo#771 shows why it must be routed first) and STS at `/`. */
export function isControlPlaneRequest(req: IncomingMessage): boolean {
  const { method, rawPath, rawQuery } = targetOf(req);
  return rawPath === '/v2' || rawPath.startsWith('/v2/') || isStsRequest(method, rawPath, rawQuery, req.headers);
}
