import type { ClusterState, MetricsSnapshot, StageMetricsSnapshot, WorkerRequests } from './metrics-registry.js';
import type { HistogramValues, SeriesValues } from './series.js';
import type { WebSocketCounter, WebSocketStageMetricsSnapshot } from './websocket-metrics.js';

/** Prometheus text exposition format, version 0.0.4 (the `Content-Type` to serve it with). */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

type Counter = 'Count' | '4xx' | '5xx' | 'DataProcessed';
type Histogram = 'Latency' | 'IntegrationLatency';

/** AWS metric → Prometheus family suffix and help text (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html). */
const COUNTERS: readonly [Counter, string, string][] = [
  ['Count', 'count_total', 'The total number of API requests (CloudWatch Count).'],
  ['4xx', '4xx_total', 'The number of client-side errors (CloudWatch 4xx).'],
  ['5xx', '5xx_total', 'The number of server-side errors (CloudWatch 5xx).'],
  ['DataProcessed', 'data_processed_bytes_total', 'The amount of data processed in bytes (CloudWatch DataProcessed).'],
];

const HISTOGRAMS: readonly [Histogram, string, string][] = [
  ['Latency', 'latency_milliseconds', 'Time from receiving a request to returning its response (CloudWatch Latency).'],
  [
    'IntegrationLatency',
    'integration_latency_milliseconds',
    'Time from relaying a request to the backend to receiving its response (CloudWatch IntegrationLatency).',
  ],
];

