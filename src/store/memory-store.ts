import type { CollectionName, Collections, Store } from './store.js';

type Table = Map<string, Map<string, unknown>>;
type Undo = () => void;

/** The store with no file behind it (`--state :memory:`); same contract as SQLite. */
export class MemoryStore implements Store {
  readonly #tables = new Map<CollectionName, Table>();
  /** One undo journal per open transaction level. */
  readonly #journals: Undo[][] = [];

  #table(collection: CollectionName): Table {
    let table = this.#tables.get(collection);
    if (!table) {
      table = new Map();
      this.#tables.set(collection, table);
    }
    return table;
  }

  #record(undo: Undo): void {
    this.#journals.at(-1)?.push(undo);
  }

  get<C extends CollectionName>(collection: C, parent: string, id: string): Collections[C] | undefined {
    const value = this.#table(collection).get(parent)?.get(id);
    return value === undefined ? undefined : (structuredClone(value) as Collections[C]);
  }

  list<C extends CollectionName>(collection: C, parent: string): Collections[C][] {
    const rows = this.#table(collection).get(parent);
    return rows ? [...rows.values()].map((v) => structuredClone(v) as Collections[C]) : [];
  }

  put<C extends CollectionName>(collection: C, parent: string, id: string, value: Collections[C]): void {
    const table = this.#table(collection);
    let rows = table.get(parent);
    if (!rows) {
      rows = new Map();
      table.set(parent, rows);
    }
    const target = rows;
    const had = target.has(id);
    const previous = target.get(id);
    target.set(id, structuredClone(value));
    this.#record(() => (had ? target.set(id, previous) : target.delete(id)));
  }

  delete(collection: CollectionName, parent: string, id: string): boolean {
    const rows = this.#table(collection).get(parent);
    if (!rows?.has(id)) return false;
    const snapshot = new Map(rows);
    rows.delete(id);
    // Restoring the whole map keeps the original insertion order on rollback.
    this.#record(() => {
      rows.clear();
      for (const [k, v] of snapshot) rows.set(k, v);
    });
    return true;
  }

  deleteAll(collection: CollectionName, parent: string): number {
    const table = this.#table(collection);
    const rows = table.get(parent);
    if (!rows || rows.size === 0) return 0;
    table.delete(parent);
    this.#record(() => table.set(parent, rows));
    return rows.size;
  }

  transaction<T>(fn: () => T): T {
    this.#journals.push([]);
    try {
      const result = fn();
      const journal = this.#journals.pop() ?? [];
      this.#journals.at(-1)?.push(...journal);
      return result;
    } catch (error) {
      const journal = this.#journals.pop() ?? [];
      for (let i = journal.length - 1; i >= 0; i--) journal[i]?.();
      throw error;
    }
  }

  close(): void {
    this.#tables.clear();
  }
}
