import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portico, startPortico } from '../../../src/index.js';
import { postgresAvailable, redisAvailable, testRedisUrl, testSchema } from '../../support/services.js';
import { startUpstream, type Upstream } from '../../support/upstream.js';
import { createThrottledApi } from './throttled-api.js';

const available = (await postgresAvailable()) && (await redisAvailable());

const RATE = 100;
const BURST = 100;
const SECONDS = 10;
/** One and a half times the limit, spread over the three nodes in turn (fewer requests: less CPU taken from the nodes on a busy machine). */
const SENT_PER_SECOND = 1.5 * RATE;

/**
 * AWS's limit is the gateway's, however many nodes serve it: at 100 rps (burst 100) across three
 * nodes sharing Redis, a 10-second run at 1.5 times the rate admits burst + rate × time, within ±5%.
 * This one takes real time (the buckets refill on Redis's clock).
 */
describe.skipIf(!available)('cluster mode: throttling across three nodes', () => {
  const schema = testSchema();
  const nodes: Portico[] = [];
  let upstream: Upstream;
  let client: ApiGatewayV2Client;

  beforeAll(async () => {
    upstream = await startUpstream('backend');
    const redis = testRedisUrl();
    for (const name of ['a', 'b', 'c'])
      nodes.push(await startPortico({ port: 0, store: schema.url, redis, node: name, logLevel: 'silent' }));
    client = new ApiGatewayV2Client({
      endpoint: nodes[0]?.endpoint ?? '',
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    client?.destroy();
    for (const node of nodes) await node.stop();
    await upstream?.close();
    await schema.drop();
  });

  it(
    `admits burst + ${RATE} rps × ${SECONDS} s (±5%) of ${SENT_PER_SECOND} rps sent round-robin to three nodes`,
    { timeout: 60_000 },
    async () => {
      const apiId = await createThrottledApi(client, upstream.url, RATE, BURST);
      // Every node serves the stage (and has leased its buckets) before the run starts.
      for (const node of nodes)
        for (;;) {
          const response = await fetch(`${node.endpoint}/_aws/execute-api/${apiId}/warm`, { method: 'HEAD' });
          await response.arrayBuffer();
          if (response.status !== 404) break;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      // Let the bucket fill again after the warm-up requests.
      await new Promise((resolve) => setTimeout(resolve, 1_500));

      const total = SENT_PER_SECOND * SECONDS;
      const interval = 1000 / SENT_PER_SECOND;
      const codes = new Map<number, number>();
      const pending: Promise<void>[] = [];
      const started = performance.now();
      for (let i = 0; i < total; i++) {
        const due = started + i * interval;
        const wait = due - performance.now();
        if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
        const node = nodes[i % nodes.length] as Portico;
        pending.push(
          fetch(`${node.endpoint}/_aws/execute-api/${apiId}/load`).then(async (response) => {
            await response.arrayBuffer();
            codes.set(response.status, (codes.get(response.status) ?? 0) + 1);
          }),
        );
      }
      const elapsed = (performance.now() - started) / 1000;
      await Promise.all(pending);
      const admitted = codes.get(200) ?? 0;
      const expected = BURST + RATE * elapsed;
      console.info(
        `throttling across 3 nodes: ${admitted} admitted of ${total} in ${elapsed.toFixed(2)} s; expected ${expected.toFixed(0)}`,
      );
      expect([...codes.keys()].every((code) => code === 200 || code === 429)).toBe(true);
      expect(admitted).toBeGreaterThanOrEqual(expected * 0.95);
      expect(admitted).toBeLessThanOrEqual(expected * 1.05);
    },
  );
});
