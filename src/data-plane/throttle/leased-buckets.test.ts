import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../model/index.js';
import { BucketLedger, type LedgerTimers } from './bucket-ledger.js';
import type { LeaseToLedger, LeaseToWorker } from './lease-protocol.js';
import { LeasedBucketStore } from './leased-bucket-store.js';
import type { ThrottleLimits, TokenSource } from './token-bucket.js';

/** Timers on the manual clock: they fire when the test moves time past them. */
class ManualTimers implements LedgerTimers {
  #timers: { due: number; run: () => void }[] = [];
  constructor(private readonly clock: ManualClock) {}
  setTimeout(run: () => void, ms: number): unknown {
    const timer = { due: this.clock.now() + ms, run };
    this.#timers.push(timer);
    return timer;
  }
  clearTimeout(handle: unknown): void {
    this.#timers = this.#timers.filter((t) => t !== handle);
  }
  /** Move the clock, firing each timer at its due time. */
  advance(ms: number): void {
    const end = this.clock.now() + ms;
    for (;;) {
      const next = this.#timers.filter((t) => t.due <= end).sort((a, b) => a.due - b.due)[0];
      if (next === undefined) break;
      this.#timers = this.#timers.filter((t) => t !== next);
      if (next.due > this.clock.now()) this.clock.set(next.due);
      next.run();
    }
    this.clock.set(end);
  }
}

/**
 * A primary and `count` workers joined by an in-memory stand-in for the cluster's IPC channel:
 * messages wait in order until the test delivers them, as they wait in a pipe.
 */
function gatewayOf(count: number, account: ThrottleLimits = { rateLimit: 10_000, burstLimit: 5_000 }) {
  const clock = new ManualClock(Date.UTC(2026, 2, 12));
  const timers = new ManualTimers(clock);
  const queue: (() => void)[] = [];
  const workers: LeasedBucketStore[] = [];
  const ledger = new BucketLedger({
    clock,
    timers,
    send: (worker: number, message: LeaseToWorker) => queue.push(() => workers[worker]?.receive(message)),
  });
  const messages: LeaseToLedger[] = [];
  for (let i = 0; i < count; i++)
    workers.push(
      new LeasedBucketStore(account, count, {
        send: (message) => {
          messages.push(message);
          queue.push(() => ledger.receive(i, message));
        },
      }),
    );
  /** Deliver every message in flight, and the ones they cause. */
  const deliver = (): void => {
    while (queue.length > 0) queue.shift()?.();
  };
  deliver();
  return { clock, timers, ledger, workers, deliver, messages };
}

const route = (store: LeasedBucketStore, limits: ThrottleLimits): TokenSource => store.routeBucket('api', '$default', 'GET /a', limits);

