import type { ConsoleSummary } from './console-record.js';

/** Samples kept per series and second for the percentiles. */
const SAMPLES_PER_SECOND = 256;

interface Bucket {
  second: number;
  count: number;
  c4xx: number;
  c5xx: number;
  c429: number;
  latency: number[];
  integrationLatency: number[];
}

/** One point of a series: a second's counts and latency percentiles (ms; null without a sample). */
export interface MetricsPoint {
  readonly t: number;
  readonly count: number;
  readonly c4xx: number;
  readonly c5xx: number;
  readonly c429: number;
  readonly p50: number | null;
  readonly p99: number | null;
  readonly integrationP50: number | null;
  readonly integrationP99: number | null;
}

export interface MetricsSeries {
  readonly apiId: string;
  readonly stage: string;
  /** Undefined: the whole stage. */
  readonly routeKey: string | undefined;
  readonly points: MetricsPoint[];
}

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? null;
}

/**
 * Per-second counts and latencies of the requests the console saw, per stage and per route, over
 * the last `seconds` (a ring of buckets per series: memory is bounded by series × seconds).
 */
export class MetricsWindow {
  readonly #series = new Map<string, { apiId: string; stage: string; routeKey: string | undefined; buckets: Bucket[] }>();
  readonly #seconds: number;

  constructor(seconds = 600) {
    this.#seconds = seconds;
  }

  record(record: ConsoleSummary): void {
    if (record.stage === undefined) return;
    const second = Math.floor(record.time / 1000);
    this.#add(`${record.apiId}\u0000${record.stage}`, record, undefined, second);
    this.#add(`${record.apiId}\u0000${record.stage}\u0000${record.routeKey ?? ''}`, record, record.routeKey ?? '(no route)', second);
  }

  #add(key: string, record: ConsoleSummary, routeKey: string | undefined, second: number): void {
    let series = this.#series.get(key);
    if (series === undefined) this.#series.set(key, (series = { apiId: record.apiId, stage: record.stage ?? '', routeKey, buckets: [] }));
    const slot = series.buckets[second % this.#seconds];
    let bucket = slot;
    if (bucket === undefined || bucket.second !== second) {
      bucket = { second, count: 0, c4xx: 0, c5xx: 0, c429: 0, latency: [], integrationLatency: [] };
      series.buckets[second % this.#seconds] = bucket;
    }
    bucket.count++;
    if (record.status >= 400 && record.status < 500) bucket.c4xx++;
    if (record.status >= 500) bucket.c5xx++;
    if (record.status === 429) bucket.c429++;
    if (bucket.latency.length < SAMPLES_PER_SECOND && record.latencyMs >= 0) bucket.latency.push(record.latencyMs);
    if (bucket.integrationLatency.length < SAMPLES_PER_SECOND && record.integrationLatencyMs >= 0)
      bucket.integrationLatency.push(record.integrationLatencyMs);
  }

  /** Every series (optionally of one API) with a point per second from `now - seconds` to `now`. */
  query(now: number, seconds: number, apiId?: string): MetricsSeries[] {
    const last = Math.floor(now / 1000);
    const span = Math.min(seconds, this.#seconds);
    const out: MetricsSeries[] = [];
    for (const series of this.#series.values()) {
      if (apiId !== undefined && series.apiId !== apiId) continue;
      const points: MetricsPoint[] = [];
      for (let second = last - span + 1; second <= last; second++) {
        const bucket = series.buckets[((second % this.#seconds) + this.#seconds) % this.#seconds];
        if (bucket === undefined || bucket.second !== second) {
          points.push({ t: second, count: 0, c4xx: 0, c5xx: 0, c429: 0, p50: null, p99: null, integrationP50: null, integrationP99: null });
          continue;
        }
        const latency = [...bucket.latency].sort((a, b) => a - b);
        const integration = [...bucket.integrationLatency].sort((a, b) => a - b);
        points.push({
          t: second,
          count: bucket.count,
          c4xx: bucket.c4xx,
          c5xx: bucket.c5xx,
          c429: bucket.c429,
          p50: percentile(latency, 0.5),
          p99: percentile(latency, 0.99),
          integrationP50: percentile(integration, 0.5),
          integrationP99: percentile(integration, 0.99),
        });
      }
      out.push({ apiId: series.apiId, stage: series.stage, routeKey: series.routeKey, points });
    }
    return out;
  }
}
