import type { Clock } from '../../model/index.js';
import type { LeaseToLedger, LeaseToWorker } from './lease-protocol.js';
import type { ThrottleLimits } from './token-bucket.js';

/** setTimeout/clearTimeout, injected so that tests drive time. */
export interface LedgerTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface BucketLedgerOptions {
  clock: Clock;
  timers: LedgerTimers;
  /** Deliver a message to a worker (the cluster's IPC channel). */
  send(worker: number, message: LeaseToWorker): void;
}

/** A waiting ask is answered once this much of the rate has refilled (or its whole want): batches, not one token per message. */
const BATCH_MS = 10;
/** Workers holding tokens are asked to return them at most this often per bucket. */
const RECALL_INTERVAL_MS = 100;

interface Waiting {
  readonly worker: number;
  readonly want: number;
}

/** One real bucket. `held` is what each worker may still hold unspent (what it said it had, plus grants since). */
interface Entry {
  readonly key: string;
  readonly limits: ThrottleLimits;
  tokens: number;
  last: number;
  readonly held: Map<number, number>;
  heldTotal: number;
  waiting: Waiting[];
  timer: unknown;
  lastRecall: number;
}

/**
 * The real token buckets of a gateway run as several processes, kept by the primary (the bucket
 * AWS describes: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html; docs/reference/dataplane.md §8). Workers lease tokens in batches
 * (`LeasedBucketStore`). Two rules keep the whole gateway within `rate × time + burst`: a grant is
 * taken from the bucket, and the bucket refills only up to the burst minus what workers may still
 * hold, so tokens at hand in the workers count against the burst. The only error is downward:
 * tokens a worker holds and does not spend, which are recalled when another worker waits.
 */
export class BucketLedger {
  readonly #options: BucketLedgerOptions;
  readonly #entries = new Map<string, Entry>();

  constructor(options: BucketLedgerOptions) {
    this.#options = options;
  }

  receive(worker: number, message: LeaseToLedger): void {
    if (message.kind === 'lease') return this.#lease(worker, message.key, message.limits, message.have, message.want, message.wait);
    const entry = this.#entries.get(message.key);
    if (entry === undefined) return;
    this.#refill(entry);
    this.#setHeld(entry, worker, Math.max(0, (entry.held.get(worker) ?? 0) - message.count));
    entry.tokens = Math.min(entry.tokens + message.count, this.#capacity(entry));
    if (message.kind === 'release') entry.waiting = entry.waiting.filter((w) => w.worker !== worker);
    this.#serve(entry);
  }

  /** A worker is gone: what it held is no longer counted, its waiting asks are dropped. */
  forget(worker: number): void {
    for (const entry of this.#entries.values()) {
      this.#setHeld(entry, worker, 0);
      entry.held.delete(worker);
      entry.waiting = entry.waiting.filter((w) => w.worker !== worker);
      if (entry.waiting.length === 0) this.#cancelTimer(entry);
    }
  }

  close(): void {
    for (const entry of this.#entries.values()) this.#cancelTimer(entry);
    this.#entries.clear();
  }

  #lease(worker: number, key: string, limits: ThrottleLimits, have: number, want: number, wait: boolean): void {
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      // A bucket is full when created (TokenBucket's rule), here when a worker first asks for it.
      entry = {
        key,
        limits,
        tokens: limits.burstLimit,
        last: this.#options.clock.now(),
        held: new Map(),
        heldTotal: 0,
        waiting: [],
        timer: undefined,
        lastRecall: Number.NEGATIVE_INFINITY,
      };
      this.#entries.set(key, entry);
    }
    // Refill first, under the capacity of the time that passed; then count what the worker spent.
    this.#refill(entry);
    // One ask per worker and bucket is outstanding: what the worker says it has is exact.
    this.#setHeld(entry, worker, have);
    if (wait && entry.waiting.length > 0) {
      // Others waited first: in line behind them.
      entry.waiting.push({ worker, want });
      return this.#serve(entry);
    }
    const count = Math.min(want, Math.floor(entry.tokens));
    if (count >= 1 || !wait) return this.#grant(entry, worker, Math.max(0, count));
    entry.waiting.push({ worker, want });
    this.#recall(entry, worker);
    this.#schedule(entry);
  }

  #capacity(entry: Entry): number {
    return Math.max(0, entry.limits.burstLimit - entry.heldTotal);
  }

  #refill(entry: Entry): void {
    const now = this.#options.clock.now();
    // A clock that steps back refills nothing (TokenBucket's rule).
    if (now <= entry.last) return;
    const capacity = this.#capacity(entry);
    if (entry.tokens < capacity) entry.tokens = Math.min(capacity, entry.tokens + ((now - entry.last) * entry.limits.rateLimit) / 1000);
    entry.last = now;
  }

  #setHeld(entry: Entry, worker: number, held: number): void {
    entry.heldTotal += held - (entry.held.get(worker) ?? 0);
    entry.held.set(worker, held);
  }

  #grant(entry: Entry, worker: number, count: number): void {
    entry.tokens -= count;
    this.#setHeld(entry, worker, (entry.held.get(worker) ?? 0) + count);
    this.#options.send(worker, { kind: 'grant', key: entry.key, count });
  }

  /** Answer waiting asks, oldest first, while whole tokens remain; wait again for the rest. */
  #serve(entry: Entry): void {
    if (entry.waiting.length === 0) return;
    this.#refill(entry);
    while (entry.waiting.length > 0 && entry.tokens >= 1) {
      const next = entry.waiting.shift() as Waiting;
      this.#grant(entry, next.worker, Math.min(next.want, Math.floor(entry.tokens)));
    }
    if (entry.waiting.length === 0) this.#cancelTimer(entry);
    else this.#schedule(entry);
  }

  /** Other workers may sit on unspent tokens (a quiet worker keeps its lease): ask for them back. */
  #recall(entry: Entry, asking: number): void {
    const now = this.#options.clock.now();
    if (now - entry.lastRecall < RECALL_INTERVAL_MS) return;
    let recalled = false;
    for (const [worker, held] of entry.held)
      if (worker !== asking && held >= 1) {
        this.#options.send(worker, { kind: 'recall', key: entry.key });
        recalled = true;
      }
    if (recalled) entry.lastRecall = now;
  }

  /**
   * Wake up when the first waiting ask can be answered: once a batch has refilled, or, when refilling
   * cannot get there (rate 0, or the workers' leases fill the burst), to recall held tokens again.
   */
  #schedule(entry: Entry): void {
    const first = entry.waiting[0];
    if (entry.timer !== undefined || first === undefined) return;
    const { rateLimit } = entry.limits;
    const capacity = this.#capacity(entry);
    const refills = rateLimit > 0 && capacity >= 1;
    let delay = RECALL_INTERVAL_MS;
    if (refills) {
      const target = Math.min(first.want, capacity, Math.max(1, Math.floor((rateLimit * BATCH_MS) / 1000)));
      delay = Math.max(1, Math.ceil(((target - entry.tokens) * 1000) / rateLimit));
    } else if (![...entry.held].some(([worker, held]) => worker !== first.worker && held >= 1)) return; // only a return or a release can help now, and both serve the waiting asks
    entry.timer = this.#options.timers.setTimeout(() => {
      entry.timer = undefined;
      if (!refills) this.#recall(entry, first.worker);
      this.#serve(entry);
    }, delay);
  }

  #cancelTimer(entry: Entry): void {
    if (entry.timer === undefined) return;
    this.#options.timers.clearTimeout(entry.timer);
    entry.timer = undefined;
  }
}
