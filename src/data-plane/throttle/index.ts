export { DEFAULT_ACCOUNT_LIMITS, InProcessBucketStore, type BucketLevel, type BucketStore } from './bucket-store.js';
export { BucketLedger, type BucketLedgerOptions, type LedgerTimers } from './bucket-ledger.js';
export type { LeaseToLedger, LeaseToWorker } from './lease-protocol.js';
export { LeasedBucketStore, type LeaseLink } from './leased-bucket-store.js';
export { routeLimits } from './route-limits.js';
export { Throttle } from './throttle.js';
export { TokenBucket, type ThrottleLimits, type TokenSource } from './token-bucket.js';
