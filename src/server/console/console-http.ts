import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BucketLevel } from '../../data-plane/index.js';
import { declaredLength, readBody } from '../../wire/index.js';
import { describeApis, type ApiTreeSource } from './api-tree.js';
import type { ConsoleAuth } from './console-auth.js';
import type { ConsoleEvent, ConsoleHub } from './console-hub.js';
import type { ConsoleAssets } from './console-static.js';

export const CONSOLE_PATH = '/_portico/';
const API = '/_portico/api/';
/** A comment line on idle event streams, so proxies and browsers keep them open. */
const KEEP_ALIVE_MS = 15_000;

export interface ConsoleHttpOptions {
  readonly hub: ConsoleHub;
  readonly auth: ConsoleAuth;
  readonly assets: ConsoleAssets;
  readonly source: () => ApiTreeSource | undefined;
  readonly now: () => number;
  readonly buckets: () => readonly BucketLevel[] | undefined;
}

/** The endpoints of `/_portico/api/` (docs/console.md): listed at `GET /_portico/api/`. */
const ENDPOINTS = {
  'GET /_portico/api/session': 'whether sign-in is required (--auth) and done',
  'POST /_portico/api/session': 'sign in: {"accessKeyId","secretAccessKey"} → a session cookie',
  'DELETE /_portico/api/session': 'sign out',
  'GET /_portico/api/apis':
    'every API: stages, URLs, routes in match order, integrations and their targets, authorizers, throttling, CORS, stage variables, deployments',
  'GET /_portico/api/requests?after=SEQ&limit=N': 'the request history (summaries, oldest first)',
  'GET /_portico/api/requests/{requestId}': 'one request in full: heads, integration request, endpoint response, bodies, $context',
  'GET /_portico/api/metrics?seconds=S&apiId=ID': 'per-second counts and latency percentiles per stage and route',
  'GET /_portico/api/throttling': "the throttling buckets' fill levels (account and routes) and their limits",
  'GET /_portico/api/logs': 'access-log lines and function console output',
  'GET /_portico/api/events':
    'server-sent events as they happen, batched: "requests" (summaries), "logs", "dropped" (a count, when the page fell behind)',
};

function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res
    .writeHead(status, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'cache-control': 'no-store',
      ...headers,
    })
    .end(body);
}

function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const n = Number(query.get(name) ?? fallback);
  return Number.isFinite(n) ? Math.max(0, Math.floor(n)) : fallback;
}

/**
 * The console on the edge port: `/_portico/` (the page and its assets) and `/_portico/api/…` (JSON
 * and the event stream). Returns false for any other path.
 */
export function consoleHandler(options: ConsoleHttpOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://console');
    const path = url.pathname;
    if (path === '/_portico') {
      res.writeHead(308, { location: CONSOLE_PATH }).end();
      return true;
    }
    if (!path.startsWith(CONSOLE_PATH)) return false;
    if (path.startsWith(API) || path === API.slice(0, -1)) {
      api(options, req, res, path.slice(API.length), url.searchParams).catch(() => {
        if (!res.headersSent) json(res, 500, { message: 'Internal Server Error' });
        else res.destroy();
      });
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      json(res, 405, { message: 'Method Not Allowed' }, { allow: 'GET, HEAD' });
      return true;
    }
    const name = path.slice(CONSOLE_PATH.length);
    if (options.assets.serve(name, req, res)) return true;
    // Pages of the single-page app (#/live, …) all load index.html; unknown assets are 404.
    if (!name.includes('.') && options.assets.serve('', req, res)) return true;
    if (!options.assets.built)
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('The console is not built: run `npm run build`.\n');
    else json(res, 404, { message: 'Not Found' });
    return true;
  };
}

