import type { ServingConfig } from '../../model/index.js';
import type { BucketStore } from './bucket-store.js';
import type { LedgerTimers } from './bucket-ledger.js';
import type { LeaseToLedger } from './lease-protocol.js';
import { LeasedBucketStore } from './leased-bucket-store.js';
import { RedisBuckets } from './redis-buckets.js';
import { sameLimits, TokenBucket, type ThrottleLimits, type TokenSource } from './token-bucket.js';

/** How many nodes a lease is sized for: every node's lease together at most half the burst (lease-protocol.ts). */
const LEASE_NODES = 4;

export interface RedisBucketStoreOptions {
  readonly url: string;
  readonly node: string;
  readonly accountLimits: ThrottleLimits;
  readonly prefix?: string;
  readonly timers?: LedgerTimers & { setInterval(run: () => void, ms: number): unknown; clearInterval(handle: unknown): void };
  /** Told when the buckets become shared again (true) or local (false), with why. */
  readonly onShared?: (shared: boolean, reason?: string) => void;
}

const systemTimers = {
  setTimeout: (run: () => void, ms: number): unknown => setTimeout(run, ms).unref(),
  clearTimeout: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout),
  setInterval: (run: () => void, ms: number): unknown => setInterval(run, ms).unref(),
  clearInterval: (handle: unknown) => clearInterval(handle as NodeJS.Timeout),
};

/**
 * One bucket as a node of a cluster sees it: tokens leased from the Redis bucket while Redis is
 * reachable; otherwise a local bucket holding this node's share of the limits (1/N of rate and
 * burst, N the live nodes at the last heartbeat). A request never waits for Redis and is never
 * refused because Redis is away.
 */
class SharedTokenSource implements TokenSource {
  #local: TokenBucket | undefined;
  #usedLocal = false;

  constructor(
    readonly limits: ThrottleLimits,
    readonly leased: TokenSource,
    private readonly store: RedisBucketStore,
  ) {}

  tryTake(now: number): boolean {
    if (this.store.shared) {
      this.#usedLocal = false;
      return this.leased.tryTake(now);
    }
    this.#usedLocal = true;
    const nodes = this.store.nodes;
    const share = { rateLimit: this.limits.rateLimit / nodes, burstLimit: Math.max(1, Math.floor(this.limits.burstLimit / nodes)) };
    if (this.#local === undefined || !sameLimits(this.#local.limits, share)) this.#local = new TokenBucket(share, now);
    return this.#local.tryTake(now);
  }

  giveBack(): void {
    if (this.#usedLocal) this.#local?.giveBack();
    else this.leased.giveBack();
  }
}

/**
 * The `BucketStore` of cluster mode (`--redis`): AWS's limits hold for the whole gateway, across
 * nodes. Each bucket lives in Redis (one atomic script per lease, `redis-buckets.ts`); a node
 * spends tokens leased ahead of need as `--workers` processes do from their primary
 * (`LeasedBucketStore`), so `tryTake` stays synchronous and adds no round trip to a request.
 */
export class RedisBucketStore implements BucketStore {
  readonly account: TokenSource;
  readonly #redis: RedisBuckets;
  readonly #leased: LeasedBucketStore;
  readonly #timers: NonNullable<RedisBucketStoreOptions['timers']>;
  readonly #limits = new Map<string, ThrottleLimits>();
  readonly #released = new Set<string>();
  readonly #routes = new Map<string, SharedTokenSource>();
  /** Leases asked and not answered yet. */
  readonly #inflight = new Set<Promise<void>>();
  /** Redis is up and the buckets' first leases (after connecting) were answered. */
  #shared = false;
  /** Times the buckets fell back to local ones (Redis went away). */
  fallbacks = 0;

  constructor(options: RedisBucketStoreOptions) {
    this.#timers = options.timers ?? systemTimers;
    this.#redis = new RedisBuckets({
      url: options.url,
      node: options.node,
      timers: this.#timers,
      ...(options.prefix !== undefined ? { prefix: options.prefix } : {}),
      onState: (up, reason) => {
        if (!up) {
          this.#shared = false;
          this.fallbacks++;
          options.onShared?.(false, reason);
          return;
        }
        // Asks made while Redis was away got nothing: lease every bucket again, and share once they are answered,
        // so that the first requests after connecting are not refused for want of a lease.
        this.#leased.rewarm();
        void Promise.allSettled([...this.#inflight]).then(() => {
          if (!this.#redis.up) return;
          this.#shared = true;
          options.onShared?.(true);
        });
      },
    });
    this.#leased = new LeasedBucketStore(options.accountLimits, LEASE_NODES, { send: (message) => this.#send(message) });
    this.account = new SharedTokenSource(options.accountLimits, this.#leased.account, this);
  }

  /** Redis is reachable: buckets are the cluster's. */
  get shared(): boolean {
    return this.#shared && this.#redis.up;
  }

  /** Live nodes at the last heartbeat: the share a local bucket holds is 1/nodes. */
  get nodes(): number {
    return this.#redis.nodes;
  }

  routeBucket(apiId: string, stageName: string, routeKey: string, limits: ThrottleLimits): TokenSource {
    const key = `${apiId}\n${stageName}\n${routeKey}`;
    const existing = this.#routes.get(key);
    if (existing !== undefined && sameLimits(existing.limits, limits)) return existing;
    const source = new SharedTokenSource(limits, this.#leased.routeBucket(apiId, stageName, routeKey, limits), this);
    this.#routes.set(key, source);
    return source;
  }

  /** Lease the throttled routes' buckets of a configuration ahead of their first request. */
  warm(config: ServingConfig): void {
    this.#leased.warm(config);
  }

  close(): void {
    this.#redis.close();
  }

  /** The leased store's asks, answered by Redis instead of a primary's ledger. */
  #send(message: LeaseToLedger): void {
    if (message.kind === 'lease') {
      this.#limits.set(message.key, message.limits);
      this.#released.delete(message.key);
      this.#lease(message.key, message.limits, message.want, message.wait);
      return;
    }
    if (message.kind === 'release') this.#released.add(message.key);
    const limits = this.#limits.get(message.key);
    if (limits !== undefined && message.count > 0) void this.#redis.take(message.key, limits, -message.count).catch(() => undefined);
  }

  #lease(key: string, limits: ThrottleLimits, want: number, wait: boolean): void {
    const asked = this.#redis.take(key, limits, want).then(
      ({ granted, waitMs }) => {
        if (this.#released.has(key)) {
          if (granted > 0) void this.#redis.take(key, limits, -granted).catch(() => undefined);
          return;
        }
        // An empty bucket: ask again when Redis says a token is back (a waiting ask is answered then).
        if (granted === 0 && wait && this.shared) this.#timers.setTimeout(() => this.#lease(key, limits, want, wait), Math.max(1, waitMs));
        else this.#leased.receive({ kind: 'grant', key, count: granted });
      },
      // Redis is away: nothing granted (the local buckets answer meanwhile), the next ask may go through.
      () => this.#leased.receive({ kind: 'grant', key, count: 0 }),
    );
    this.#inflight.add(asked);
    void asked.finally(() => this.#inflight.delete(asked));
  }
}
