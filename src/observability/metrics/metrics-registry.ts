import { emptySeries, LATENCY_BUCKETS_MS, Series, type HistogramValues, type SeriesValues } from './series.js';
import { mergeWebSocketSnapshots, WebSocketMetrics, type WebSocketStageMetricsSnapshot } from './websocket-metrics.js';

export interface RouteMetricsSnapshot {
  /** The route key, e.g. `GET /pets/{id}` or `$default`. */
  route: string;
  metrics: SeriesValues;
}

export interface StageMetricsSnapshot {
  apiId: string;
  stage: string;
  metrics: SeriesValues;
  /** Only routes whose stage has detailed metrics enabled for them. */
  routes: RouteMetricsSnapshot[];
}

/**
 * Everything counted since start, as plain JSON (`/_portico/metrics.json`). Snapshots of several
 * gateway processes add up with `mergeSnapshots`.
 */
export interface MetricsSnapshot {
  namespace: 'AWS/ApiGateway';
  latencyBucketsMs: number[];
  stages: StageMetricsSnapshot[];
  /** WebSocket APIs' series (ConnectCount, MessageCount, …), present once a WebSocket API served anything. */
  webSocket?: WebSocketStageMetricsSnapshot[];
  /** With `--workers N`: the API requests each live gateway process answered (`WorkerSnapshots`). */
  workers?: WorkerRequests[];
  /** Cluster mode: this node's name, a `node` label on every series (Prometheus scrapes each node). */
  node?: string;
  /** Cluster mode: the shared store's and Redis's state as this node sees them. */
  cluster?: ClusterState;
}

/** Portico's own gauges in cluster mode. */
export interface ClusterState {
  /** Undefined without a shared store. */
  storeConnected?: boolean;
  /** Undefined without Redis; false while the node limits with local buckets. */
  throttlingShared?: boolean;
  /** How often Redis went away. */
  throttlingFallbacks?: number;
}

/** One gateway process of `portico up --workers N` and the API requests it answered (its stages' Count). */
export interface WorkerRequests {
  pid: number;
  Count: number;
}

interface StageEntry {
  readonly series: Series;
  readonly routes: Map<string, Series>;
}

/**
 * The counters by dimension (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html; docs/reference/dataplane.md §10): `ApiId, Stage` always,
 * and `ApiId, Stage, Route` for routes with detailed metrics. Series are created on first use and kept
 * for the life of the process, like CloudWatch keeps a metric after its stage changes.
 */
export class MetricsRegistry {
  readonly #apis = new Map<string, Map<string, StageEntry>>();
  /** WebSocket APIs count other things (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-logging.html). */
  readonly webSocket = new WebSocketMetrics();

  stage(apiId: string, stageName: string): Series {
    return this.#entry(apiId, stageName).series;
  }

  route(apiId: string, stageName: string, routeKey: string): Series {
    const routes = this.#entry(apiId, stageName).routes;
    let series = routes.get(routeKey);
    if (series === undefined) {
      series = new Series();
      routes.set(routeKey, series);
    }
    return series;
  }

  snapshot(): MetricsSnapshot {
    const stages: StageMetricsSnapshot[] = [];
    for (const [apiId, byStage] of this.#apis)
      for (const [stage, entry] of byStage)
        stages.push({
          apiId,
          stage,
          metrics: copySeries(entry.series.values),
          routes: [...entry.routes].map(([route, series]) => ({ route, metrics: copySeries(series.values) })),
        });
    const webSocket = this.webSocket.snapshot();
    return {
      namespace: 'AWS/ApiGateway',
      latencyBucketsMs: [...LATENCY_BUCKETS_MS],
      stages,
      ...(webSocket.length > 0 ? { webSocket } : {}),
    };
  }

  #entry(apiId: string, stageName: string): StageEntry {
    let byStage = this.#apis.get(apiId);
    if (byStage === undefined) {
      byStage = new Map();
      this.#apis.set(apiId, byStage);
    }
    let entry = byStage.get(stageName);
    if (entry === undefined) {
      entry = { series: new Series(), routes: new Map() };
      byStage.set(stageName, entry);
    }
    return entry;
  }
}

function copyHistogram(h: HistogramValues): HistogramValues {
  return { count: h.count, sum: h.sum, buckets: [...h.buckets] };
}

function copySeries(s: SeriesValues): SeriesValues {
  return { ...s, Latency: copyHistogram(s.Latency), IntegrationLatency: copyHistogram(s.IntegrationLatency) };
}

function addHistogram(into: HistogramValues, from: HistogramValues): void {
  into.count += from.count;
  into.sum += from.sum;
  from.buckets.forEach((n, i) => (into.buckets[i] = (into.buckets[i] ?? 0) + n));
}

function addSeries(into: SeriesValues, from: SeriesValues): void {
  into.Count += from.Count;
  into['4xx'] += from['4xx'];
  into['5xx'] += from['5xx'];
  into.DataProcessed += from.DataProcessed;
  addHistogram(into.Latency, from.Latency);
  addHistogram(into.IntegrationLatency, from.IntegrationLatency);
}

/** Sum the snapshots of several gateway processes serving the same config (`--workers`). */
export function mergeSnapshots(snapshots: readonly MetricsSnapshot[]): MetricsSnapshot {
  const stages = new Map<string, { stage: StageMetricsSnapshot; routes: Map<string, RouteMetricsSnapshot> }>();
  for (const snapshot of snapshots)
    for (const s of snapshot.stages) {
      const key = `${s.apiId}\n${s.stage}`;
      let merged = stages.get(key);
      if (merged === undefined) {
        merged = { stage: { apiId: s.apiId, stage: s.stage, metrics: emptySeries(), routes: [] }, routes: new Map() };
        stages.set(key, merged);
      }
      addSeries(merged.stage.metrics, s.metrics);
      for (const r of s.routes) {
        let route = merged.routes.get(r.route);
        if (route === undefined) {
          route = { route: r.route, metrics: emptySeries() };
          merged.routes.set(r.route, route);
          merged.stage.routes.push(route);
        }
        addSeries(route.metrics, r.metrics);
      }
    }
  const webSocket = mergeWebSocketSnapshots(snapshots.map((snapshot) => snapshot.webSocket ?? []));
  return {
    namespace: 'AWS/ApiGateway',
    latencyBucketsMs: [...LATENCY_BUCKETS_MS],
    stages: [...stages.values()].map((m) => m.stage),
    ...(webSocket.length > 0 ? { webSocket } : {}),
  };
}
