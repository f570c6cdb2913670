import { createServer, type Server } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { REDIS_URL, redisAvailable } from '../../../test/support/services.js';
import { RedisBucketStore } from './redis-bucket-store.js';

const available = await redisAvailable();
const stores: RedisBucketStore[] = [];
afterAll(() => {
  for (const store of stores) store.close();
});

function open(prefix: string, url = REDIS_URL, node = 'n'): RedisBucketStore {
  const store = new RedisBucketStore({ url, node, prefix, accountLimits: { rateLimit: 10_000, burstLimit: 5_000 } });
  stores.push(store);
  return store;
}

async function until(check: () => boolean, what: string): Promise<void> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > 3_000) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Takes from a bucket until it refuses, waiting for the leases asked meanwhile; how many were admitted. */
async function drain(take: () => boolean, limit: number): Promise<number> {
  let admitted = 0;
  let refusedInARow = 0;
  while (refusedInARow < 50 && admitted <= limit) {
    if (take()) {
      admitted++;
      refusedInARow = 0;
    } else {
      refusedInARow++;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
  return admitted;
}

describe.skipIf(!available)('RedisBucketStore', () => {
  it('holds one burst for two nodes: together they admit the burst, not twice it', async () => {
    const prefix = `portico-test:${randomBytes(4).toString('hex')}:`;
    const a = open(prefix, REDIS_URL, 'a');
    const b = open(prefix, REDIS_URL, 'b');
    await until(() => a.shared && b.shared, 'both nodes reach Redis');
    // Shared only once the first leases are in: the first request after connecting is not refused.
    expect(a.account.tryTake(Date.now())).toBe(true);
    a.account.giveBack();
    // A rate so low nothing refills during the test: the burst is all there is.
    const limits = { rateLimit: 0.001, burstLimit: 40 };
    const onA = a.routeBucket('api', '$default', 'GET /x', limits);
    const onB = b.routeBucket('api', '$default', 'GET /x', limits);
    const [fromA, fromB] = await Promise.all([drain(() => onA.tryTake(Date.now()), 100), drain(() => onB.tryTake(Date.now()), 100)]);
    expect(fromA + fromB).toBe(40);
    expect(fromA).toBeGreaterThan(0);
    expect(fromB).toBeGreaterThan(0);
  });

  it("falls back to local buckets holding this node's share when Redis cannot be reached, and refuses nothing for it", async () => {
    // A port that accepts and closes at once: nothing there speaks Redis.
    const server: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const changes: boolean[] = [];
    const store = new RedisBucketStore({
      url: `redis://127.0.0.1:${port}`,
      node: 'lonely',
      accountLimits: { rateLimit: 10_000, burstLimit: 5_000 },
      onShared: (shared) => changes.push(shared),
    });
    stores.push(store);
    const bucket = store.routeBucket('api', '$default', 'GET /x', { rateLimit: 0.001, burstLimit: 10 });
    let admitted = 0;
    for (let i = 0; i < 20; i++) if (bucket.tryTake(Date.now())) admitted++;
    expect(store.shared).toBe(false);
    // One node known: its share is the whole limit.
    expect(admitted).toBe(10);
    server.close();
  });
});
