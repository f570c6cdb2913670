import type { TargetHealth } from './target-health.js';
import type { Upstream } from './upstream-pools.js';

/**
 * The targets of one private integration, balanced round-robin as AWS spreads requests over healthy
 * targets (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-private.html), skipping those that passive health took
 * out of the rotation. When every target is out the group fails open and tries them anyway, as
 * Elastic Load Balancing does when a target group has only unhealthy targets ("the load balancer
 * routes requests to all those targets, regardless of their health status", ELB User Guide,
 * "Health checks for your target groups").
 */
export class TargetGroup {
  readonly upstreams: readonly Upstream[];
  readonly health: TargetHealth;
  #cursor = 0;

  constructor(upstreams: readonly Upstream[], health: TargetHealth) {
    if (upstreams.length === 0) throw new Error('a target group needs at least one upstream');
    this.upstreams = upstreams;
    this.health = health;
  }

  /** The next target in round-robin order that is in the rotation; when none is, the next one regardless. */
  pick(): Upstream {
    const upstreams = this.upstreams;
    for (let i = 0; i < upstreams.length; i++) {
      const upstream = this.#next();
      if (!this.health.isOut(upstream.key)) return upstream;
    }
    return this.#next();
  }

  /**
   * Another target for a request that reached none of `tried` (nothing was sent): the next one in
   * the rotation not tried yet; when only targets out of the rotation remain, those (fail open).
   */
  failover(tried: readonly Upstream[]): Upstream | undefined {
    let quarantined: Upstream | undefined;
    for (let i = 0; i < this.upstreams.length; i++) {
      const upstream = this.#next();
      if (tried.includes(upstream)) continue;
      if (!this.health.isOut(upstream.key)) return upstream;
      quarantined ??= upstream;
    }
    return this.#anyInRotation() ? undefined : quarantined;
  }

  #anyInRotation(): boolean {
    return this.upstreams.some((upstream) => !this.health.isOut(upstream.key));
  }

  #next(): Upstream {
    const upstream = this.upstreams[this.#cursor] as Upstream;
    this.#cursor = this.#cursor + 1 === this.upstreams.length ? 0 : this.#cursor + 1;
    return upstream;
  }
}
