import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toOptions } from '../../src/cli/commands.js';
import { type Portico, startPortico } from '../../src/server/index.js';
import { send } from '../support/http.js';
import { startUpstream, type Upstream } from '../support/upstream.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'e2e', 'observability');

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface LogLine {
  requestId: string;
  routeKey: string;
  status: string;
  responseLength: string;
  error: string;
  responseType: string;
}

describe('throttling, access logs and metrics from Terraform, end to end', () => {
  let upstream: Upstream;
  let portico: Portico;
  let dir: string;
  let apiId: string;
  const answered: { status: number; requestId: string }[] = [];

  const get = async (path: string): Promise<number> => {
    const reply = await send(`${portico.endpoint}/_aws/execute-api/${apiId}/prod${path}`);
    answered.push({ status: reply.status, requestId: String(reply.headers['apigw-requestid']) });
    return reply.status;
  };

  beforeAll(async () => {
    upstream = await startUpstream();
    dir = mkdtempSync(join(tmpdir(), 'portico-observability-'));
    cpSync(FIXTURE, dir, { recursive: true });
    portico = await startPortico({
      dir,
      port: 0,
      state: ':memory:',
      logLevel: 'silent',
      vars: { backend: upstream.url, unreachable: `http://127.0.0.1:${await closedPort()}` },
    });
    apiId = portico.apis[0]?.apiId ?? '';
    const statuses = [];
    for (const path of ['/pets', '/pets', '/pets', '/limited', '/limited', '/down', '/nothing', '/status/404', '/status/500'])
      statuses.push(await get(path));
    expect(statuses).toEqual([200, 200, 200, 200, 429, 503, 404, 404, 500]);
  });

  afterAll(async () => {
    await portico?.stop();
    await upstream?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('throttles a route by its route_settings; the throttled request never reaches the backend', () => {
    expect(upstream.seen.filter((seen) => seen.url === '/prod/limited')).toHaveLength(1);
  });

  it('writes one access-log line per request to .portico/logs/<log group>.log in the stage format', async () => {
    await portico.flushAccessLogs();
    const lines = readFileSync(join(dir, '.portico', 'logs', 'aws', 'http-api', 'pets.log'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as LogLine);
    expect(lines.map((line) => [line.requestId, Number(line.status)])).toEqual(answered.map((a) => [a.requestId, a.status]));
    expect(lines[4]).toMatchObject({
      routeKey: 'GET /limited',
      status: '429',
      responseLength: '31',
      error: 'Too Many Requests',
      responseType: 'THROTTLED',
    });
    expect(lines[5]).toMatchObject({
      routeKey: 'GET /down',
      status: '503',
      error: 'Service Unavailable',
      responseType: 'INTEGRATION_FAILURE',
    });
    expect(lines[6]).toMatchObject({ routeKey: '-', status: '404', error: 'Not Found' });
    // A backend's own 404 is not a gateway error.
    expect(lines[7]).toMatchObject({ routeKey: 'GET /status/{code}', status: '404', error: '-', responseType: '-' });
  });

  it('serves Prometheus text at /_portico/metrics: counts by status class, per route only where detailed metrics are on', async () => {
    const reply = await send(`${portico.endpoint}/_portico/metrics`);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const stage = `api_id="${apiId}",stage="prod"`;
    const samples = reply.body.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    expect(samples).toEqual(
      expect.arrayContaining([
        `apigateway_count_total{${stage}} 9`,
        `apigateway_4xx_total{${stage}} 3`,
        `apigateway_5xx_total{${stage}} 2`,
        `apigateway_latency_milliseconds_count{${stage}} 9`,
        // No integration call for the 429 and the 404 without a route.
        `apigateway_integration_latency_milliseconds_count{${stage}} 7`,
        `apigateway_route_count_total{${stage},route="GET /pets"} 3`,
        `apigateway_route_4xx_total{${stage},route="GET /pets"} 0`,
      ]),
    );
    expect(reply.body).not.toContain('route="GET /limited"');
    expect(reply.body).not.toContain('route="GET /status/{code}"');
  });

  it('serves the same counters as JSON at /_portico/metrics.json', async () => {
    const reply = await send(`${portico.endpoint}/_portico/metrics.json`);
    expect(reply.status).toBe(200);
    const body = reply.json<{
      stages: { apiId: string; stage: string; metrics: Record<string, unknown>; routes: { route: string }[] }[];
    }>();
    expect(body.stages).toHaveLength(1);
    expect(body.stages[0]).toMatchObject({ apiId, stage: 'prod', metrics: { Count: 9, '4xx': 3, '5xx': 2 } });
    expect(body.stages[0]?.routes.map((r) => r.route)).toEqual(['GET /pets']);
  });

  it('leaves /_portico/ paths of an API to the API, and refuses writes to the metrics endpoint', async () => {
    const viaApi = await send(`${portico.endpoint}/_aws/execute-api/${apiId}/prod/_portico/metrics`);
    expect(viaApi.status).toBe(404);
    expect(viaApi.json()).toEqual({ message: 'Not Found' });
    const post = await send(`${portico.endpoint}/_portico/metrics`, { method: 'POST' });
    expect(post.status).toBe(405);
  });
});

describe('portico up/serve flags', () => {
  it('maps --log-dir, --log-to-stdout, --account-rate and --account-burst', () => {
    const options = toOptions('.', { port: '0', logDir: 'logs', logToStdout: true, accountRate: '50.5', accountBurst: '20' });
    expect(options).toMatchObject({ logDir: 'logs', logToStdout: true, accountRateLimit: 50.5, accountBurstLimit: 20 });
  });

  it('applies --account-rate/--account-burst to every API: the account bucket is shared', async () => {
    const upstream = await startUpstream();
    const dir = mkdtempSync(join(tmpdir(), 'portico-account-'));
    cpSync(FIXTURE, dir, { recursive: true });
    const portico = await startPortico({
      dir,
      port: 0,
      state: ':memory:',
      logLevel: 'silent',
      accountRateLimit: 0,
      accountBurstLimit: 2,
      vars: { backend: upstream.url, unreachable: upstream.url },
    });
    try {
      const base = `${portico.endpoint}/_aws/execute-api/${portico.apis[0]?.apiId ?? ''}/prod`;
      const statuses = [];
      for (const path of ['/pets', '/status/200', '/pets', '/status/200']) statuses.push((await send(`${base}${path}`)).status);
      expect(statuses).toEqual([200, 200, 429, 429]);
    } finally {
      await portico.stop();
      await upstream.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a negative or fractional account burst with the flag in the message', async () => {
    await expect(startPortico({ port: 0, logLevel: 'silent', accountBurstLimit: 1.5 })).rejects.toThrow(
      '--account-burst 1.5: expected a whole number of at least 0',
    );
    await expect(startPortico({ port: 0, logLevel: 'silent', accountRateLimit: -1 })).rejects.toThrow('--account-rate -1');
  });
});
