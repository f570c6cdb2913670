import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROMETHEUS_CONTENT_TYPE, renderPrometheus, type MetricsSnapshot } from '../observability/index.js';

/** A process's own registry, or (`--workers`) the whole gateway's counters gathered from every worker. */
export interface MetricsSource {
  snapshot(): MetricsSnapshot | Promise<MetricsSnapshot>;
}

const PROMETHEUS_PATH = '/_portico/metrics';
const JSON_PATH = '/_portico/metrics.json';

/**
 * `/_portico/metrics` (Prometheus text) and `/_portico/metrics.json` (the same counters as JSON, for
 * the dashboard) on the edge port. Returns false, writing nothing, for any other path. Requests for
 * an API (execute-api Host or path) never get here: the gateway takes them first.
 */
export function serveMetrics(req: IncomingMessage, res: ServerResponse, metrics: MetricsSource): boolean {
  const url = req.url ?? '';
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  if (path !== PROMETHEUS_PATH && path !== JSON_PATH) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json' }).end('{"message":"Method Not Allowed"}');
    return true;
  }
  const answer = (snapshot: MetricsSnapshot): void => {
    const [type, body] =
      path === JSON_PATH ? ['application/json', JSON.stringify(snapshot)] : [PROMETHEUS_CONTENT_TYPE, renderPrometheus(snapshot)];
    res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  const snapshot = metrics.snapshot();
  if (!(snapshot instanceof Promise)) answer(snapshot);
  else
    snapshot.then(answer, () => {
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"Service Unavailable"}');
    });
  return true;
}
