import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from './metrics-registry.js';
import { renderPrometheus } from './prometheus-text.js';
import { WorkerSnapshots } from './worker-snapshots.js';

function worker(requests: number, detailed = 0): MetricsRegistry {
  const registry = new MetricsRegistry();
  for (let i = 0; i < requests; i++) registry.stage('api1', '$default').record(i % 2 === 0 ? 200 : 429, 3, -1, 10);
  for (let i = 0; i < detailed; i++) registry.route('api1', '$default', 'GET /a').record(200, 3, 2, 10);
  return registry;
}

describe("the whole gateway's metrics with --workers (docs/reference/dataplane.md §10)", () => {
  it("sums every worker's counters and says how many API requests each process answered", () => {
    const snapshots = new WorkerSnapshots();
    snapshots.record(1, 101, worker(3, 1).snapshot());
    snapshots.record(2, 102, worker(4, 2).snapshot());
    const merged = snapshots.merged();
    expect(merged.stages).toHaveLength(1);
    expect(merged.stages[0]?.metrics).toMatchObject({ Count: 7, '4xx': 3, DataProcessed: 70 });
    expect(merged.stages[0]?.metrics.Latency.count).toBe(7);
    expect(merged.stages[0]?.routes.map((r) => [r.route, r.metrics.Count])).toEqual([['GET /a', 3]]);
    expect(merged.workers).toEqual([
      { pid: 101, Count: 3 },
      { pid: 102, Count: 4 },
    ]);
    const text = renderPrometheus(merged);
    expect(text).toContain('apigateway_count_total{api_id="api1",stage="$default"} 7\n');
    expect(text).toContain(
      '# TYPE portico_worker_requests_total counter\nportico_worker_requests_total{pid="101"} 3\nportico_worker_requests_total{pid="102"} 4\n',
    );
  });

  it("keeps a replaced worker's last counts in the sum, so the gateway's counters never go down", () => {
    const snapshots = new WorkerSnapshots();
    snapshots.record(1, 101, worker(5).snapshot());
    snapshots.record(2, 102, worker(2).snapshot());
    snapshots.retire(1);
    snapshots.record(3, 103, worker(1).snapshot());
    const merged = snapshots.merged();
    expect(merged.stages[0]?.metrics.Count).toBe(8);
    expect(merged.workers?.map((w) => w.pid)).toEqual([102, 103]);
    // A newer snapshot of a live worker replaces its older one instead of adding to it.
    snapshots.record(2, 102, worker(6).snapshot());
    expect(snapshots.merged().stages[0]?.metrics.Count).toBe(12);
  });

  it('renders no worker family for a single process', () => {
    expect(renderPrometheus(worker(1).snapshot())).not.toContain('portico_worker');
  });
});
