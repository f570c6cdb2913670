import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { CollectionName, Collections, Store } from './store.js';

/**
 * The durable store: one SQLite file, one table of JSON documents. Every write is committed
 * (WAL, synchronous=FULL) before the caller answers, so a SIGKILL never loses an acknowledged
 * change. The schema version lives in the table name, so an incompatible layout never reads
 * old rows by mistake.
 */
const TABLE = 'records_v1';

/**
 * How many records each (collection, parent) holds, kept by triggers in the same transactions as the
 * records, so a quota check is one lookup: counting the rows instead made creating N routes O(N²)
 * (10,000 routes: 1.3 s in SQLite's count(*) alone). A state file written before it existed gets it
 * built from its records once (`#ensureCounts`).
 */
const COUNTS = 'counts_v1';

export class SqliteStore implements Store {
  readonly #db: Database.Database;
  readonly #get: Database.Statement<[string, string, string], { json: string }>;
  readonly #list: Database.Statement<[string, string], { json: string }>;
  readonly #count: Database.Statement<[string, string], number>;
  readonly #put: Database.Statement<[string, string, string, string]>;
  readonly #delete: Database.Statement<[string, string, string]>;
  readonly #deleteAll: Database.Statement<[string, string]>;
  /** One transaction function, made once: better-sqlite3 nests it as savepoints. */
  readonly #transaction: (fn: () => unknown) => unknown;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    // Statement journals (the pages a savepoint may have to put back) in memory, not in a temporary
    // file: every control-plane operation inside an apply is a savepoint, and past 64 KiB SQLite
    // spilled them to a file it wrote again for every one (10,000 routes: ~250 ms of 30,000 puts).
    // Only rollbacks inside a transaction read them; what survives a crash is the WAL, as before.
    this.#db.pragma('temp_store = MEMORY');
    this.#db.pragma('busy_timeout = 5000');
    this.#db.exec(
      `CREATE TABLE IF NOT EXISTS ${TABLE} (
         seq INTEGER PRIMARY KEY AUTOINCREMENT,
         collection TEXT NOT NULL, parent TEXT NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL,
         UNIQUE (collection, parent, id))`,
    );
    this.#ensureCounts();
    this.#get = this.#db.prepare(`SELECT json FROM ${TABLE} WHERE collection = ? AND parent = ? AND id = ?`);
    this.#list = this.#db.prepare(`SELECT json FROM ${TABLE} WHERE collection = ? AND parent = ? ORDER BY seq`);
    this.#put = this.#db.prepare(
      `INSERT INTO ${TABLE} (collection, parent, id, json) VALUES (?, ?, ?, ?)
       ON CONFLICT (collection, parent, id) DO UPDATE SET json = excluded.json`,
    );
    this.#count = this.#db.prepare<[string, string], number>(`SELECT n FROM ${COUNTS} WHERE collection = ? AND parent = ?`).pluck();
    this.#delete = this.#db.prepare(`DELETE FROM ${TABLE} WHERE collection = ? AND parent = ? AND id = ?`);
    this.#deleteAll = this.#db.prepare(`DELETE FROM ${TABLE} WHERE collection = ? AND parent = ?`);
    this.#transaction = this.#db.transaction((fn: () => unknown) => fn());
  }

  get<C extends CollectionName>(collection: C, parent: string, id: string): Collections[C] | undefined {
    const row = this.#get.get(collection, parent, id);
    return row ? (JSON.parse(row.json) as Collections[C]) : undefined;
  }

  list<C extends CollectionName>(collection: C, parent: string): Collections[C][] {
    return this.#list.all(collection, parent).map((row) => JSON.parse(row.json) as Collections[C]);
  }

  count(collection: CollectionName, parent: string): number {
    return this.#count.get(collection, parent) ?? 0;
  }

  put<C extends CollectionName>(collection: C, parent: string, id: string, value: Collections[C]): void {
    this.#put.run(collection, parent, id, JSON.stringify(value));
  }

  delete(collection: CollectionName, parent: string, id: string): boolean {
    return this.#delete.run(collection, parent, id).changes > 0;
  }

  deleteAll(collection: CollectionName, parent: string): number {
    return this.#deleteAll.run(collection, parent).changes;
  }

  transaction<T>(fn: () => T): T {
    // better-sqlite3 turns nested transactions into savepoints. Wrapping `fn` in a new
    // transaction function per call costs more than the savepoint itself.
    return this.#transaction(fn) as T;
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }

  /** The counts table and its triggers; a file that has them is only read (gateway workers open it too). */
  #ensureCounts(): void {
    const exists = this.#db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).pluck().get(COUNTS) !== undefined;
    if (exists) return;
    this.#db.transaction(() => {
      this.#db.exec(
        `CREATE TABLE IF NOT EXISTS ${COUNTS} (
           collection TEXT NOT NULL, parent TEXT NOT NULL, n INTEGER NOT NULL,
           PRIMARY KEY (collection, parent)) WITHOUT ROWID;
         CREATE TRIGGER IF NOT EXISTS ${TABLE}_counted_insert AFTER INSERT ON ${TABLE} BEGIN
           INSERT INTO ${COUNTS} (collection, parent, n) VALUES (NEW.collection, NEW.parent, 1)
             ON CONFLICT (collection, parent) DO UPDATE SET n = n + 1;
         END;
         CREATE TRIGGER IF NOT EXISTS ${TABLE}_counted_delete AFTER DELETE ON ${TABLE} BEGIN
           UPDATE ${COUNTS} SET n = n - 1 WHERE collection = OLD.collection AND parent = OLD.parent;
         END;
         DELETE FROM ${COUNTS};
         INSERT INTO ${COUNTS} (collection, parent, n) SELECT collection, parent, count(*) FROM ${TABLE} WHERE true GROUP BY collection, parent;`,
      );
    })();
  }
}