describe('leased buckets across gateway workers (--workers, docs/reference/dataplane.md §8)', () => {
  it('keeps two workers together within ±5% of rate × time + burst over 10 simulated seconds at twice the limit', () => {
    const { timers, workers, deliver } = gatewayOf(2);
    const limits = { rateLimit: 100, burstLimit: 50 };
    const buckets = workers.map((w) => route(w, limits));
    deliver();
    let accepted = 0;
    const perSecond = 2 * limits.rateLimit;
    for (let i = 0; i < perSecond * 10; i++) {
      // Requests alternate between the workers, as the cluster's round robin hands out connections.
      if (buckets[i % 2]?.tryTake(0)) accepted++;
      deliver();
      timers.advance(1000 / perSecond);
      deliver();
    }
    const expected = limits.rateLimit * 10 + limits.burstLimit;
    expect(Math.abs(accepted - expected)).toBeLessThanOrEqual(expected * 0.05);
  });

  it('holds at the account limits (10,000 rps, burst 5,000) with messages delivered only every 20 requests', () => {
    const { timers, workers, deliver } = gatewayOf(2);
    let accepted = 0;
    const perSecond = 20_000;
    for (let i = 0; i < perSecond * 10; i++) {
      if (workers[i % 2]?.account.tryTake(0)) accepted++;
      if (i % 20 === 19) deliver();
      timers.advance(1000 / perSecond);
    }
    const expected = 10_000 * 10 + 5_000;
    expect(Math.abs(accepted - expected)).toBeLessThanOrEqual(expected * 0.05);
  });

  it('stays within the rule when all the load reaches one worker and the other sits on its lease', () => {
    const { timers, workers, deliver } = gatewayOf(2);
    const limits = { rateLimit: 40, burstLimit: 40 };
    const busy = route(workers[0] as LeasedBucketStore, limits);
    // The other worker leases the same bucket when it creates it, and never spends the lease.
    route(workers[1] as LeasedBucketStore, limits);
    deliver();
    let accepted = 0;
    for (let i = 0; i < 80 * 10; i++) {
      if (busy.tryTake(0)) accepted++;
      deliver();
      timers.advance(1000 / 80);
      deliver();
    }
    const expected = 40 * 10 + 40;
    expect(Math.abs(accepted - expected)).toBeLessThanOrEqual(expected * 0.05);
  });

  it('never admits more than the burst, even after a quiet period with leases at hand in both workers', () => {
    const { timers, workers, deliver } = gatewayOf(2);
    const limits = { rateLimit: 100, burstLimit: 20 };
    const buckets = workers.map((w) => route(w, limits));
    deliver();
    timers.advance(60_000);
    deliver();
    // 100 requests at one instant, spread over both workers, messages delivered as they go.
    let accepted = 0;
    for (let i = 0; i < 100; i++) {
      if (buckets[i % 2]?.tryTake(0)) accepted++;
      deliver();
    }
    expect(accepted).toBe(20);
  });

  it('refuses everything at burst 0 without asking the primary, as a single process does', () => {
    const { workers, messages } = gatewayOf(2);
    const sent = messages.length;
    const bucket = route(workers[0] as LeasedBucketStore, { rateLimit: 1000, burstLimit: 0 });
    expect([bucket.tryTake(0), bucket.tryTake(0)]).toEqual([false, false]);
    expect(messages.length).toBe(sent);
  });

  it('admits exactly the burst at rate 0 however the requests fall on the workers', () => {
    const { workers, deliver } = gatewayOf(2);
    const limits = { rateLimit: 0, burstLimit: 3 };
    const buckets = workers.map((w) => route(w, limits));
    deliver();
    const statuses: boolean[] = [];
    for (const i of [0, 0, 0, 0, 1, 1]) {
      statuses.push(buckets[i]?.tryTake(0) ?? false);
      deliver();
    }
    expect(statuses.filter(Boolean)).toHaveLength(3);
    // The first worker spent its lease and got the rest of the bucket back from the other one.
    expect(statuses.slice(0, 3)).toEqual([true, true, true]);
  });

  it('shares the account bucket: each worker leases from the one bucket in the primary', () => {
    const { workers, deliver } = gatewayOf(2, { rateLimit: 0, burstLimit: 8 });
    let accepted = 0;
    for (let i = 0; i < 20; i++) {
      if (workers[i % 2]?.account.tryTake(0)) accepted++;
      deliver();
    }
    expect(accepted).toBe(8);
  });

  it('gives a fresh, full bucket when the limits change; the old lease goes back', () => {
    const { workers, deliver } = gatewayOf(2);
    const store = workers[0] as LeasedBucketStore;
    const first = route(store, { rateLimit: 0, burstLimit: 2 });
    deliver();
    const takes: boolean[] = [];
    for (let i = 0; i < 3; i++) {
      takes.push(first.tryTake(0));
      deliver();
    }
    expect(takes).toEqual([true, true, false]);
    expect(route(store, { rateLimit: 0, burstLimit: 2 })).toBe(first);
    const changed = route(store, { rateLimit: 0, burstLimit: 3 });
    expect(changed).not.toBe(first);
    deliver();
    let accepted = 0;
    for (let i = 0; i < 6; i++) {
      if (changed.tryTake(0)) accepted++;
      deliver();
    }
    expect(accepted).toBe(3);
  });

  it('forgets a worker that died: its lease counts no more and the bucket refills to the burst', () => {
    const { timers, ledger, workers, deliver } = gatewayOf(2);
    const limits = { rateLimit: 10, burstLimit: 10 };
    const survivor = route(workers[0] as LeasedBucketStore, limits);
    // The other worker leases the same bucket, then dies holding its lease: messages to it are no
    // longer delivered, so no recall brings the lease back; only forgetting the worker does.
    route(workers[1] as LeasedBucketStore, limits);
    deliver();
    workers.pop();
    ledger.forget(1);
    timers.advance(10_000);
    let accepted = 0;
    for (let i = 0; i < 30; i++) {
      if (survivor.tryTake(0)) accepted++;
      deliver();
    }
    expect(accepted).toBe(10);
  });
});