function escapeLabel(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

interface Labelled {
  readonly labels: string;
  readonly values: SeriesValues;
}

function histogramLines(name: string, labels: string, h: HistogramValues, bounds: readonly number[]): string {
  let out = '';
  let cumulative = 0;
  bounds.forEach((bound, i) => {
    cumulative += h.buckets[i] ?? 0;
    out += `${name}_bucket{${labels},le="${bound}"} ${cumulative}\n`;
  });
  out += `${name}_bucket{${labels},le="+Inf"} ${h.count}\n`;
  out += `${name}_sum{${labels}} ${h.sum}\n`;
  out += `${name}_count{${labels}} ${h.count}\n`;
  return out;
}

function families(prefix: string, scope: string, series: readonly Labelled[], bounds: readonly number[]): string {
  let out = '';
  for (const [metric, suffix, help] of COUNTERS) {
    const name = `${prefix}${suffix}`;
    out += `# HELP ${name} ${help} By ${scope}.\n# TYPE ${name} counter\n`;
    for (const s of series) out += `${name}{${s.labels}} ${s.values[metric]}\n`;
  }
  for (const [metric, suffix, help] of HISTOGRAMS) {
    const name = `${prefix}${suffix}`;
    out += `# HELP ${name} ${help} By ${scope}.\n# TYPE ${name} histogram\n`;
    for (const s of series) out += histogramLines(name, s.labels, s.values[metric], bounds);
  }
  return out;
}

function stageLabels(stage: StageMetricsSnapshot): string {
  return `api_id="${escapeLabel(stage.apiId)}",stage="${escapeLabel(stage.stage)}"`;
}

/** Portico's own family, not an AWS metric: how `--workers` spread the API requests over the processes. */
function workerFamily(workers: readonly WorkerRequests[]): string {
  const name = 'portico_worker_requests_total';
  let out = `# HELP ${name} API requests answered by each gateway process (--workers).\n# TYPE ${name} counter\n`;
  for (const w of workers) out += `${name}{pid="${w.pid}"} ${w.Count}\n`;
  return out;
}

/**
 * Render a snapshot for Prometheus: `apigateway_*` families by `api_id` and `stage` (CloudWatch's
 * `ApiId, Stage` dimensions), and `apigateway_route_*` families by `api_id`, `stage` and `route` for
 * routes with detailed metrics — separate families, so that summing one never counts a request twice.
 * Latencies are histograms in milliseconds, CloudWatch's unit.
 */
export function renderPrometheus(snapshot: MetricsSnapshot): string {
  const bounds = snapshot.latencyBucketsMs;
  const stages = snapshot.stages.map((s) => ({ labels: stageLabels(s), values: s.metrics }));
  const routes = snapshot.stages.flatMap((s) =>
    s.routes.map((r) => ({ labels: `${stageLabels(s)},route="${escapeLabel(r.route)}"`, values: r.metrics })),
  );
  let out = families('apigateway_', 'API and stage', stages, bounds);
  if (routes.length > 0) out += families('apigateway_route_', 'API, stage and route (detailed metrics)', routes, bounds);
  if (snapshot.webSocket !== undefined) out += webSocketFamilies(snapshot.webSocket, bounds);
  if (snapshot.workers !== undefined) out += workerFamily(snapshot.workers);
  if (snapshot.cluster !== undefined) out += clusterFamilies(snapshot.cluster);
  return snapshot.node === undefined ? out : withNodeLabel(out, snapshot.node);
}

/** Portico's own families in cluster mode: whether this node reaches the shared store and Redis. */
function clusterFamilies(cluster: ClusterState): string {
  let out = '';
  const family = (name: string, type: string, help: string, value: number | undefined) => {
    if (value === undefined) return;
    out += `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${value}\n`;
  };
  const flag = (value: boolean | undefined) => (value === undefined ? undefined : value ? 1 : 0);
  family(
    'portico_cluster_store_connected',
    'gauge',
    '1 while this node reaches the shared PostgreSQL store.',
    flag(cluster.storeConnected),
  );
  family(
    'portico_cluster_throttling_shared',
    'gauge',
    '1 while throttling buckets are shared in Redis, 0 while local.',
    flag(cluster.throttlingShared),
  );
  family(
    'portico_cluster_throttling_fallbacks_total',
    'counter',
    'Times Redis went away and throttling fell back to local buckets.',
    cluster.throttlingFallbacks,
  );
  return out;
}

/** Every sample gets `node="…"` first among its labels. */
function withNodeLabel(text: string, node: string): string {
  const label = `node="${escapeLabel(node)}"`;
  return text.replace(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{)?/gm, (whole, name: string, brace: string | undefined) => {
    if (whole.startsWith('#')) return whole;
    return brace ? `${name}{${label},` : `${name}{${label}}`;
  });
}

const WEBSOCKET_COUNTERS: readonly [WebSocketCounter, string, string][] = [
  ['ConnectCount', 'connect_count_total', 'Messages sent to the $connect route integration (CloudWatch ConnectCount).'],
  ['MessageCount', 'message_count_total', 'Messages sent to the WebSocket API, from or to the client (CloudWatch MessageCount).'],
  ['IntegrationError', 'integration_error_total', 'Requests whose integration answered 4XX/5XX (CloudWatch IntegrationError).'],
  ['ClientError', 'client_error_total', 'Requests answered 4XX before the integration was invoked (CloudWatch ClientError).'],
  ['ExecutionError', 'execution_error_total', 'Errors calling the integration (CloudWatch ExecutionError).'],
];

/**
 * `apigateway_websocket_*` families by API and stage, and `apigateway_websocket_route_*` by route for
 * detailed metrics (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-logging.html).
 */
function webSocketFamilies(stages: readonly WebSocketStageMetricsSnapshot[], bounds: readonly number[]): string {
  const labelsOf = (s: WebSocketStageMetricsSnapshot): string => `api_id="${escapeLabel(s.apiId)}",stage="${escapeLabel(s.stage)}"`;
  const byStage = stages.map((s) => ({ labels: labelsOf(s), values: s.metrics }));
  const byRoute = stages.flatMap((s) =>
    s.routes.map((r) => ({ labels: `${labelsOf(s)},route="${escapeLabel(r.route)}"`, values: r.metrics })),
  );
  let out = '';
  for (const [prefix, series] of [
    ['apigateway_websocket_', byStage],
    ['apigateway_websocket_route_', byRoute],
  ] as const) {
    if (series.length === 0) continue;
    for (const [metric, suffix, help] of WEBSOCKET_COUNTERS) {
      const name = `${prefix}${suffix}`;
      out += `# HELP ${name} ${help}\n# TYPE ${name} counter\n`;
      for (const s of series) out += `${name}{${s.labels}} ${s.values[metric]}\n`;
    }
    const name = `${prefix}integration_latency_milliseconds`;
    out += `# HELP ${name} Time from sending a request to the integration to its response (CloudWatch IntegrationLatency).\n# TYPE ${name} histogram\n`;
    for (const s of series) out += histogramLines(name, s.labels, s.values.IntegrationLatency, bounds);
  }
  return out;
}
