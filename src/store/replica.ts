import { listScopeOf, membershipScopeOf, scopeOf } from './scope.js';
import type { CollectionName, Collections, Store } from './store.js';

/** One record as held in memory: its JSON text (so no caller ever aliases it) and its place. */
export interface Entry {
  readonly seq: number;
  readonly json: string;
  readonly scope: string;
}

/** A record as a shared store holds it: the replica loads these and writes them. */
export interface StoredRecord {
  readonly collection: CollectionName;
  readonly parent: string;
  readonly id: string;
  readonly seq: number;
  readonly json: string;
}

/** The net effect of one committed transaction on one record. */
export interface Change {
  readonly collection: CollectionName;
  readonly parent: string;
  readonly id: string;
  readonly scope: string;
  /** Undefined: deleted. */
  readonly json: string | undefined;
  /** Deleted and put again in the same transaction: it takes a new place (goes last). */
  readonly reinsert: boolean;
}

/** What a transaction wrote and the scope versions it was based on, for the shared store to commit. */
export interface CommitSet {
  readonly changes: readonly Change[];
  /** Every scope read or written, with the version it was read at. */
  readonly expected: ReadonlyMap<string, number>;
  readonly written: ReadonlySet<string>;
  /** Takes the transaction back out of the replica (it was refused by the shared store). */
  readonly undo: () => void;
  /** Gives the committed inserts their shared places. */
  readonly placed: (seqs: readonly { collection: CollectionName; parent: string; id: string; seq: number }[]) => void;
}

type Rows = Map<string, Entry> & { reordered?: boolean; maxSeq?: number };
type Undo = () => void;
interface Touched {
  readonly collection: CollectionName;
  readonly parent: string;
  readonly id: string;
  readonly original: Entry | undefined;
}

const SEP = '\u0000';

/**
 * The whole state in memory, as a node of a shared store serves it: reads never wait for the
 * database. Transactions run here synchronously (nesting, rollback as the other stores); the
 * outermost one, once it wrote something, is handed to `onCommit` as a CommitSet that the shared
 * store commits or refuses later (then `undo` takes it back out).
 */
export class Replica implements Store {
  readonly #rows = new Map<string, Rows>();
  readonly #scopes = new Map<string, Set<string>>();
  readonly #versions = new Map<string, number>();
  readonly #journals: Undo[][] = [];
  #touched = new Map<string, Touched>();
  #reads = new Map<string, number>();
  #seq = 0;
  readonly #onCommit: (set: CommitSet) => void;

  constructor(onCommit: (set: CommitSet) => void) {
    this.#onCommit = onCommit;
  }

  version(scope: string): number {
    return this.#versions.get(scope) ?? 0;
  }

  /** Every scope with a known version. */
  versions(): ReadonlyMap<string, number> {
    return this.#versions;
  }

