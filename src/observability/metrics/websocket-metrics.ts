import { emptyHistogram, LATENCY_BUCKETS_MS, type HistogramValues } from './series.js';

/**
 * AWS's WebSocket API metrics (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-logging.html,
 * "Monitoring WebSocket API execution with CloudWatch metrics") for one set of dimensions.
 */
export interface WebSocketSeriesValues {
  /** Messages sent to the `$connect` route integration (connection attempts). */
  ConnectCount: number;
  /** Messages sent to the API, from or to the client. */
  MessageCount: number;
  /** Requests whose integration answered 4XX/5XX. */
  IntegrationError: number;
  /** Requests API Gateway answered 4XX before invoking the integration. */
  ClientError: number;
  /** Errors calling the integration (failed, timed out). */
  ExecutionError: number;
  IntegrationLatency: HistogramValues;
}

export type WebSocketCounter = Exclude<keyof WebSocketSeriesValues, 'IntegrationLatency'>;

export function emptyWebSocketSeries(): WebSocketSeriesValues {
  return { ConnectCount: 0, MessageCount: 0, IntegrationError: 0, ClientError: 0, ExecutionError: 0, IntegrationLatency: emptyHistogram() };
}

/** The counters of one WebSocket (API, stage) or (API, stage, route); incrementing allocates nothing. */
export class WebSocketSeries {
  readonly values: WebSocketSeriesValues = emptyWebSocketSeries();

  count(counter: WebSocketCounter): void {
    this.values[counter]++;
  }

  integrationLatency(ms: number): void {
    const histogram = this.values.IntegrationLatency;
    histogram.count++;
    histogram.sum += ms;
    let i = 0;
    while (i < LATENCY_BUCKETS_MS.length && ms > (LATENCY_BUCKETS_MS[i] as number)) i++;
    histogram.buckets[i] = (histogram.buckets[i] as number) + 1;
  }
}

export interface WebSocketStageMetricsSnapshot {
  apiId: string;
  stage: string;
  metrics: WebSocketSeriesValues;
  /** Routes with detailed metrics. */
  routes: { route: string; metrics: WebSocketSeriesValues }[];
}

function copy(values: WebSocketSeriesValues): WebSocketSeriesValues {
  const h = values.IntegrationLatency;
  return { ...values, IntegrationLatency: { count: h.count, sum: h.sum, buckets: [...h.buckets] } };
}

function add(into: WebSocketSeriesValues, from: WebSocketSeriesValues): void {
  into.ConnectCount += from.ConnectCount;
  into.MessageCount += from.MessageCount;
  into.IntegrationError += from.IntegrationError;
  into.ClientError += from.ClientError;
  into.ExecutionError += from.ExecutionError;
  const h = into.IntegrationLatency;
  h.count += from.IntegrationLatency.count;
  h.sum += from.IntegrationLatency.sum;
  from.IntegrationLatency.buckets.forEach((n, i) => (h.buckets[i] = (h.buckets[i] ?? 0) + n));
}

/** The WebSocket APIs' series by (API, stage) and, with detailed metrics, by route. */
export class WebSocketMetrics {
  readonly #stages = new Map<string, { apiId: string; stage: string; series: WebSocketSeries; routes: Map<string, WebSocketSeries> }>();

  stage(apiId: string, stage: string): WebSocketSeries {
    return this.#entry(apiId, stage).series;
  }

  route(apiId: string, stage: string, route: string): WebSocketSeries {
    const routes = this.#entry(apiId, stage).routes;
    let series = routes.get(route);
    if (series === undefined) routes.set(route, (series = new WebSocketSeries()));
    return series;
  }

  snapshot(): WebSocketStageMetricsSnapshot[] {
    return [...this.#stages.values()].map((entry) => ({
      apiId: entry.apiId,
      stage: entry.stage,
      metrics: copy(entry.series.values),
      routes: [...entry.routes].map(([route, series]) => ({ route, metrics: copy(series.values) })),
    }));
  }

  #entry(apiId: string, stage: string) {
    const key = `${apiId}\n${stage}`;
    let entry = this.#stages.get(key);
    if (entry === undefined) this.#stages.set(key, (entry = { apiId, stage, series: new WebSocketSeries(), routes: new Map() }));
    return entry;
  }
}

/** Sum the WebSocket series of several gateway processes (`--workers`). */
export function mergeWebSocketSnapshots(lists: readonly (readonly WebSocketStageMetricsSnapshot[])[]): WebSocketStageMetricsSnapshot[] {
  const merged = new Map<string, WebSocketStageMetricsSnapshot>();
  for (const list of lists)
    for (const s of list) {
      const key = `${s.apiId}\n${s.stage}`;
      let into = merged.get(key);
      if (into === undefined) merged.set(key, (into = { apiId: s.apiId, stage: s.stage, metrics: emptyWebSocketSeries(), routes: [] }));
      add(into.metrics, s.metrics);
      for (const r of s.routes) {
        let route = into.routes.find((candidate) => candidate.route === r.route);
        if (route === undefined) into.routes.push((route = { route: r.route, metrics: emptyWebSocketSeries() }));
        add(route.metrics, r.metrics);
      }
    }
  return [...merged.values()];
}
