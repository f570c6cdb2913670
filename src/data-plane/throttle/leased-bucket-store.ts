import type { ServingConfig } from '../../model/index.js';
import type { BucketStore } from './bucket-store.js';
import { ACCOUNT_SCOPE, bucketKey, leaseSize, routeScope, type LeaseToLedger, type LeaseToWorker } from './lease-protocol.js';
import { routeLimits, stageHasRouteLimits } from './route-limits.js';
import { sameLimits, type ThrottleLimits, type TokenSource } from './token-bucket.js';

/** How a worker's store reaches the ledger in the primary (the cluster's IPC channel). */
export interface LeaseLink {
  send(message: LeaseToLedger): void;
}

/**
 * One bucket as a worker sees it: the tokens the ledger granted, spent synchronously. Once a quarter
 * of a lease is spent it asks for more in the background; empty, it refuses (the bucket is empty or about to be)
 * and asks. One ask per bucket is outstanding at a time, so `have` in an ask is exact.
 */
class LeasedTokenSource implements TokenSource {
  #tokens = 0;
  #asking = false;

  constructor(
    readonly limits: ThrottleLimits,
    readonly key: string,
    private readonly lease: number,
    private readonly link: LeaseLink,
  ) {}

  tryTake(): boolean {
    // The ledger keeps time: a worker's `now` does not refill anything.
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      if (!this.#asking && this.#tokens * 4 <= this.lease * 3) this.#ask(true);
      return true;
    }
    if (!this.#asking) this.#ask(true);
    return false;
  }

  giveBack(): void {
    this.#tokens += 1;
  }

  /** Ask for a first lease without waiting on an empty bucket (a new bucket, ahead of its first request). */
  warm(): void {
    if (!this.#asking && this.#tokens < this.lease) this.#ask(false);
  }

  granted(count: number): void {
    this.#asking = false;
    this.#tokens += count;
  }

  recalled(): void {
    const count = this.#tokens;
    this.#tokens = 0;
    this.link.send({ kind: 'return', key: this.key, count });
  }

  release(): void {
    const count = this.#tokens;
    this.#tokens = 0;
    this.link.send({ kind: 'release', key: this.key, count });
  }

  #ask(wait: boolean): void {
    // A burst under one token never admits anything (TokenBucket's rule): nothing to ask for.
    if (this.limits.burstLimit < 1) return;
    this.#asking = true;
    this.link.send({ kind: 'lease', key: this.key, limits: this.limits, have: this.#tokens, want: this.lease - this.#tokens, wait });
  }
}

/**
 * The `BucketStore` of a gateway worker under `portico up --workers N`: the buckets themselves live
 * in the primary (`BucketLedger`); each worker spends leased tokens, so `tryTake` stays synchronous
 * and a 100 rps limit is 100 rps for the whole gateway. A bucket is leased when it is created, and
 * `warm` creates a configuration's buckets ahead of their first request, so a quiet worker's first
 * request is not refused for want of a lease.
 */
export class LeasedBucketStore implements BucketStore {
  readonly account: TokenSource;
  readonly #workers: number;
  readonly #link: LeaseLink;
  readonly #byScope = new Map<string, LeasedTokenSource>();
  readonly #byKey = new Map<string, LeasedTokenSource>();

  constructor(accountLimits: ThrottleLimits, workers: number, link: LeaseLink) {
    this.#workers = workers;
    this.#link = link;
    this.account = this.#source(ACCOUNT_SCOPE, accountLimits);
  }

  routeBucket(apiId: string, stageName: string, routeKey: string, limits: ThrottleLimits): TokenSource {
    return this.#source(routeScope(apiId, stageName, routeKey), limits);
  }

  /**
   * Lease every throttled route's bucket of a configuration ahead of its first request (a bucket is
   * leased when created; the account's, with the store).
   */
  warm(config: ServingConfig): void {
    for (const api of config.apis)
      for (const served of api.stages) {
        if (served.deployment === undefined || !stageHasRouteLimits(served.stage)) continue;
        for (const route of served.deployment.snapshot().routes) {
          const limits = routeLimits(served.stage, route.routeKey, this.account.limits);
          if (limits === undefined) continue;
          this.#source(routeScope(api.apiId, served.stage.stageName, route.routeKey), limits);
        }
      }
  }

  /** Ask again for every bucket's lease (the ledger came back after asks failed). */
  rewarm(): void {
    for (const source of this.#byScope.values()) source.warm();
  }

  /** A message from the ledger. */
  receive(message: LeaseToWorker): void {
    const source = this.#byKey.get(message.key);
    if (source === undefined) return;
    if (message.kind === 'grant') source.granted(message.count);
    else source.recalled();
  }

  #source(scope: string, limits: ThrottleLimits): LeasedTokenSource {
    const existing = this.#byScope.get(scope);
    if (existing !== undefined && sameLimits(existing.limits, limits)) return existing;
    if (existing !== undefined) {
      // New limits, fresh bucket: the old one's tokens go back, its ask is withdrawn.
      existing.release();
      this.#byKey.delete(existing.key);
    }
    const key = bucketKey(scope, limits);
    const source = new LeasedTokenSource(limits, key, leaseSize(limits, this.#workers), this.#link);
    this.#byScope.set(scope, source);
    this.#byKey.set(key, source);
    source.warm();
    return source;
  }
}
