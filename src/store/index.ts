export * from './memory-store.js';
export * from './sqlite-store.js';
export * from './store.js';

import { MemoryStore } from './memory-store.js';
import { SqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

/** `--state :memory:` keeps nothing; any other value is a SQLite file. */
export function openStore(state: string): Store {
  return state === ':memory:' ? new MemoryStore() : new SqliteStore(state);
}