  /** Replaces everything of a scope with the shared store's rows (sorted by seq) at that version. */
  replaceScope(scope: string, version: number, records: readonly StoredRecord[]): void {
    for (const key of [...(this.#scopes.get(scope) ?? [])]) {
      const [collection, parent, id] = key.split(SEP) as [CollectionName, string, string];
      this.#set(collection, parent, id, undefined);
    }
    for (const record of records) {
      this.#seq = Math.max(this.#seq, record.seq);
      this.#set(record.collection, record.parent, record.id, { seq: record.seq, json: record.json, scope });
    }
    this.#versions.set(scope, version);
  }

  get<C extends CollectionName>(collection: C, parent: string, id: string): Collections[C] | undefined {
    this.#read(scopeOf(collection, parent, id));
    const entry = this.#rows.get(collection + SEP + parent)?.get(id);
    return entry === undefined ? undefined : (JSON.parse(entry.json) as Collections[C]);
  }

  list<C extends CollectionName>(collection: C, parent: string): Collections[C][] {
    this.#read(listScopeOf(collection, parent));
    const rows = this.#rows.get(collection + SEP + parent);
    if (!rows) return [];
    if (rows.reordered) restoreOrder(rows);
    return [...rows.values()].map((entry) => JSON.parse(entry.json) as Collections[C]);
  }

  count(collection: CollectionName, parent: string): number {
    this.#read(listScopeOf(collection, parent));
    return this.#rows.get(collection + SEP + parent)?.size ?? 0;
  }

  put<C extends CollectionName>(collection: C, parent: string, id: string, value: Collections[C]): void {
    this.transaction(() => {
      const scope = scopeOf(collection, parent, id);
      const previous = this.#touch(collection, parent, id, scope);
      this.#set(collection, parent, id, { seq: previous?.seq ?? ++this.#seq, json: JSON.stringify(value), scope });
      this.#record(() => this.#set(collection, parent, id, previous));
    });
  }

  delete(collection: CollectionName, parent: string, id: string): boolean {
    return this.transaction(() => {
      const previous = this.#touch(collection, parent, id, scopeOf(collection, parent, id));
      if (!previous) return false;
      this.#set(collection, parent, id, undefined);
      this.#record(() => this.#set(collection, parent, id, previous));
      return true;
    });
  }

  deleteAll(collection: CollectionName, parent: string): number {
    return this.transaction(() => {
      this.#read(listScopeOf(collection, parent));
      const ids = [...(this.#rows.get(collection + SEP + parent)?.keys() ?? [])];
      for (const id of ids) this.delete(collection, parent, id);
      return ids.length;
    });
  }

  transaction<T>(fn: () => T): T {
    const outermost = this.#journals.length === 0;
    this.#journals.push([]);
    let result: T;
    try {
      result = fn();
    } catch (error) {
      const journal = this.#journals.pop() ?? [];
      for (let i = journal.length - 1; i >= 0; i--) journal[i]?.();
      if (outermost) this.#forget();
      throw error;
    }
    const journal = this.#journals.pop() ?? [];
    if (!outermost) this.#journals.at(-1)?.push(...journal);
    else this.#commit(journal);
    return result;
  }

  close(): void {
    this.#rows.clear();
    this.#scopes.clear();
  }

  #commit(journal: Undo[]): void {
    const touched = this.#touched;
    const expected = this.#reads;
    this.#forget();
    const changes: Change[] = [];
    const written = new Set<string>();
    for (const { collection, parent, id, original } of touched.values()) {
      const final = this.#rows.get(collection + SEP + parent)?.get(id);
      if (final === original) continue;
      const scope = final?.scope ?? original?.scope ?? scopeOf(collection, parent, id);
      changes.push({ collection, parent, id, scope, json: final?.json, reinsert: !!final && !!original && final.seq !== original.seq });
      written.add(scope);
      const members = membershipScopeOf(collection, parent);
      if (members !== undefined && (final === undefined) !== (original === undefined)) {
        written.add(members);
        if (!expected.has(members)) expected.set(members, this.version(members));
      }
    }
    if (changes.length === 0) return;
    for (const scope of written) this.#versions.set(scope, (expected.get(scope) ?? 0) + 1);
    this.#onCommit({
      changes,
      expected,
      written,
      undo: () => {
        for (let i = journal.length - 1; i >= 0; i--) journal[i]?.();
        for (const scope of written) this.#versions.set(scope, expected.get(scope) ?? 0);
      },
      placed: (seqs) => {
        for (const { collection, parent, id, seq } of seqs) {
          const rows = this.#rows.get(collection + SEP + parent);
          const entry = rows?.get(id);
          if (!rows || !entry) continue;
          rows.set(id, { ...entry, seq });
          rows.reordered = true;
          rows.maxSeq = Math.max(rows.maxSeq ?? 0, seq);
          this.#seq = Math.max(this.#seq, seq);
        }
      },
    });
  }

  #forget(): void {
    this.#touched = new Map();
    this.#reads = new Map();
  }

  #read(scope: string): void {
    if (this.#journals.length > 0 && !this.#reads.has(scope)) this.#reads.set(scope, this.version(scope));
  }

  #touch(collection: CollectionName, parent: string, id: string, scope: string): Entry | undefined {
    this.#read(scope);
    const current = this.#rows.get(collection + SEP + parent)?.get(id);
    const key = collection + SEP + parent + SEP + id;
    if (!this.#touched.has(key)) this.#touched.set(key, { collection, parent, id, original: current });
    return current;
  }

  #record(undo: Undo): void {
    this.#journals.at(-1)?.push(undo);
  }

  /** The one writer of the maps: the rows of a parent (in order) and the keys of a scope. */
  #set(collection: CollectionName, parent: string, id: string, entry: Entry | undefined): void {
    const rowsKey = collection + SEP + parent;
    let rows = this.#rows.get(rowsKey);
    const key = rowsKey + SEP + id;
    const previous = rows?.get(id);
    if (previous) this.#scopes.get(previous.scope)?.delete(key);
    if (entry === undefined) {
      rows?.delete(id);
      return;
    }
    if (!rows) {
      rows = new Map();
      this.#rows.set(rowsKey, rows);
    }
    // A record put back (a rollback, a reload) lands at the end of the map: its seq says where it belongs.
    if (!previous && entry.seq < (rows.maxSeq ?? 0)) rows.reordered = true;
    rows.maxSeq = Math.max(rows.maxSeq ?? 0, entry.seq);
    rows.set(id, entry);
    let keys = this.#scopes.get(entry.scope);
    if (!keys) {
      keys = new Set();
      this.#scopes.set(entry.scope, keys);
    }
    keys.add(key);
  }
}

function restoreOrder(rows: Rows): void {
  const sorted = [...rows].sort(([, a], [, b]) => a.seq - b.seq);
  rows.clear();
  for (const [id, row] of sorted) rows.set(id, row);
  rows.reordered = false;
}
