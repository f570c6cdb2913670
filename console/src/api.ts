/** The console's only data source: Portico's JSON API under /_portico/api/ and its event stream (docs/console.md). */
export const API = '/_portico/api';

export interface Summary {
  seq: number;
  requestId: string;
  time: number;
  apiId: string;
  stage?: string;
  method: string;
  path: string;
  routeKey?: string;
  status: number;
  latencyMs: number;
  integrationLatencyMs: number;
  target?: string;
  authorizer: { kind: string; result: string; error: string; values: Record<string, unknown> };
  error?: { kind: string; message: string; responseType: string };
}

export interface Body {
  encoding: 'utf8' | 'base64';
  data: string;
  size: number;
  truncated: boolean;
}

export type Pairs = [string, string][];

export interface RequestDetail extends Summary {
  request: { method: string; url: string; headers: Pairs; remoteAddress?: string; body?: Body };
  integration?: { kind: 'http'; method: string; url: string; headers: Pairs } | { kind: 'lambda'; functionUri: string; event: unknown };
  endpointResponse?: { status: number; headers: Pairs };
  response?: { status: number; headers: Pairs; body?: Body };
  context?: Record<string, unknown>;
}

export interface LogLine {
  seq: number;
  time: number;
  kind: 'access' | 'function';
  source: string;
  apiId?: string;
  stage?: string;
  requestId?: string;
  level?: string;
  line: string;
}

export class Unauthorized extends Error {}

export async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(`${API}/${path}`, { headers: { accept: 'application/json' } });
  if (res.status === 401) throw new Unauthorized('sign in');
  if (!res.ok) throw new Error(`${res.status} ${((await res.json().catch(() => ({}))) as { message?: string }).message ?? ''}`);
  return (await res.json()) as T;
}

export async function signIn(accessKeyId: string, secretAccessKey: string): Promise<string | undefined> {
  const res = await fetch(`${API}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accessKeyId, secretAccessKey }),
  });
  if (res.ok) return undefined;
  return ((await res.json().catch(() => ({}))) as { message?: string }).message ?? `HTTP ${res.status}`;
}

type Listener = { request?: (s: Summary) => void; log?: (l: LogLine) => void; open?: () => void };
const listeners = new Set<Listener>();
let source: EventSource | undefined;

/** One EventSource for the whole page; pages subscribe to it. */
export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  if (source === undefined) {
    source = new EventSource(`${API}/events`);
    // Batched by the server: one event carries every request (or log line) of the last 50 ms.
    source.addEventListener('requests', (e) => {
      const summaries = JSON.parse((e as MessageEvent<string>).data) as Summary[];
      for (const summary of summaries) for (const l of listeners) l.request?.(summary);
    });
    source.addEventListener('logs', (e) => {
      const lines = JSON.parse((e as MessageEvent<string>).data) as LogLine[];
      for (const line of lines) for (const l of listeners) l.log?.(line);
    });
    source.addEventListener('open', () => {
      for (const l of listeners) l.open?.();
    });
  } else if (source.readyState === EventSource.OPEN) listener.open?.();
  return () => {
    listeners.delete(listener);
  };
}

export function decodeBody(body: Body | undefined): string {
  if (body === undefined) return '';
  if (body.encoding === 'utf8') return body.data;
  return `(binary, base64) ${body.data}`;
}
