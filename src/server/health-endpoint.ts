import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StoreHealth } from '../store/index.js';

const HEALTH_PATH = '/_portico/health';

/** What a node says about itself to a load balancer. */
export interface NodeHealth {
  /** The first configuration was loaded and is served. */
  readonly ready: boolean;
  readonly node: string | undefined;
  readonly store: StoreHealth;
  /** Cluster mode's throttling: `shared` in Redis, or `local` buckets while Redis is away. */
  readonly throttling?: 'shared' | 'local';
}

/**
 * `/_portico/health` on the edge port, for load-balancer checks: 503 `starting` until the first
 * configuration is served, then 200 — `ready`, or `degraded` while cluster mode's PostgreSQL or
 * Redis is away (the node still serves the last state it had, and local throttling buckets).
 */
export function serveHealth(req: IncomingMessage, res: ServerResponse, health: () => NodeHealth): boolean {
  const url = req.url ?? '';
  const query = url.indexOf('?');
  if ((query < 0 ? url : url.slice(0, query)) !== HEALTH_PATH) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json' }).end('{"message":"Method Not Allowed"}');
    return true;
  }
  const now = health();
  const degraded = !now.store.connected || now.throttling === 'local';
  const status = !now.ready ? 'starting' : degraded ? 'degraded' : 'ready';
  const body = JSON.stringify({ status, ...now });
  res.writeHead(now.ready ? 200 : 503, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
