export * from './memory-store.js';
export * from './sqlite-store.js';
export * from './store.js';
export * from './store-errors.js';
export { PostgresStore, type PostgresStoreOptions } from './postgres-store.js';
export { parseStoreUrl } from './postgres-connection.js';

import { MemoryStore } from './memory-store.js';
import { SqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

/** `--state :memory:` keeps nothing; any other value is a SQLite file. */
export function openStore(state: string): Store {
  return state === ':memory:' ? new MemoryStore() : new SqliteStore(state);
}

/** A `postgres://` (or `postgresql://`) URL names a shared store; anything else is the embedded one. */
export function isSharedStore(store: string | undefined): store is string {
  return store !== undefined && /^postgres(ql)?:\/\//i.test(store);
}
