import { ApiGatewayV2Client, CreateApiCommand } from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portico, startPortico } from '../../../src/index.js';
import { POSTGRES_URL, REDIS_URL, postgresAvailable, redisAvailable, testRedisUrl, testSchema } from '../../support/services.js';
import { startTcpProxy, throughProxy, type TcpProxy } from '../../support/tcp-proxy.js';
import { startUpstream, type Upstream } from '../../support/upstream.js';
import { createThrottledApi } from './throttled-api.js';

const available = (await postgresAvailable()) && (await redisAvailable());

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, limitMs = 8_000): Promise<T> {
  const started = performance.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() - started > limitMs) throw new Error(`not within ${limitMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function status(node: Portico, apiId: string, path = '/ping'): Promise<number> {
  const response = await fetch(`${node.endpoint}/_aws/execute-api/${apiId}${path}`);
  await response.arrayBuffer();
  return response.status;
}

async function health(node: Portico): Promise<{ status: string; store: { connected: boolean }; throttling?: string }> {
  return (await (await fetch(`${node.endpoint}/_portico/health`)).json()) as never;
}

/** Node B reaches PostgreSQL and Redis through proxies the test cuts, as a network partition would. */
describe.skipIf(!available)('cluster mode: a node that loses PostgreSQL or Redis', () => {
  const schema = testSchema();
  let upstream: Upstream;
  let postgresProxy: TcpProxy;
  let redisProxy: TcpProxy;
  let a: Portico;
  let b: Portico;
  const clients: ApiGatewayV2Client[] = [];
  const sdk = (node: Portico) => {
    const client = new ApiGatewayV2Client({
      endpoint: node.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    upstream = await startUpstream('backend');
    const postgres = new URL(POSTGRES_URL);
    postgresProxy = await startTcpProxy(postgres.hostname, Number(postgres.port || 5432));
    const redis = new URL(REDIS_URL);
    redisProxy = await startTcpProxy(redis.hostname, Number(redis.port || 6379));
    const prefix = `portico-e2e-${process.pid}`;
    const redisUrl = testRedisUrl();
    a = await startPortico({ port: 0, store: schema.url, redis: redisUrl, node: `${prefix}-a`, logLevel: 'silent' });
    b = await startPortico({
      port: 0,
      store: throughProxy(schema.url, postgresProxy),
      redis: throughProxy(redisUrl, redisProxy),
      node: `${prefix}-b`,
      logLevel: 'silent',
    });
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await a?.stop();
    await b?.stop();
    await postgresProxy?.close();
    await redisProxy?.close();
    await upstream?.close();
    await schema.drop();
  });

  it('keeps serving its last configuration without PostgreSQL, says so, refuses writes with 503, and catches up when it is back', async () => {
    const first =
      (await sdk(a).send(new CreateApiCommand({ Name: 'before', ProtocolType: 'HTTP', Target: `${upstream.url}/{proxy}` }))).ApiId ?? '';
    await eventually('B serves the first API', async () => ((await status(b, first)) === 200 ? true : undefined));

    postgresProxy.cut();
    await eventually('B reports the store away', async () => ((await health(b)).store.connected ? undefined : true));
    expect((await health(b)).status).toBe('degraded');
    // Under load and without its database, B serves what it had.
    const during = await Promise.all(Array.from({ length: 50 }, () => status(b, first)));
    expect(during.every((code) => code === 200)).toBe(true);
    // A write to B cannot be kept: AWS-style 503, and nothing changes.
    const refused = await sdk(b)
      .send(new CreateApiCommand({ Name: 'lost', ProtocolType: 'HTTP' }))
      .then(
        () => undefined,
        (error: Error & { $metadata?: { httpStatusCode?: number } }) => error,
      );
    expect(refused?.name).toBe('ServiceUnavailableException');
    expect(refused?.$metadata?.httpStatusCode).toBe(503);
    // A goes on writing meanwhile.
    const second =
      (await sdk(a).send(new CreateApiCommand({ Name: 'during', ProtocolType: 'HTTP', Target: `${upstream.url}/{proxy}` }))).ApiId ?? '';
    expect(await status(b, second)).toBe(404);

    postgresProxy.restore();
    await eventually('B serves what A wrote while it was away', async () => ((await status(b, second)) === 200 ? true : undefined));
    await eventually('B reports the store back', async () => ((await health(b)).store.connected ? true : undefined));
    expect(await status(b, first)).toBe(200);
  });

  it('keeps serving without Redis, with local buckets of its share, and shares again when Redis is back', async () => {
    const apiId = await createThrottledApi(sdk(a), upstream.url, 1, 20);
    await eventually('B serves the throttled API', async () => ((await status(b, apiId)) === 200 ? true : undefined));
    expect((await health(b)).throttling).toBe('shared');

    redisProxy.cut();
    await eventually('B falls back to local buckets', async () => ((await health(b)).throttling === 'local' ? true : undefined));
    const codes = [];
    for (let i = 0; i < 30; i++) codes.push(await status(b, apiId));
    // Two nodes alive at the last heartbeat: B's share of the burst is 10; nothing fails for Redis.
    expect(codes.filter((code) => code === 200).length).toBe(10);
    expect(codes.every((code) => code === 200 || code === 429)).toBe(true);

    redisProxy.restore();
    await eventually('B shares the buckets again', async () => ((await health(b)).throttling === 'shared' ? true : undefined));
  });
});
