export * from './logger.js';
export { AccessLogOutputs, type AccessLogOutputOptions, type LineWriter } from './access-log/access-log-outputs.js';
export { compileFormat, type AccessLogRenderer, type ContextValue, type ContextVariables } from './access-log/compile-format.js';
export { logFilePath, logGroupName } from './access-log/log-group.js';
export {
  MetricsRegistry,
  mergeSnapshots,
  type MetricsSnapshot,
  type RouteMetricsSnapshot,
  type StageMetricsSnapshot,
  type WorkerRequests,
  type ClusterState,
} from './metrics/metrics-registry.js';
export { WorkerSnapshots } from './metrics/worker-snapshots.js';
export { PROMETHEUS_CONTENT_TYPE, renderPrometheus } from './metrics/prometheus-text.js';
export { LATENCY_BUCKETS_MS, Series, type HistogramValues, type SeriesValues } from './metrics/series.js';
export {
  WebSocketSeries,
  type WebSocketCounter,
  type WebSocketSeriesValues,
  type WebSocketStageMetricsSnapshot,
} from './metrics/websocket-metrics.js';
