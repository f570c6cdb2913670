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

export class SqliteStore implements Store {
  readonly #db: Database.Database;
  readonly #get: Database.Statement<[string, string, string], { json: string }>;
  readonly #list: Database.Statement<[string, string], { json: string }>;
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
    this.#db.pragma('busy_timeout = 5000');
    this.#db.exec(
      `CREATE TABLE IF NOT EXISTS ${TABLE} (
         seq INTEGER PRIMARY KEY AUTOINCREMENT,
         collection TEXT NOT NULL, parent TEXT NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL,
         UNIQUE (collection, parent, id))`,
    );
    this.#get = this.#db.prepare(`SELECT json FROM ${TABLE} WHERE collection = ? AND parent = ? AND id = ?`);
    this.#list = this.#db.prepare(`SELECT json FROM ${TABLE} WHERE collection = ? AND parent = ? ORDER BY seq`);
    this.#put = this.#db.prepare(
      `INSERT INTO ${TABLE} (collection, parent, id, json) VALUES (?, ?, ?, ?)
       ON CONFLICT (collection, parent, id) DO UPDATE SET json = excluded.json`,
    );
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
}
