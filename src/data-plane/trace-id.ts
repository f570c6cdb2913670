import type { RandomPool } from './random-pool.js';

let cachedSecond = -1;
let cachedHex = '';

/**
 * `X-Amzn-Trace-Id: Root=1-{epoch seconds, 8 hex}-{96 random bits, 24 hex}`, the X-Ray trace header
 * API Gateway adds to integration requests (docs/reference/dataplane.md §3.3; AWS X-Ray "Tracing header").
 */
export function traceId(epochMs: number, pool: RandomPool): string {
  const second = Math.floor(epochMs / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedHex = second.toString(16).padStart(8, '0');
  }
  const at = pool.take(12);
  return `Root=1-${cachedHex}-${pool.buffer.toString('hex', at, at + 12)}`;
}
