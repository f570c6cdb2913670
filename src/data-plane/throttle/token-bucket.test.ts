import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT_LIMITS, InProcessBucketStore } from './bucket-store.js';
import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('admits rate × time + burst (±5%) at the account limits over 10 simulated seconds at twice the rate', () => {
    const { rateLimit, burstLimit } = DEFAULT_ACCOUNT_LIMITS;
    const bucket = new TokenBucket(DEFAULT_ACCOUNT_LIMITS, 0);
    const perSecond = 2 * rateLimit;
    let accepted = 0;
    for (let i = 0; i < perSecond * 10; i++) if (bucket.tryTake((i * 1000) / perSecond)) accepted++;
    const expected = rateLimit * 10 + burstLimit;
    expect(Math.abs(accepted - expected)).toBeLessThanOrEqual(expected * 0.05);
  });

  it('refills at most up to the burst, however long the pause', () => {
    const bucket = new TokenBucket({ rateLimit: 100, burstLimit: 50 }, 0);
    let accepted = 0;
    // 1,000 requests at once every second for 10 s: the first burst is 50, then 100 a second.
    for (let second = 0; second < 10; second++) for (let i = 0; i < 1000; i++) if (bucket.tryTake(second * 1000)) accepted++;
    expect(accepted).toBe(50 + 9 * 50); // each later second refills only up to the burst of 50
  });

  it('never admits anything with a burst under one token, whatever the rate', () => {
    const bucket = new TokenBucket({ rateLimit: 1000, burstLimit: 0 }, 0);
    expect([0, 10, 1000, 60_000].map((t) => bucket.tryTake(t))).toEqual([false, false, false, false]);
  });

  it('starts full at its first request when created without a time', () => {
    const bucket = new TokenBucket({ rateLimit: 0, burstLimit: 2 });
    expect([5_000, 9_000, 60_000].map((t) => bucket.tryTake(t))).toEqual([true, true, false]);
  });

  it('refills nothing when the clock steps back', () => {
    const bucket = new TokenBucket({ rateLimit: 1, burstLimit: 1 }, 10_000);
    expect(bucket.tryTake(10_000)).toBe(true);
    expect(bucket.tryTake(5_000)).toBe(false);
    expect(bucket.tryTake(10_500)).toBe(false);
    expect(bucket.tryTake(11_000)).toBe(true);
  });
});

describe('InProcessBucketStore', () => {
  it('returns the same bucket for the same route and limits, a fresh one when the limits change', () => {
    const store = new InProcessBucketStore();
    const a = store.routeBucket('api', '$default', 'GET /a', { rateLimit: 0, burstLimit: 1 }, 0);
    expect(a.tryTake(0)).toBe(true);
    expect(store.routeBucket('api', '$default', 'GET /a', { rateLimit: 0, burstLimit: 1 }, 0)).toBe(a);
    expect(store.routeBucket('api', 'prod', 'GET /a', { rateLimit: 0, burstLimit: 1 }, 0)).not.toBe(a);
    const changed = store.routeBucket('api', '$default', 'GET /a', { rateLimit: 0, burstLimit: 2 }, 0);
    expect(changed).not.toBe(a);
    expect(changed.tryTake(0)).toBe(true);
  });
});

describe('bucket levels (the console)', () => {
  it('tells tokens left without taking any, refilled up to the burst, for the account and each route', () => {
    const store = new InProcessBucketStore({ rateLimit: 10, burstLimit: 5 });
    const route = store.routeBucket('api', 'prod', 'GET /a', { rateLimit: 1, burstLimit: 3 }, 0);
    expect(store.levels(0)).toEqual([
      { limits: { rateLimit: 10, burstLimit: 5 }, tokens: 5 },
      { apiId: 'api', stageName: 'prod', routeKey: 'GET /a', limits: { rateLimit: 1, burstLimit: 3 }, tokens: 3 },
    ]);
    route.tryTake(0);
    route.tryTake(0);
    store.account.tryTake(0);
    expect(store.levels(0).map((l) => l.tokens)).toEqual([4, 1]);
    expect(store.levels(500).map((l) => l.tokens)).toEqual([5, 1.5]);
    // Asking changes nothing: the refill still counts from the last take.
    expect(store.levels(1000).map((l) => l.tokens)).toEqual([5, 2]);
    expect(new TokenBucket({ rateLimit: 1, burstLimit: 2 }).level(123)).toBe(2);
  });
});
