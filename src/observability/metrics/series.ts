/**
 * Upper bounds (ms) of the latency histograms' buckets. CloudWatch reports HTTP API latencies in
 * milliseconds; the bounds span a fast local backend to the 30 s integration timeout.
 */
export const LATENCY_BUCKETS_MS: readonly number[] = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000];

/** A histogram's state: per-bucket (not cumulative) counts, the last one for values above every bound. */
export interface HistogramValues {
  count: number;
  sum: number;
  /** `LATENCY_BUCKETS_MS.length + 1` counts. */
  buckets: number[];
}

/** AWS's HTTP API metrics (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html; docs/reference/dataplane.md §10) for one set of dimensions. */
export interface SeriesValues {
  Count: number;
  '4xx': number;
  '5xx': number;
  /** Bytes, summed. */
  DataProcessed: number;
  Latency: HistogramValues;
  IntegrationLatency: HistogramValues;
}

export function emptyHistogram(): HistogramValues {
  return { count: 0, sum: 0, buckets: new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0) };
}

export function emptySeries(): SeriesValues {
  return { Count: 0, '4xx': 0, '5xx': 0, DataProcessed: 0, Latency: emptyHistogram(), IntegrationLatency: emptyHistogram() };
}

function observe(histogram: HistogramValues, value: number): void {
  histogram.count++;
  histogram.sum += value;
  let i = 0;
  while (i < LATENCY_BUCKETS_MS.length && value > (LATENCY_BUCKETS_MS[i] as number)) i++;
  histogram.buckets[i] = (histogram.buckets[i] as number) + 1;
}

/**
 * The counters of one (API, stage) or (API, stage, route), resolved once and then only incremented:
 * recording a request allocates nothing and builds no strings.
 */
export class Series {
  readonly values: SeriesValues = emptySeries();

  /**
   * One request: its status (0 when the client left before any status was sent: counted, in neither
   * class), its latency, its integration latency (negative: no integration was called), bytes processed.
   */
  record(status: number, latencyMs: number, integrationLatencyMs: number, dataProcessed: number): void {
    const values = this.values;
    values.Count++;
    if (status >= 400 && status < 500) values['4xx']++;
    else if (status >= 500 && status < 600) values['5xx']++;
    values.DataProcessed += dataProcessed;
    observe(values.Latency, latencyMs);
    if (integrationLatencyMs >= 0) observe(values.IntegrationLatency, integrationLatencyMs);
  }
}
