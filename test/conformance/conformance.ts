import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { expect, it } from 'vitest';
import type { Backend, Received } from './backend.js';

/**
 * The conformance suite: each row is one request, the configuration it runs against (the test
 * file's fixture), what AWS answers (status, the headers that matter, body) and what the backend
 * received, with the reference section the behaviour comes from (`docs/reference/dataplane.md §2`).
 */
export interface Row {
  /** The reference section, e.g. `docs/reference/dataplane.md §2`. */
  readonly ref: string;
  readonly name: string;
  readonly request: RowRequest;
  readonly expect: RowExpect;
}

export interface RowRequest {
  readonly method?: string;
  /** The request target as sent (path and query). */
  readonly path: string;
  /** API name in the fixture (default: the target's first API); ignored with `host`. */
  readonly api?: string;
  /** A Host header instead of `{apiId}.execute-api.localhost:PORT` (custom domains, unknown hosts). */
  readonly host?: string;
  /** Send path-style, `/_aws/execute-api/{apiId}{path}`, without an execute-api Host. */
  readonly pathStyle?: boolean;
  /** Over HTTPS to the target's TLS port. */
  readonly tls?: boolean;
  /** An array sends the header once per value. */
  readonly headers?: Record<string, string | string[]>;
  readonly body?: string | Buffer;
}

/** A header expectation: the exact value, a pattern, or `null` for "absent". */
export type HeaderExpectation = string | RegExp | null;

export interface RowExpect {
  readonly status: number;
  readonly headers?: Record<string, HeaderExpectation>;
  /** Exact text, a pattern, or a JSON value the body must equal. */
  readonly body?: string | RegExp | Record<string, unknown>;
  /** What reached the backend, or `'not reached'`. */
  readonly upstream?: UpstreamExpect | 'not reached';
  /** False for an answer that must carry no `apigw-requestid` (none today: every gateway error, the server's own 400/408/431/505 included, carries one). */
  readonly requestId?: false;
}

export interface UpstreamExpect {
  readonly method?: string;
  readonly url?: string;
  readonly headers?: Record<string, HeaderExpectation>;
  readonly body?: string;
}

export interface ConformanceTarget {
  readonly port: number;
  readonly tlsPort?: number;
  readonly ca?: Buffer;
  readonly backend: Backend;
  apiId(name?: string): string;
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export const GATEWAY_ERROR = {
  NotFound: { message: 'Not Found' },
  Forbidden: { message: 'Forbidden' },
  RequestEntityTooLarge: { message: 'Request Entity Too Large' },
  InternalServerError: { message: 'Internal Server Error' },
  ServiceUnavailable: { message: 'Service Unavailable' },
  RequestHeaderFieldsTooLarge: { message: 'Request Header Fields Too Large' },
  RequestTimeout: { message: 'Request Timeout' },
} as const;

export function sendRow(target: ConformanceTarget, request: RowRequest): Promise<Answer> {
  const apiId = target.apiId(request.api);
  const path = request.pathStyle ? `/_aws/execute-api/${apiId}${request.path}` : request.path;
  const host = request.host ?? (request.pathStyle ? `127.0.0.1:${target.port}` : `${apiId}.execute-api.localhost:${target.port}`);
  const headers = { host, ...request.headers };
  const tls = request.tls === true;
  const port = tls ? target.tlsPort : target.port;
  if (port === undefined) throw new Error('this target has no TLS port');
  return new Promise((resolve, reject) => {
    const options = { host: '127.0.0.1', port, method: request.method ?? 'GET', path, headers, agent: false } as const;
    const onResponse = (res: import('node:http').IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    };
    const req = tls
      ? httpsRequest({ ...options, ca: target.ca, servername: host.replace(/:\d+$/, '') }, onResponse)
      : httpRequest(options, onResponse);
    req.on('error', reject);
    req.end(request.body);
  });
}

function checkHeaders(actual: IncomingHttpHeaders, expected: Record<string, HeaderExpectation> | undefined, where: string): void {
  for (const [name, want] of Object.entries(expected ?? {})) {
    const got = actual[name.toLowerCase()];
    const text = Array.isArray(got) ? got.join(', ') : got;
    if (want === null) expect(text, `${where} header ${name}`).toBeUndefined();
    else if (want instanceof RegExp) expect(text, `${where} header ${name}`).toMatch(want);
    else expect(text, `${where} header ${name}`).toBe(want);
  }
}

/** Send a row's request and check everything it expects. */
export async function checkRow(target: ConformanceTarget, row: Row): Promise<Answer> {
  const before = target.backend.received.length;
  const answer = await sendRow(target, row.request);
  const want = row.expect;
  expect(answer.status, 'status').toBe(want.status);
  if (want.requestId === false) expect(answer.headers['apigw-requestid'], 'apigw-requestid').toBeUndefined();
  else expect(answer.headers['apigw-requestid'], 'apigw-requestid').toMatch(/^[A-Za-z0-9+/]{15}=$/);
  checkHeaders(answer.headers, want.headers, 'response');
  if (typeof want.body === 'string') expect(answer.body, 'body').toBe(want.body);
  else if (want.body instanceof RegExp) expect(answer.body, 'body').toMatch(want.body);
  else if (want.body !== undefined) expect(JSON.parse(answer.body) as unknown, 'body').toEqual(want.body);
  const reached: Received[] = target.backend.received.slice(before);
  if (want.upstream === 'not reached') expect(reached, 'backend requests').toHaveLength(0);
  else if (want.upstream !== undefined) {
    expect(reached, 'backend requests').toHaveLength(1);
    const seen = reached[0] as Received;
    if (want.upstream.method !== undefined) expect(seen.method, 'backend method').toBe(want.upstream.method);
    if (want.upstream.url !== undefined) expect(seen.url, 'backend url').toBe(want.upstream.url);
    if (want.upstream.body !== undefined) expect(seen.body, 'backend body').toBe(want.upstream.body);
    checkHeaders(seen.headers, want.upstream.headers, 'backend');
  }
  return answer;
}

/** One `it` per row, named by its reference section and behaviour. */
export function itRows(rows: readonly Row[], target: () => ConformanceTarget): void {
  for (const row of rows) it(`${row.ref}: ${row.name}`, async () => void (await checkRow(target(), row)));
}
