import type { Stage } from '../../model/index.js';
import type { BucketStore } from './bucket-store.js';
import { routeLimits, stageHasRouteLimits } from './route-limits.js';
import type { TokenSource } from './token-bucket.js';

/** The buckets one stage configuration resolved so far, by route key (null: the route has no limits). */
interface StageBuckets {
  readonly throttled: boolean;
  readonly routes: Map<string, TokenSource | null>;
}

/**
 * Admission for step 5 of the pipeline. Stage settings are live: every config swap hands the gateway
 * new `Stage` objects, so buckets are resolved once per (stage object, route key) and cached against
 * the object; the store keeps a bucket's tokens across swaps that leave its limits alone. A request
 * costs a WeakMap and a Map lookup plus one or two `tryTake`s.
 */
export class Throttle {
  readonly #store: BucketStore;
  readonly #stages = new WeakMap<Stage, StageBuckets>();

  constructor(store: BucketStore) {
    this.#store = store;
  }

  /** Admit a request to a route at `now`, taking a token from the route's bucket and the account's. */
  admit(apiId: string, stage: Stage, routeKey: string, now: number): boolean {
    let buckets = this.#stages.get(stage);
    if (buckets === undefined) {
      buckets = { throttled: stageHasRouteLimits(stage), routes: new Map() };
      this.#stages.set(stage, buckets);
    }
    let route: TokenSource | null | undefined = null;
    if (buckets.throttled) {
      route = buckets.routes.get(routeKey);
      if (route === undefined) {
        const limits = routeLimits(stage, routeKey, this.#store.account.limits);
        route = limits === undefined ? null : this.#store.routeBucket(apiId, stage.stageName, routeKey, limits, now);
        buckets.routes.set(routeKey, route);
      }
    }
    // All or nothing: a request the account bucket refuses gives its route token back.
    if (route !== null && !route.tryTake(now)) return false;
    if (this.#store.account.tryTake(now)) return true;
    route?.giveBack();
    return false;
  }
}
