import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startUpstream, type Upstream } from '../../../test/support/upstream.js';
import { send, startGateway, type GatewayUnderTest } from '../../../test/data-plane/servers.js';
import { httpProxy, route, servingConfig } from '../../../test/data-plane/serving-config.js';
import { ManualClock, type RouteSettings, type ServingConfig } from '../../model/index.js';
import { InProcessBucketStore } from './bucket-store.js';

const API = 'thrott0001';
const START = Date.UTC(2026, 2, 12, 19, 3, 58);

let upstream: Upstream;
let clock: ManualClock;
let gateway: GatewayUnderTest;

beforeAll(async () => {
  upstream = await startUpstream();
});
afterAll(async () => {
  await upstream.close();
});
afterEach(async () => {
  await gateway?.close();
  upstream.seen.length = 0;
});

async function start(account = { rateLimit: 10_000, burstLimit: 5_000 }): Promise<void> {
  clock = new ManualClock(START);
  gateway = await startGateway({ clock, buckets: new InProcessBucketStore(account) });
}

interface StageThrottling {
  defaultRouteSettings?: RouteSettings;
  routeSettings?: Record<string, RouteSettings>;
}

/** `GET /a`, `GET /b` and `$default` on a `$default` stage with these settings; each call builds fresh Stage objects (a config swap). */
function configure(settings: StageThrottling = {}, deploymentId = 'dep001'): ServingConfig {
  const config = servingConfig([
    {
      apiId: API,
      deploymentId,
      routes: [route('GET /a', 'up'), route('GET /b', 'up'), route('$default', 'up')],
      integrations: [httpProxy('up', upstream.url)],
    },
  ]);
  const stage = config.apis[0]?.stages[0]?.stage;
  if (stage === undefined) throw new Error('no stage');
  stage.defaultRouteSettings = settings.defaultRouteSettings ?? {};
  stage.routeSettings = settings.routeSettings ?? {};
  gateway.gateway.setConfig(config);
  return config;
}

async function get(path: string): Promise<number> {
  return (await send(gateway.port, { path, headers: { host: gateway.host(API) } })).status;
}

async function statuses(path: string, count: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(await get(path));
  return out;
}

describe('throttling (docs/reference/dataplane.md §8)', () => {
  it('answers 429 {"message":"Too Many Requests"} with apigw-requestid, before the integration: the upstream sees nothing', async () => {
    await start();
    configure({ defaultRouteSettings: { throttlingRateLimit: 0, throttlingBurstLimit: 0 } });
    const reply = await send(gateway.port, { path: '/a', headers: { host: gateway.host(API) } });
    expect(reply.status).toBe(429);
    expect(JSON.parse(reply.body)).toEqual({ message: 'Too Many Requests' });
    expect(reply.headers['content-type']).toBe('application/json');
    expect(reply.headers['apigw-requestid']).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    expect(upstream.seen).toHaveLength(0);
  });

  it('gives each route its own bucket with the stage default limits; the burst refills at the rate', async () => {
    await start();
    configure({ defaultRouteSettings: { throttlingRateLimit: 2, throttlingBurstLimit: 2 } });
    expect(await statuses('/a', 3)).toEqual([200, 200, 429]);
    // Another route has a full bucket of its own: the default is per route, not per stage.
    expect(await statuses('/b', 3)).toEqual([200, 200, 429]);
    clock.advance(500); // 2 rps: one token back after 500 ms
    expect(await statuses('/a', 2)).toEqual([200, 429]);
    clock.advance(10_000); // never more than the burst
    expect(await statuses('/a', 3)).toEqual([200, 200, 429]);
    expect(upstream.seen).toHaveLength(7);
  });

  it("uses a route key's routeSettings over the stage default, field by field", async () => {
    await start();
    configure({
      defaultRouteSettings: { throttlingRateLimit: 0, throttlingBurstLimit: 1 },
      routeSettings: { 'GET /a': { throttlingBurstLimit: 3 } },
    });
    expect(await statuses('/a', 4)).toEqual([200, 200, 200, 429]);
    expect(await statuses('/b', 2)).toEqual([200, 429]);
    // The route's rate was not set: it is the default's 0, so nothing refills.
    clock.advance(60_000);
    expect(await statuses('/a', 1)).toEqual([429]);
  });

  it('throttles everything with an explicit 0 and nothing with unset limits', async () => {
    await start();
    configure({
      routeSettings: { 'GET /a': { throttlingRateLimit: 0, throttlingBurstLimit: 0 }, 'GET /b': { detailedMetricsEnabled: true } },
    });
    expect(await statuses('/a', 2)).toEqual([429, 429]);
    expect(await statuses('/b', 20)).toEqual(new Array(20).fill(200));
    expect(await statuses('/unrouted/path', 2)).toEqual([200, 200]); // `$default` route, no settings
  });

  it('shares the account bucket across routes and stages; a request refused by it keeps its route token', async () => {
    await start({ rateLimit: 1, burstLimit: 3 });
    configure({ routeSettings: { 'GET /a': { throttlingRateLimit: 0, throttlingBurstLimit: 2 } } });
    expect(await statuses('/b', 2)).toEqual([200, 200]);
    expect(await statuses('/a', 2)).toEqual([200, 429]); // account empty after three
    clock.advance(1_000); // one account token back
    expect(await statuses('/a', 1)).toEqual([200]); // the route still had its second token
    expect(await statuses('/a', 1)).toEqual([429]);
    expect(upstream.seen).toHaveLength(4);
  });

  it('applies changed settings at once, and keeps a bucket across config swaps that leave its limits alone', async () => {
    await start();
    configure({ defaultRouteSettings: { throttlingRateLimit: 0, throttlingBurstLimit: 2 } });
    expect(await statuses('/a', 3)).toEqual([200, 200, 429]);
    // A config swap (new Stage objects, even a new deployment) with the same limits: still empty.
    configure({ defaultRouteSettings: { throttlingRateLimit: 0, throttlingBurstLimit: 2 } }, 'dep002');
    expect(await statuses('/a', 1)).toEqual([429]);
    // New limits take effect with the next request: a fresh, full bucket.
    configure({ defaultRouteSettings: { throttlingRateLimit: 0, throttlingBurstLimit: 4 } });
    expect(await statuses('/a', 5)).toEqual([200, 200, 200, 200, 429]);
    // Limits removed: only the account bucket applies.
    configure({});
    expect(await statuses('/a', 5)).toEqual([200, 200, 200, 200, 200]);
  });

  it('accepts rate × time + burst (±5%) over a simulated 10-second run at twice the limit', async () => {
    await start();
    const rate = 10;
    const burst = 5;
    configure({ routeSettings: { 'GET /a': { throttlingRateLimit: rate, throttlingBurstLimit: burst } } });
    let accepted = 0;
    const sent = 2 * rate * 10;
    for (let i = 0; i < sent; i++) {
      if ((await get('/a')) === 200) accepted++;
      clock.advance(1000 / (2 * rate));
    }
    const expected = rate * 10 + burst;
    expect(Math.abs(accepted - expected)).toBeLessThanOrEqual(expected * 0.05);
    expect(upstream.seen).toHaveLength(accepted);
  });
});
