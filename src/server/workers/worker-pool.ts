import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '../../observability/index.js';
import { isMessage, type FromWorker, type ToWorker } from './messages.js';

export type WorkerPhase = 'starting' | 'listening' | 'ready';

/** One gateway process as the primary tracks it. */
export interface PooledWorker {
  /** node:cluster's id: unique for the life of the primary, never reused by a replacement. */
  readonly id: number;
  readonly pid: number;
  phase: WorkerPhase;
  /** It was sent the configuration (`setup`), so it follows every change from then on. */
  configured: boolean;
  /** The last configuration version it serves. */
  applied: number;
  readonly replacement: boolean;
}

export interface WorkerPoolOptions {
  /** The worker program (worker-main.js). */
  readonly exec: string;
  readonly logger: Logger;
  /** The message each new worker gets first. */
  readonly start: ToWorker;
  onMessage(worker: PooledWorker, message: FromWorker): void;
  /** After a worker exited (and, unless stopping, a replacement was forked). */
  onExit(worker: PooledWorker): void;
}

/** A replacement that dies before it is ready waits longer before the next one: 0.5 s, 1 s, 2 s … 30 s. */
const MAX_BACKOFF_MS = 30_000;

/**
 * The gateway processes of `portico up --workers N`, forked with node:cluster (which shares the
 * listening sockets: every worker's `listen` on a port gets the primary's socket for it). A worker
 * that exits while Portico is not stopping is replaced, with a log line; the others keep serving.
 */
export class WorkerPool {
  readonly #options: WorkerPoolOptions;
  readonly #workers = new Map<number, { pooled: PooledWorker; process: Worker }>();
  #stopping = false;
  #replacing = false;
  #failuresInRow = 0;

  constructor(options: WorkerPoolOptions) {
    this.#options = options;
    // One program for every worker, whatever script started the primary; its own stdout and stderr are the primary's.
    cluster.setupPrimary({ exec: options.exec, args: [], silent: false });
  }

  get workers(): PooledWorker[] {
    return [...this.#workers.values()].map((w) => w.pooled);
  }

  fork(replacement = false): PooledWorker {
    const process = cluster.fork();
    const pooled: PooledWorker = {
      id: process.id,
      pid: process.process.pid ?? 0,
      phase: 'starting',
      configured: false,
      applied: 0,
      replacement,
    };
    this.#workers.set(process.id, { pooled, process });
    process.on('message', (message: unknown) => {
      if (!isMessage<FromWorker>(message)) return;
      // A message sent before the worker's program listens for them would be lost: it says hello first.
      if (message.t === 'hello') return process.send(this.#options.start);
      if (message.t === 'ready') this.#failuresInRow = 0;
      this.#options.onMessage(pooled, message);
    });
    process.on('exit', (code, signal) => this.#exited(pooled, code, signal));
    // A send to a worker that just died fails with EPIPE; its exit is handled on its own.
    process.on('error', () => undefined);
    return pooled;
  }

  send(worker: PooledWorker | number, message: ToWorker): void {
    const entry = this.#workers.get(typeof worker === 'number' ? worker : worker.id);
    if (entry !== undefined && entry.process.isConnected()) entry.process.send(message);
  }

  /** From now on a worker that exits is replaced (before, during start-up, an exit fails the start). */
  replaceExited(): void {
    this.#replacing = true;
  }

  /** To every worker that serves the configuration. */
  broadcast(message: ToWorker): void {
    for (const { pooled } of this.#workers.values()) if (pooled.configured) this.send(pooled, message);
  }

  /** Tell every worker to stop (each finishes its in-flight requests); kill those still there after `graceMs`. */
  async stop(graceMs: number): Promise<void> {
    this.#stopping = true;
    const exits = [...this.#workers.values()].map(
      ({ process }) => new Promise<void>((resolve) => (process.isDead() ? resolve() : process.once('exit', () => resolve()))),
    );
    for (const { pooled } of this.#workers.values()) this.send(pooled, { t: 'stop' });
    const timer = setTimeout(() => {
      for (const { process } of this.#workers.values()) if (!process.isDead()) process.kill('SIGKILL');
    }, graceMs);
    await Promise.all(exits);
    clearTimeout(timer);
  }

  #exited(pooled: PooledWorker, code: number | null, signal: string | null): void {
    this.#workers.delete(pooled.id);
    const how = signal !== null ? signal : `code ${code}`;
    if (this.#stopping || !this.#replacing) {
      this.#options.onExit(pooled);
      return;
    }
    const delay = pooled.phase === 'ready' ? 0 : Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.#failuresInRow++);
    this.#options.logger.warn(
      { event: 'worker-exited', pid: pooled.pid, code, signal, restartInMs: delay },
      `gateway worker ${pooled.pid} exited (${how}): starting a replacement${delay > 0 ? ` in ${delay} ms` : ''}; the other workers keep serving`,
    );
    this.#options.onExit(pooled);
    const timer = setTimeout(() => {
      if (!this.#stopping) this.fork(true);
    }, delay);
    timer.unref();
  }
}
