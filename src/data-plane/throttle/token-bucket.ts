/** A bucket's two numbers, as AWS names them (`throttlingRateLimit`, `throttlingBurstLimit`). */
export interface ThrottleLimits {
  /** Steady-state requests per second: tokens added per second. */
  readonly rateLimit: number;
  /** The bucket's capacity: how many requests may arrive at once after a quiet period. */
  readonly burstLimit: number;
}

/**
 * One bucket as the pipeline sees it. `tryTake` is synchronous on purpose: a cross-process
 * implementation (a worker leasing tokens from the primary) answers from its local lease and
 * refills it in the background, so the request path never waits on another process.
 */
export interface TokenSource {
  readonly limits: ThrottleLimits;
  /** Take one token at `now` (ms since the epoch); false means the request is throttled. */
  tryTake(now: number): boolean;
  /** Return a token taken by a request that was then throttled by another bucket. */
  giveBack(): void;
}

export function sameLimits(a: ThrottleLimits, b: ThrottleLimits): boolean {
  return a.rateLimit === b.rateLimit && a.burstLimit === b.burstLimit;
}

/**
 * The token bucket API Gateway describes (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html; docs/reference/dataplane.md §8): one token
 * per request, refilled at `rateLimit` per second up to `burstLimit`, full when created. A capacity
 * under one token never admits anything, so an explicit 0 burst throttles every request, as AWS does
 * (hashicorp/terraform-provider-aws PR #43307).
 */
export class TokenBucket implements TokenSource {
  #tokens: number;
  /** When tokens were last counted; -Infinity until the first request (a full bucket needs no refill). */
  #last: number;

  /** `now` is when the bucket starts full; left out, it starts full at its first request. */
  constructor(
    readonly limits: ThrottleLimits,
    now = Number.NEGATIVE_INFINITY,
  ) {
    this.#tokens = limits.burstLimit;
    this.#last = now;
  }

  tryTake(now: number): boolean {
    // A clock that steps back refills nothing; the next step forward counts from the latest time seen.
    if (now > this.#last) {
      if (this.#last !== Number.NEGATIVE_INFINITY) {
        const refilled = this.#tokens + ((now - this.#last) * this.limits.rateLimit) / 1000;
        this.#tokens = refilled < this.limits.burstLimit ? refilled : this.limits.burstLimit;
      }
      this.#last = now;
    }
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  giveBack(): void {
    this.#tokens = Math.min(this.limits.burstLimit, this.#tokens + 1);
  }

  /** Tokens in the bucket at `now`, without taking any (the console's fill level). */
  level(now: number): number {
    if (this.#last === Number.NEGATIVE_INFINITY || now <= this.#last) return this.#tokens;
    return Math.min(this.limits.burstLimit, this.#tokens + ((now - this.#last) * this.limits.rateLimit) / 1000);
  }
}
