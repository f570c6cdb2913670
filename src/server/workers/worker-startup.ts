import type { PooledWorker, WorkerPhase } from './worker-pool.js';

const ORDER: readonly WorkerPhase[] = ['starting', 'listening', 'ready'];

/**
 * The first start of the N workers: waits until every one of them reached a phase (listening, then
 * ready); the first failure or exit of a worker fails the whole start (nothing half-started serves).
 */
export class WorkerStartup {
  readonly #count: number;
  #waiting: { phase: WorkerPhase; resolve(): void; reject(error: Error): void } | undefined;
  #failure: Error | undefined;
  #workers: readonly PooledWorker[] = [];

  constructor(count: number) {
    this.#count = count;
  }

  until(phase: WorkerPhase): Promise<void> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    return new Promise<void>((resolve, reject) => {
      this.#waiting = { phase, resolve, reject };
      this.check(this.#workers);
    });
  }

  /** Call whenever a worker's phase changed. */
  check(workers: readonly PooledWorker[]): void {
    this.#workers = workers;
    const waiting = this.#waiting;
    if (waiting === undefined || workers.length < this.#count) return;
    if (!workers.every((w) => ORDER.indexOf(w.phase) >= ORDER.indexOf(waiting.phase))) return;
    this.#waiting = undefined;
    waiting.resolve();
  }

  /** Only the first failure counts, and only while starting. */
  fail(error: Error): void {
    this.#failure ??= error;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.reject(this.#failure);
  }
}
