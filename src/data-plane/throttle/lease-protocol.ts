import type { ThrottleLimits } from './token-bucket.js';

/**
 * The messages between gateway workers (`LeasedBucketStore`) and the primary that holds the real
 * buckets (`BucketLedger`) when `portico up --workers N` runs several gateway processes. A worker
 * spends tokens it was granted in advance, so its request path never waits on the other process;
 * the ledger never grants more than the bucket holds, so a limit stays the whole gateway's limit.
 */
export type LeaseToLedger =
  /**
   * Ask for up to `want` tokens of bucket `key`, saying how many are still unspent (`have`). With
   * `wait`, an empty bucket answers when tokens are back; without it (warming up), at once, maybe 0.
   */
  | { readonly kind: 'lease'; readonly key: string; readonly limits: ThrottleLimits; readonly have: number; readonly want: number; readonly wait: boolean }
  /** Unspent tokens handed back after a recall. */
  | { readonly kind: 'return'; readonly key: string; readonly count: number }
  /** The worker is done with this bucket (its limits changed): its tokens back, its waiting ask withdrawn. */
  | { readonly kind: 'release'; readonly key: string; readonly count: number };

export type LeaseToWorker =
  /** Tokens for the worker's last ask (one ask per bucket is outstanding at a time). */
  | { readonly kind: 'grant'; readonly key: string; readonly count: number }
  /** Another worker waits on an empty bucket: hand back what you have not spent. */
  | { readonly kind: 'recall'; readonly key: string };

/**
 * A bucket's identity across processes: its scope (the account, or one route of one stage) and its
 * limits, since new limits make a fresh, full bucket (as `InProcessBucketStore` does).
 */
export function bucketKey(scope: string, limits: ThrottleLimits): string {
  return `${limits.rateLimit}/${limits.burstLimit}\n${scope}`;
}

export const ACCOUNT_SCOPE = 'account';

export function routeScope(apiId: string, stageName: string, routeKey: string): string {
  return `${apiId}\n${stageName}\n${routeKey}`;
}

/**
 * How many tokens a worker keeps at hand: small against the burst (all workers' leases together at
 * most a quarter of it), at most 50 ms of the rate, at most 1,000, at least one. The tokens a worker
 * holds but does not spend are the only way the gateway admits less than the bucket allows, and the
 * ledger recalls them when another worker finds the bucket empty.
 */
export function leaseSize(limits: ThrottleLimits, workers: number): number {
  const byBurst = Math.floor(limits.burstLimit / (4 * Math.max(1, workers)));
  const byRate = Math.ceil(limits.rateLimit * 0.05);
  return Math.max(1, Math.min(byBurst, byRate, 1_000));
}
