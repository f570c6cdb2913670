import type { Clock } from '../model/index.js';

/**
 * How long a target that could not be connected to stays out of the rotation. nginx's passive
 * health check uses the same shape (`max_fails=1 fail_timeout=10s`: one failure takes a server out
 * for 10 s, then it gets traffic again); AWS's load balancers check actively every 30 s by default
 * (ELB target group `HealthCheckIntervalSeconds`), which passive checks stand in for here.
 */
export const DEFAULT_QUARANTINE_MS = 10_000;

/** A target leaving or rejoining the rotation, for the operator's log. */
export type TargetHealthEvent =
  | { readonly kind: 'out'; readonly target: string; readonly forMs: number; readonly error: Error | undefined }
  | { readonly kind: 'back'; readonly target: string };

export interface TargetHealthOptions {
  /** Time source for the quarantine (injected so tests move time instead of waiting). */
  clock: Clock;
  quarantineMs?: number;
  /** Told when a target leaves the rotation and when it answers again; never on the steady path. */
  onEvent?: (event: TargetHealthEvent) => void;
}

/**
 * Passive health of private-integration targets, shared by every deployment that uses them: a
 * target that refuses a connection (or cannot be reached, or does not finish connecting) is out
 * of the rotation until `quarantineMs` has passed; the next request after that tries it again.
 * Keyed by the upstream's connection key (origin, plus TLS settings), so two integrations naming
 * the same target see the same health.
 */
export class TargetHealth {
  readonly #clock: Clock;
  readonly #quarantineMs: number;
  readonly #onEvent: ((event: TargetHealthEvent) => void) | undefined;
  /** key → time (clock ms) until which the target is out. Empty in the healthy steady state. */
  readonly #outUntil = new Map<string, number>();

  constructor(options: TargetHealthOptions) {
    this.#clock = options.clock;
    this.#quarantineMs = options.quarantineMs ?? DEFAULT_QUARANTINE_MS;
    this.#onEvent = options.onEvent;
  }

  get quarantineMs(): number {
    return this.#quarantineMs;
  }

  /** True while the target's quarantine lasts. Costs one size check when every target is healthy. */
  isOut(key: string): boolean {
    if (this.#outUntil.size === 0) return false;
    const until = this.#outUntil.get(key);
    return until !== undefined && this.#clock.now() < until;
  }

  /** The target could not be connected to: out of the rotation for `quarantineMs` from now. */
  markFailed(key: string, error?: Error): void {
    const wasOut = this.isOut(key);
    this.#outUntil.set(key, this.#clock.now() + this.#quarantineMs);
    if (!wasOut) this.#onEvent?.({ kind: 'out', target: key, forMs: this.#quarantineMs, error });
  }

  /** The target answered: healthy again, whatever its quarantine said. */
  markOk(key: string): void {
    if (this.#outUntil.size === 0 || !this.#outUntil.delete(key)) return;
    this.#onEvent?.({ kind: 'back', target: key });
  }

  /** Keys currently out of the rotation (for logs and tests). */
  outKeys(): string[] {
    return [...this.#outUntil.keys()].filter((key) => this.isOut(key));
  }
}
