import type { CollectionName, Collections, Store } from './store.js';

/** `seq` is the record's place in insertion order (as SQLite's seq column): an update keeps it. */
interface Row {
  seq: number;
  value: unknown;
}
/** Rows of one parent; `reordered` when a rollback put a deleted row back at the end of the map. */
type Rows = Map<string, Row> & { reordered?: boolean };
type Table = Map<string, Rows>;
type Undo = () => void;

/** The store with no file behind it (`--state :memory:`); same contract as SQLite. */
export class MemoryStore implements Store {
  readonly #tables = new Map<CollectionName, Table>();
  /** One undo journal per open transaction level. */
  readonly #journals: Undo[][] = [];
  #seq = 0;

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
    const row = this.#table(collection).get(parent)?.get(id);
    return row === undefined ? undefined : (structuredClone(row.value) as Collections[C]);
  }

  list<C extends CollectionName>(collection: C, parent: string): Collections[C][] {
    const rows = this.#table(collection).get(parent);
    if (!rows) return [];
    if (rows.reordered) restoreOrder(rows);
    return [...rows.values()].map((row) => structuredClone(row.value) as Collections[C]);
  }

  count(collection: CollectionName, parent: string): number {
    return this.#table(collection).get(parent)?.size ?? 0;
  }

  put<C extends CollectionName>(collection: C, parent: string, id: string, value: Collections[C]): void {
    const table = this.#table(collection);
    let rows = table.get(parent);
    if (!rows) {
      rows = new Map();
      table.set(parent, rows);
    }
    const target = rows;
    const previous = target.get(id);
    target.set(id, { seq: previous?.seq ?? this.#seq++, value: structuredClone(value) });
    this.#record(() => (previous ? target.set(id, previous) : target.delete(id)));
  }

  delete(collection: CollectionName, parent: string, id: string): boolean {
    const rows = this.#table(collection).get(parent);
    const row = rows?.get(id);
    if (!rows || !row) return false;
    rows.delete(id);
    // O(1) however many siblings: a rollback puts the row back and marks the order for repair.
    this.#record(() => {
      rows.set(id, row);
      rows.reordered = true;
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

function restoreOrder(rows: Rows): void {
  const sorted = [...rows].sort(([, a], [, b]) => a.seq - b.seq);
  rows.clear();
  for (const [id, row] of sorted) rows.set(id, row);
  rows.reordered = false;
}