async function api(options: ConsoleHttpOptions, req: IncomingMessage, res: ServerResponse, route: string, query: URLSearchParams) {
  const { hub, auth } = options;
  const method = req.method ?? 'GET';
  if (route === 'session') return session(options, req, res, method);
  if (method !== 'GET' && method !== 'HEAD') return json(res, 405, { message: 'Method Not Allowed' }, { allow: 'GET' });
  if (route === '') return json(res, 200, { endpoints: ENDPOINTS });
  if (!auth.allows(req))
    return json(
      res,
      401,
      { message: 'Sign in with an access key and secret configured by --auth' },
      { 'www-authenticate': 'Basic realm="portico"' },
    );
  if (route === 'apis') {
    const source = options.source();
    return source === undefined ? json(res, 503, { message: 'Portico is starting' }) : json(res, 200, describeApis(source));
  }
  if (route === 'requests') {
    const after = intParam(query, 'after', 0);
    const limit = intParam(query, 'limit', 1000);
    const records = hub.requests().filter((r) => r.seq > after);
    return json(res, 200, { listening: hub.listening, requests: records.slice(-limit) });
  }
  if (route.startsWith('requests/')) {
    const record = hub.request(decodeURIComponent(route.slice('requests/'.length)));
    return record === undefined ? json(res, 404, { message: 'No such request in the history' }) : json(res, 200, record);
  }
  if (route === 'metrics') {
    const seconds = Math.min(intParam(query, 'seconds', 300), 600);
    const apiId = query.get('apiId') ?? undefined;
    return json(res, 200, { now: options.now(), seconds, series: hub.metrics.query(options.now(), seconds, apiId) });
  }
  if (route === 'logs') return json(res, 200, { lines: hub.logs() });
  if (route === 'throttling') return json(res, 200, { now: options.now(), buckets: options.buckets() ?? null });
  if (route === 'events') return events(hub, req, res);
  return json(res, 404, { message: 'Not Found' });
}

async function session(options: ConsoleHttpOptions, req: IncomingMessage, res: ServerResponse, method: string) {
  const { auth } = options;
  if (method === 'GET') return json(res, 200, { required: auth.required, signedIn: auth.allows(req) });
  if (method === 'DELETE') return json(res, 200, { signedIn: false }, { 'set-cookie': auth.signOut(req) });
  if (method !== 'POST') return json(res, 405, { message: 'Method Not Allowed' }, { allow: 'GET, POST, DELETE' });
  const read = await readBody(req, 16 * 1024, declaredLength(req.headers['content-length'], req.headers['transfer-encoding']), 10_000);
  if (read.kind !== 'read') return json(res, 413, { message: 'Expected a small JSON document' }, { connection: 'close' });
  let given: { accessKeyId?: unknown; secretAccessKey?: unknown } = {};
  try {
    given = JSON.parse(read.body.toString('utf8')) as typeof given;
  } catch {
    return json(res, 400, { message: 'Expected JSON: {"accessKeyId": "…", "secretAccessKey": "…"}' });
  }
  if (typeof given.accessKeyId !== 'string' || typeof given.secretAccessKey !== 'string')
    return json(res, 400, { message: 'Expected JSON: {"accessKeyId": "…", "secretAccessKey": "…"}' });
  if (!auth.required) return json(res, 200, { signedIn: true });
  if (!auth.verify(given.accessKeyId, given.secretAccessKey))
    return json(res, 401, { message: 'These credentials are not among those configured by --auth' });
  return json(res, 200, { signedIn: true }, { 'set-cookie': auth.signIn() });
}

/** Events are written in batches at most this often: one write for many requests under load. */
const BATCH_MS = 50;
/** A page that reads slower than this much queued output misses events (counted in the next batch) rather than growing memory. */
const MAX_QUEUED_BYTES = 1024 * 1024;

/**
 * Server-sent events: every request (its summary, event "requests": an array) and log line (event
 * "logs") from now on, until the page goes. Batched every 50 ms; a page that falls behind by more
 * than 1 MiB skips events and is told how many ("dropped").
 */
function events(hub: ConsoleHub, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 1000\n\n');
  let requests: unknown[] = [];
  let logs: unknown[] = [];
  let dropped = 0;
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    timer = undefined;
    let out = '';
    if (requests.length > 0) out += `event: requests\ndata: ${JSON.stringify(requests)}\n\n`;
    if (logs.length > 0) out += `event: logs\ndata: ${JSON.stringify(logs)}\n\n`;
    if (dropped > 0) out += `event: dropped\ndata: ${dropped}\n\n`;
    requests = [];
    logs = [];
    dropped = 0;
    if (out !== '') res.write(out);
  };
  const send = (event: ConsoleEvent): void => {
    if (res.writableLength > MAX_QUEUED_BYTES) {
      dropped++;
      return;
    }
    if (event.type === 'request') requests.push(event.summary);
    else logs.push(event.line);
    timer ??= setTimeout(flush, BATCH_MS);
  };
  const stop = hub.listen(send);
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  keepAlive.unref();
  const end = (): void => {
    clearInterval(keepAlive);
    if (timer !== undefined) clearTimeout(timer);
    stop();
  };
  req.socket.setTimeout(0);
  res.once('close', end);
}
