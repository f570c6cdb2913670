import { mergeSnapshots, type MetricsSnapshot, type WorkerRequests } from './metrics-registry.js';

function requestCount(snapshot: MetricsSnapshot): number {
  let count = 0;
  for (const stage of snapshot.stages) count += stage.metrics.Count;
  return count;
}

/**
 * The whole gateway's counters when `portico up --workers N` runs N gateway processes: the primary
 * keeps each worker's latest snapshot and sums them. A worker that exits leaves its last snapshot
 * behind in the sum, so the gateway's counters do not drop when a worker is replaced (only what it
 * counted after that snapshot is lost with it).
 */
export class WorkerSnapshots {
  readonly #latest = new Map<number, { pid: number; snapshot: MetricsSnapshot }>();
  #retired: MetricsSnapshot | undefined;

  /** The latest snapshot of a live worker (by the primary's id for it). */
  record(worker: number, pid: number, snapshot: MetricsSnapshot): void {
    this.#latest.set(worker, { pid, snapshot });
  }

  /** A worker is gone: its last snapshot stays in the sum. */
  retire(worker: number): void {
    const last = this.#latest.get(worker);
    if (last === undefined) return;
    this.#latest.delete(worker);
    this.#retired = mergeSnapshots(this.#retired === undefined ? [last.snapshot] : [this.#retired, last.snapshot]);
  }

  /** Every worker's counters summed, plus how many API requests each live worker answered. */
  merged(): MetricsSnapshot {
    const live = [...this.#latest.values()];
    const merged = mergeSnapshots([...(this.#retired === undefined ? [] : [this.#retired]), ...live.map((w) => w.snapshot)]);
    const workers: WorkerRequests[] = live.map((w) => ({ pid: w.pid, Count: requestCount(w.snapshot) }));
    return { ...merged, workers };
  }
}
