/** Errors of a shared store's asynchronous commit (`Store.settle()`); the control plane maps them to AWS errors. */

/** Another node changed what this transaction read: nothing of it was kept. */
export class StoreConflictError extends Error {
  constructor(scopes: readonly string[]) {
    super(`concurrent modification of ${scopes.join(', ')}`);
    this.name = 'StoreConflictError';
  }
}

/** The database could not be reached (or answered with an error): nothing of the transaction was kept. */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`the state store is unreachable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StoreUnavailableError';
  }
}

/** setTimeout/setInterval, injected so that tests drive a shared store's catch-up and reconnects. */
export interface StoreTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const systemTimers: StoreTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  setInterval: (run, ms) => setInterval(run, ms).unref(),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

/** What a node knows of its shared store, for `/_portico/health`. */
export interface StoreHealth {
  readonly kind: 'embedded' | 'postgres';
  /** False while the database cannot be reached: the node serves the last state it loaded. */
  readonly connected: boolean;
  /** When the node last saw the database's state (ms since the epoch), if it is shared. */
  readonly lastSyncAt?: number;
  readonly lastError?: string;
}
