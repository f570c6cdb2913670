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
  | {
      readonly kind: 'lease';
      readonly key: string;
      readonly limits: ThrottleLimits;
      readonly have: number;
      readonly want: number;
      readonly wait: boolean;
    }
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
 * How many tokens a worker keeps at hand: all workers' leases together at most half the burst, and
 * at most 100 ms of the rate; at least one. A worker asks for more once a quarter of its lease is
 * spent, so it has most of a lease (tens of milliseconds of traffic at the rate) to serve while the
 * primary answers, even on a busy machine. Tokens a worker holds and does not spend are the only way
 * the gateway admits less than the bucket allows; the ledger recalls them when another worker waits.
 */
export function leaseSize(limits: ThrottleLimits, workers: number): number {
  const byBurst = Math.floor(limits.burstLimit / (2 * Math.max(1, workers)));
  const byRate = Math.ceil(limits.rateLimit * 0.1);
  return Math.max(1, Math.min(byBurst, byRate));
}
