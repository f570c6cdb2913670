import { describe, expect, it } from 'vitest';
import { MetricsRegistry, mergeSnapshots } from './metrics-registry.js';
import { renderPrometheus } from './prometheus-text.js';

function sample(): MetricsRegistry {
  const registry = new MetricsRegistry();
  const stage = registry.stage('api1', '$default');
  stage.record(200, 3, 2, 100);
  stage.record(404, 0, -1, 23);
  stage.record(503, 40_000, 30_000, 33);
  stage.record(0, 12, 12, 5); // the client left before any status
  registry.route('api1', '$default', 'GET /pets/{id}').record(200, 3, 2, 100);
  return registry;
}

describe('metrics (docs/reference/dataplane.md §10)', () => {
  it('counts Count, 4xx, 5xx, DataProcessed and latency histograms by API and stage', () => {
    const stage = sample().snapshot().stages[0];
    expect(stage).toMatchObject({ apiId: 'api1', stage: '$default' });
    expect(stage?.metrics).toMatchObject({ Count: 4, '4xx': 1, '5xx': 1, DataProcessed: 161 });
    expect(stage?.metrics.Latency).toMatchObject({ count: 4, sum: 40_015 });
    // No integration for the 404: three integration latencies.
    expect(stage?.metrics.IntegrationLatency).toMatchObject({ count: 3, sum: 30_014 });
    expect(stage?.routes.map((r) => [r.route, r.metrics.Count])).toEqual([['GET /pets/{id}', 1]]);
  });

  it('renders Prometheus text: counters, cumulative histogram buckets, and route families apart from stage ones', () => {
    const text = renderPrometheus(sample().snapshot());
    const labels = 'api_id="api1",stage="$default"';
    expect(text).toContain(`# TYPE apigateway_count_total counter\napigateway_count_total{${labels}} 4\n`);
    expect(text).toContain(`apigateway_4xx_total{${labels}} 1\n`);
    expect(text).toContain(`apigateway_5xx_total{${labels}} 1\n`);
    expect(text).toContain(`apigateway_data_processed_bytes_total{${labels}} 161\n`);
    expect(text).toContain(
      `# TYPE apigateway_latency_milliseconds histogram\n` +
        `apigateway_latency_milliseconds_bucket{${labels},le="1"} 1\n` +
        `apigateway_latency_milliseconds_bucket{${labels},le="2"} 1\n` +
        `apigateway_latency_milliseconds_bucket{${labels},le="5"} 2\n` +
        `apigateway_latency_milliseconds_bucket{${labels},le="10"} 2\n` +
        `apigateway_latency_milliseconds_bucket{${labels},le="25"} 3\n`,
    );
    expect(text).toContain(
      `apigateway_latency_milliseconds_bucket{${labels},le="30000"} 3\n` +
        `apigateway_latency_milliseconds_bucket{${labels},le="+Inf"} 4\n` +
        `apigateway_latency_milliseconds_sum{${labels}} 40015\n` +
        `apigateway_latency_milliseconds_count{${labels}} 4\n`,
    );
    expect(text).toContain(`apigateway_integration_latency_milliseconds_count{${labels}} 3\n`);
    expect(text).toContain(`apigateway_route_count_total{${labels},route="GET /pets/{id}"} 1\n`);
    // Every sample line is `name{labels} value`; every family has HELP and TYPE.
    for (const line of text.split('\n').filter(Boolean)) expect(line).toMatch(/^(# (HELP|TYPE) [a-z_0-9]+ .+|[a-z_0-9]+\{.*\} \d+)$/);
  });

  it('escapes label values and leaves route families out when no route has detailed metrics', () => {
    const registry = new MetricsRegistry();
    registry.stage('api1', 'we"ird\\stage').record(200, 1, 1, 1);
    const text = renderPrometheus(registry.snapshot());
    expect(text).toContain('apigateway_count_total{api_id="api1",stage="we\\"ird\\\\stage"} 1\n');
    expect(text).not.toContain('apigateway_route_');
  });

  it('adds up the snapshots of several gateway processes', () => {
    const a = sample().snapshot();
    const other = new MetricsRegistry();
    other.stage('api1', '$default').record(500, 1, 1, 10);
    other.route('api1', '$default', 'GET /pets/{id}').record(500, 1, 1, 10);
    other.stage('api2', 'prod').record(200, 1, 1, 1);
    const merged = mergeSnapshots([a, other.snapshot()]);
    expect(merged.stages.map((s) => [s.apiId, s.stage, s.metrics.Count, s.metrics['5xx']])).toEqual([
      ['api1', '$default', 5, 2],
      ['api2', 'prod', 1, 0],
    ]);
    expect(merged.stages[0]?.routes[0]?.metrics).toMatchObject({ Count: 2, '5xx': 1, DataProcessed: 110 });
    expect(merged.stages[0]?.metrics.Latency.buckets[0]).toBe(2);
  });
});
