import { sameLimits, TokenBucket, type ThrottleLimits, type TokenSource } from './token-bucket.js';

/**
 * API Gateway's account-level quota per region, shared by every API and stage: 10,000 requests per
 * second with a burst of 5,000 (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html; docs/reference/dataplane.md §8).
 */
export const DEFAULT_ACCOUNT_LIMITS: ThrottleLimits = { rateLimit: 10_000, burstLimit: 5_000 };

/**
 * Where the buckets live. The gateway asks for a route's bucket once per stage configuration and
 * keeps the answer; every request then only calls `tryTake`. The in-process store below serves one
 * gateway process; with several worker processes `LeasedBucketStore` (tokens leased from the
 * primary's `BucketLedger`) replaces it, so that a limit of 100 rps stays 100 rps for the whole gateway.
 */
export interface BucketStore {
  /** The account bucket (docs/reference/dataplane.md §8): every throttled-or-not request of every API takes from it. */
  readonly account: TokenSource;
  /**
   * The bucket of one route of one stage. Asked again with the same limits (a config swap that left
   * this route's throttling alone) it returns the same bucket, tokens and all; with other limits, a
   * fresh, full bucket.
   */
  routeBucket(apiId: string, stageName: string, routeKey: string, limits: ThrottleLimits, now: number): TokenSource;
  /** The buckets' fill levels at `now`, where the store can tell them (this process's buckets can; leased ones cannot). */
  levels?(now: number): BucketLevel[];
}

/** One bucket's fill level: the account's (no API) or a route's. */
export interface BucketLevel {
  readonly apiId?: string;
  readonly stageName?: string;
  readonly routeKey?: string;
  readonly limits: ThrottleLimits;
  readonly tokens: number;
}

/** The buckets of one gateway process. */
export class InProcessBucketStore implements BucketStore {
  readonly account: TokenSource;
  readonly #routes = new Map<string, TokenSource>();

  /** The account bucket starts full at the first request, on whatever clock the gateway runs. */
  constructor(accountLimits: ThrottleLimits = DEFAULT_ACCOUNT_LIMITS) {
    this.account = new TokenBucket(accountLimits);
  }

  routeBucket(apiId: string, stageName: string, routeKey: string, limits: ThrottleLimits, now: number): TokenSource {
    // Called once per route per config swap, never per request: building the key here is fine.
    const key = `${apiId}\n${stageName}\n${routeKey}`;
    const existing = this.#routes.get(key);
    if (existing !== undefined && sameLimits(existing.limits, limits)) return existing;
    const bucket = new TokenBucket(limits, now);
    this.#routes.set(key, bucket);
    return bucket;
  }

  levels(now: number): BucketLevel[] {
    const level = (source: TokenSource) => (source instanceof TokenBucket ? source.level(now) : Number.NaN);
    const levels: BucketLevel[] = [{ limits: this.account.limits, tokens: level(this.account) }];
    for (const [key, bucket] of this.#routes) {
      const [apiId, stageName, routeKey] = key.split('\n');
      levels.push({ apiId, stageName, routeKey, limits: bucket.limits, tokens: level(bucket) });
    }
    return levels;
  }
}
