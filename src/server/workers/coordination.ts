import { WorkerSnapshots, type Logger, type MetricsSnapshot } from '../../observability/index.js';
import type { ToWorker } from './messages.js';
import type { PooledWorker } from './worker-pool.js';

/** The workers as coordination sees them (a `WorkerPool`). */
export interface Workers {
  readonly workers: readonly PooledWorker[];
  send(worker: PooledWorker, message: ToWorker): void;
  /** To every configured worker. */
  broadcast(message: ToWorker): void;
}

/** A control-plane answer waits at most this long for every worker to serve the change. */
const SYNC_TIMEOUT_MS = 5_000;
/** A metrics request waits at most this long for the workers' snapshots, then shows what arrived. */
const GATHER_TIMEOUT_MS = 2_000;

interface Gathering {
  readonly waiting: Set<number>;
  readonly done: () => void;
}

/**
 * What the primary keeps in step across the workers: which configuration version each serves (so a
 * control-plane answer waits until every worker serves the change), the metrics snapshots of all of
 * them (one `/_portico/metrics` shows the whole gateway), and access-log flushes.
 */
export class Coordination {
  version = 0;
  readonly #pool: Workers;
  readonly #logger: Logger;
  readonly #snapshots = new WorkerSnapshots();
  #syncs: { version: number; done: () => void }[] = [];
  readonly #gatherings = new Map<number, Gathering>();
  readonly #flushes = new Map<number, Gathering>();
  #nextId = 1;

  constructor(pool: Workers, logger: Logger) {
    this.#pool = pool;
    this.#logger = logger;
  }

  /** The store changed: every configured worker serves it anew and says so. */
  changed(): void {
    this.version += 1;
    this.#pool.broadcast({ t: 'config', version: this.version });
  }

  applied(worker: PooledWorker, version: number): void {
    worker.applied = Math.max(worker.applied, version);
    this.#settleSyncs();
  }

  /** Answer `synced` once every configured worker serves the version current now. */
  sync(worker: PooledWorker, id: number): void {
    const reply = (): void => this.#pool.send(worker, { t: 'synced', id });
    const version = this.version;
    if (this.#inStep(version)) return reply();
    const timer = setTimeout(() => {
      this.#syncs = this.#syncs.filter((s) => s.done !== done);
      this.#logger.warn({ version }, `a gateway worker took over ${SYNC_TIMEOUT_MS} ms to apply a configuration change: answering anyway`);
      reply();
    }, SYNC_TIMEOUT_MS);
    const done = (): void => {
      clearTimeout(timer);
      reply();
    };
    this.#syncs.push({ version, done });
  }

  /** Every worker's counters, summed (with those of workers that exited). */
  gather(): Promise<MetricsSnapshot> {
    return this.#collect(this.#gatherings, (id) => ({ t: 'snapshot', id })).then(() => this.#snapshots.merged());
  }

  snapshot(worker: PooledWorker, id: number, snapshot: MetricsSnapshot): void {
    this.#snapshots.record(worker.id, worker.pid, snapshot);
    this.#answered(this.#gatherings, id, worker.id);
  }

  /** Resolves once every worker wrote the access-log lines of the requests it answered so far. */
  flush(): Promise<void> {
    return this.#collect(this.#flushes, (id) => ({ t: 'flush', id }));
  }

  flushed(worker: PooledWorker, id: number): void {
    this.#answered(this.#flushes, id, worker.id);
  }

  /** A worker is gone: nothing waits for it any more, and its last counts stay in the sum. */
  exited(worker: PooledWorker): void {
    this.#snapshots.retire(worker.id);
    for (const [id] of this.#gatherings) this.#answered(this.#gatherings, id, worker.id);
    for (const [id] of this.#flushes) this.#answered(this.#flushes, id, worker.id);
    this.#settleSyncs();
  }

  #inStep(version: number): boolean {
    return this.#pool.workers.every((w) => !w.configured || w.applied >= version);
  }

  #settleSyncs(): void {
    const waiting = this.#syncs;
    this.#syncs = [];
    for (const sync of waiting)
      if (this.#inStep(sync.version)) sync.done();
      else this.#syncs.push(sync);
  }

  #collect(into: Map<number, Gathering>, message: (id: number) => { t: 'snapshot' | 'flush'; id: number }): Promise<void> {
    const id = this.#nextId++;
    const workers = this.#pool.workers.filter((w) => w.phase === 'ready');
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => finish(), GATHER_TIMEOUT_MS);
      const finish = (): void => {
        clearTimeout(timer);
        into.delete(id);
        resolve();
      };
      if (workers.length === 0) return finish();
      into.set(id, { waiting: new Set(workers.map((w) => w.id)), done: finish });
      for (const worker of workers) this.#pool.send(worker, message(id));
    });
  }

  #answered(from: Map<number, Gathering>, id: number, worker: number): void {
    const gathering = from.get(id);
    if (gathering === undefined) return;
    gathering.waiting.delete(worker);
    if (gathering.waiting.size === 0) gathering.done();
  }
}
