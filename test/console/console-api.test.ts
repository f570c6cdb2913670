import { request as httpRequest, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/model/index.js';
import { type Portico, type PorticoOptions, startPortico } from '../../src/server/index.js';
import { send } from '../support/http.js';
import { startUpstream, type Upstream } from '../support/upstream.js';

const SEED = join(import.meta.dirname, '..', '..', 'examples', 'seed');
const LISTENER = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:listener/app/my-load-balancer/50dc6c495c0c9188/0467ef3c8400ae65';
const SIGV4 =
  'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261205/us-east-2/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

interface Stream {
  events: { type: string; data: unknown }[];
  next(type: string): Promise<Record<string, unknown>>;
  close(): void;
}

/** An event-stream reader, as a page's EventSource is. */
function openStream(url: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const events: Stream['events'] = [];
    const waiting: { type: string; resolve: (data: Record<string, unknown>) => void }[] = [];
    let seen = 0;
    const req = httpRequest(url, { agent: false }, (res: IncomingMessage) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (type === undefined || data === undefined) continue;
          const value: unknown = JSON.parse(data);
          // "requests" and "logs" carry batches: one event each here, as "request" and "log".
          if (Array.isArray(value)) for (const item of value) events.push({ type: type.replace(/s$/, ''), data: item });
          else events.push({ type, data: value });
        }
        for (const w of [...waiting]) {
          const found = events.slice(seen).find((e) => e.type === w.type);
          if (found) {
            seen = events.indexOf(found) + 1;
            waiting.splice(waiting.indexOf(w), 1);
            w.resolve(found.data as Record<string, unknown>);
          }
        }
      });
      resolve({
        events,
        next: (type) =>
          new Promise((done) => {
            const found = events.slice(seen).find((e) => e.type === type);
            if (found) {
              seen = events.indexOf(found) + 1;
              done(found.data as Record<string, unknown>);
            } else waiting.push({ type, resolve: done });
          }),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the console JSON API and event stream', () => {
  let upstream: Upstream;
  let portico: Portico;
  let secretsShown: Portico;
  let api: string;

  beforeAll(async () => {
    upstream = await startUpstream();
    [portico, secretsShown] = await Promise.all([
      startPortico({ ...options(), consoleHistory: 3 }),
      startPortico({ ...options(), consoleShowSecrets: true }),
    ]);
    api = `/_aws/execute-api/${portico.apis[0]?.apiId ?? ''}`;
  });

  afterAll(async () => {
    await portico?.stop();
    await secretsShown?.stop();
    await upstream?.close();
  });

  const options = (): PorticoOptions => ({
    dir: SEED,
    port: 0,
    targets: { [LISTENER]: [upstream.url] },
    state: ':memory:',
    logLevel: 'silent',
  });

  const history = async (p: Portico) =>
    (await send(`${p.console}api/requests`)).json<{ listening: number; requests: { requestId: string; path: string }[] }>();

  it('records requests only while a page listens on the event stream', async () => {
    await send(`${portico.endpoint}${api}/before`);
    expect((await history(portico)).requests).toEqual([]);
    const stream = await openStream(`${portico.console}api/events`);
    await expect.poll(async () => (await history(portico)).listening).toBe(1);
    const reply = await send(`${portico.endpoint}${api}/during`);
    const event = await stream.next('request');
    expect(event).toMatchObject({
      requestId: reply.headers['apigw-requestid'],
      routeKey: '$default',
      status: 200,
      target: `${upstream.url}/during`,
    });
    // The stream carries summaries; the detail is fetched by id.
    expect(event).not.toHaveProperty('request');
    stream.close();
    await expect.poll(async () => (await history(portico)).listening).toBe(0);
    await send(`${portico.endpoint}${api}/after`);
    expect((await history(portico)).requests.map((r) => r.path)).toEqual([`${api}/during`]);
  });

  it('keeps the last --console-history requests, and answers 404 for one that left the ring', async () => {
    const stream = await openStream(`${portico.console}api/events`);
    await expect.poll(async () => (await history(portico)).listening).toBe(1);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(String((await send(`${portico.endpoint}${api}/ring/${i}`)).headers['apigw-requestid']));
      await stream.next('request');
    }
    stream.close();
    expect((await history(portico)).requests.map((r) => r.path)).toEqual([2, 3, 4].map((i) => `${api}/ring/${i}`));
    expect((await send(`${portico.console}api/requests/${encodeURIComponent(ids[0] ?? '')}`)).status).toBe(404);
    const detail = (await send(`${portico.console}api/requests/${encodeURIComponent(ids[4] ?? '')}`)).json<{
      integration: { url: string };
    }>();
    expect(detail.integration.url).toBe(`${upstream.url}/ring/4`);
  });

  it('masks Authorization, cookies and SigV4 signatures unless --console-show-secrets', async () => {
    const headers = { authorization: SIGV4, cookie: 'session=s3cret', 'x-amz-security-token': 'token-value' };
    const query = '?X-Amz-Signature=feedface&X-Amz-Credential=AKIDEXAMPLE';
    for (const [p, shown] of [
      [portico, false],
      [secretsShown, true],
    ] as const) {
      const stream = await openStream(`${p.console}api/events`);
      await expect.poll(async () => (await history(p)).listening).toBe(1);
      const reply = await send(`${p.endpoint}${api}/secret${query}`, { headers });
      await stream.next('request');
      stream.close();
      const record = (await send(`${p.console}api/requests/${encodeURIComponent(String(reply.headers['apigw-requestid']))}`)).json<{
        response: { body: unknown };
      }>();
      // The test's upstream echoes the headers it got in its body: that is the application's data, shown as it is.
      record.response.body = undefined;
      const detail = JSON.stringify(record);
      expect(detail.includes('0123456789abcdef0123456789abcdef'), 'signature').toBe(shown);
      expect(detail.includes('s3cret'), 'cookie').toBe(shown);
      expect(detail.includes('token-value'), 'session token').toBe(shown);
      expect(detail.includes('feedface'), 'presigned signature').toBe(shown);
      if (!shown) {
        expect(detail).toContain(
          'Credential=AKIDEXAMPLE/20261205/us-east-2/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=****',
        );
        expect(detail).toContain('X-Amz-Signature=****&X-Amz-Credential=AKIDEXAMPLE');
      }
    }
  });

  it('serves the page compressed (brotli, gzip) with caching headers, and the API index', async () => {
    const index = await send(portico.console ?? '', { headers: { 'accept-encoding': 'br, gzip' } });
    expect(index.status).toBe(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    const script = /src="\/_portico\/(assets\/[^"]+\.js)"/.exec(index.body)?.[1];
    expect(script).toBeDefined();
    const br = await send(`${portico.console}${script}`, { headers: { 'accept-encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const gzip = await send(`${portico.console}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    const again = await send(`${portico.console}${script}`, { headers: { 'if-none-match': String(br.headers['etag']) } });
    expect(again.status).toBe(304);
    expect((await send(`${portico.console}assets/nothing.js`)).status).toBe(404);
    const endpoints = (await send(`${portico.console}api/`)).json<{ endpoints: Record<string, string> }>().endpoints;
    expect(Object.keys(endpoints)).toEqual(expect.arrayContaining(['GET /_portico/api/apis', 'GET /_portico/api/events']));
  });

  it("shows the throttling buckets' fill levels and counts 429s per second", async () => {
    const clock = new ManualClock(Date.parse('2026-12-05T12:00:00Z'));
    const throttled = await startPortico({ ...options(), clock, accountRateLimit: 1, accountBurstLimit: 10 });
    try {
      const stream = await openStream(`${throttled.console}api/events`);
      await expect.poll(async () => (await history(throttled)).listening).toBe(1);
      const base = `${throttled.endpoint}/_aws/execute-api/${throttled.apis[0]?.apiId ?? ''}`;
      const statuses: number[] = [];
      for (let i = 0; i < 13; i++) statuses.push((await send(`${base}/t/${i}`)).status);
      expect(statuses.filter((s) => s === 429)).toHaveLength(3);
      const levels = (await send(`${throttled.console}api/throttling`)).json<{
        buckets: { apiId?: string; tokens: number; limits: object }[];
      }>();
      expect(levels.buckets.find((b) => b.apiId === undefined)).toEqual({ limits: { rateLimit: 1, burstLimit: 10 }, tokens: 0 });
      clock.advance(4000);
      const later = (await send(`${throttled.console}api/throttling`)).json<{ buckets: { apiId?: string; tokens: number }[] }>();
      expect(later.buckets.find((b) => b.apiId === undefined)?.tokens).toBe(4);
      for (let i = 0; i < 13; i++) await stream.next('request');
      stream.close();
      const metrics = (await send(`${throttled.console}api/metrics?seconds=10`)).json<{
        series: { routeKey?: string; points: { c429: number; count: number }[] }[];
      }>();
      const stage = metrics.series.find((s) => s.routeKey === undefined);
      expect(stage?.points.reduce((n, p) => n + p.c429, 0)).toBe(3);
      expect(stage?.points.reduce((n, p) => n + p.count, 0)).toBe(13);
    } finally {
      await throttled.stop();
    }
  });

  it('is not served with --no-console', async () => {
    const off = await startPortico({ dir: SEED, port: 0, state: ':memory:', logLevel: 'silent', console: false });
    try {
      expect(off.console).toBeUndefined();
      expect((await send(`${off.endpoint}/_portico/`)).status).toBe(404);
      expect((await send(`${off.endpoint}/_portico/api/apis`)).status).toBe(404);
    } finally {
      await off.stop();
    }
  });
});
