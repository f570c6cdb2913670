import type { Logger } from '../observability/index.js';

/**
 * Configuration problems seen on the request path (an unmapped private target, a VPC link that is
 * not AVAILABLE) are logged once per cause, not once per request: the hot path stays quiet and the
 * operator still learns what to fix.
 */
export class WarnOnce {
  readonly #seen = new Set<string>();

  constructor(private readonly logger: Logger) {}

  warn(key: string, fields: Record<string, unknown>, message: string): void {
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.logger.warn(fields, message);
  }
}
