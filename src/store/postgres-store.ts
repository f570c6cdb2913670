import { randomUUID } from 'node:crypto';
import { type Clock, systemClock } from '../model/index.js';
import { openPostgres, type PostgresConnection } from './postgres-connection.js';
import { commitToPostgres, loadScopes, type ScopeRows } from './postgres-commit.js';
import { type CommitSet, Replica } from './replica.js';
import { StoreConflictError, type StoreHealth, type StoreTimers, StoreUnavailableError, systemTimers } from './store-errors.js';
import type { CollectionName, Collections, Store, StoreEvent } from './store.js';

export interface PostgresStoreOptions {
  /** `postgres://user@host:5432/db`, optionally `?schema=name` (default `public`). */
  readonly url: string;
  /** How often a node compares its versions with the database, in case it missed a notification. */
  readonly catchUpMs?: number;
  readonly timers?: StoreTimers;
  /** For `lastSyncAt`. */
  readonly clock?: Clock;
  /** This node's name in notifications (its own are ignored). */
  readonly node?: string;
  /** Told about connection loss and recovery. */
  readonly log?: (level: 'info' | 'warn', message: string) => void;
}

interface Pending {
  readonly set: CommitSet;
  readonly result: Promise<Error | undefined>;
  error?: Error;
}

const DEFAULT_CATCH_UP_MS = 5_000;

/**
 * The shared store of cluster mode: the state lives in PostgreSQL, and each node holds all of it
 * in a `Replica` so that every read (the data plane's configuration, the control plane's checks)
 * is served from memory, even while the database is away. A transaction runs on the replica,
 * then commits to PostgreSQL in one database transaction that first checks the version of every
 * scope it read (optimistic concurrency); `settle()` says whether it was kept. Other nodes hear
 * of it by LISTEN/NOTIFY, and every node also compares versions periodically, so one that missed
 * a notification (or the database) converges.
 */
export class PostgresStore implements Store {
  readonly #replica: Replica;
  readonly #connection: PostgresConnection;
  readonly #timers: StoreTimers;
  readonly #clock: Clock;
  readonly #node: string;
  readonly #listeners = new Set<(event: StoreEvent) => void>();
  readonly #pending: Pending[] = [];
  /** Scopes with commits not yet answered by the database: a catch-up leaves them alone. */
  readonly #pendingScopes = new Map<string, number>();
  #queue: Promise<unknown> = Promise.resolve();
  #unsettled: Pending | undefined;
  #catchUpQueued = false;
  #lastSyncAt: number | undefined;
  #lastError: string | undefined;
  #interval: unknown;
  #closed = false;

  private constructor(connection: PostgresConnection, options: PostgresStoreOptions) {
    this.#connection = connection;
    this.#timers = options.timers ?? systemTimers;
    this.#clock = options.clock ?? systemClock;
    this.#node = options.node ?? randomUUID();
    this.#replica = new Replica((set) => this.#enqueueCommit(set));
  }

  /** Connects, migrates, loads the whole state and starts listening; the store serves reads from then on. */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    // The connection calls back into the store, which needs the connection to exist first.
    const relay: { to?: PostgresStore } = {};
    const connection = await openPostgres(options.url, {
      timers: options.timers ?? systemTimers,
      onNotification: (payload) => relay.to?.notified(payload),
      onReconnect: () => relay.to?.scheduleCatchUp(),
      onLost: (error) => relay.to?.failed(error),
      ...(options.log ? { log: options.log } : {}),
    });
    const store = new PostgresStore(connection, options);
    relay.to = store;
    try {
      await store.#catchUp();
    } catch (error) {
      await connection.close();
      throw error;
    }
    const ms = options.catchUpMs ?? DEFAULT_CATCH_UP_MS;
    store.#interval = store.#timers.setInterval(() => store.scheduleCatchUp(), ms);
    return store;
  }

  get<C extends CollectionName>(collection: C, parent: string, id: string): Collections[C] | undefined {
    return this.#replica.get(collection, parent, id);
  }

  list<C extends CollectionName>(collection: C, parent: string): Collections[C][] {
    return this.#replica.list(collection, parent);
  }

  count(collection: CollectionName, parent: string): number {
    return this.#replica.count(collection, parent);
  }

  put<C extends CollectionName>(collection: C, parent: string, id: string, value: Collections[C]): void {
    this.#replica.put(collection, parent, id, value);
  }

  delete(collection: CollectionName, parent: string, id: string): boolean {
    return this.#replica.delete(collection, parent, id);
  }

  deleteAll(collection: CollectionName, parent: string): number {
    return this.#replica.deleteAll(collection, parent);
  }

  transaction<T>(fn: () => T): T {
    return this.#replica.transaction(fn);
  }

  async settle(): Promise<void> {
    const pending = this.#unsettled;
    this.#unsettled = undefined;
    if (!pending) return;
    const error = await pending.result;
    if (error) throw error;
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  signal(payload: unknown): void {
    void this.#connection.notify({ node: this.#node, signal: payload }).catch(() => undefined);
  }

  health(): StoreHealth {
    return {
      kind: 'postgres',
      connected: this.#connection.connected && this.#lastError === undefined,
      ...(this.#lastSyncAt !== undefined ? { lastSyncAt: this.#lastSyncAt } : {}),
      ...(this.#lastError !== undefined ? { lastError: this.#lastError } : {}),
    };
  }

  /** Compare with the database now (tests; the timer does it otherwise). Resolves once done. */
  catchUp(): Promise<void> {
    return this.#serial(() => this.#catchUp().catch((error: unknown) => this.failed(error)));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#timers.clearInterval(this.#interval);
    this.#replica.close();
    void this.#queue.finally(() => this.#connection.close());
  }

  /** Waits for the commits under way, then closes the connections. */
  async closed(): Promise<void> {
    this.close();
    await this.#queue;
    await this.#connection.close();
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #enqueueCommit(set: CommitSet): void {
    for (const scope of set.written) this.#pendingScopes.set(scope, (this.#pendingScopes.get(scope) ?? 0) + 1);
    const pending: Pending = { set, result: this.#serial(() => this.#commit(pending)) };
    this.#pending.push(pending);
    this.#unsettled = pending;
  }

  async #commit(pending: Pending): Promise<Error | undefined> {
    if (pending.error) return pending.error;
    try {
      const outcome = await commitToPostgres(this.#connection.pool, this.#connection.channel, pending.set, this.#node);
      if (outcome.kind === 'conflict') return this.#refuse(pending, new StoreConflictError(outcome.scopes));
      pending.set.placed(outcome.placed);
      this.#done(pending);
      this.#synced();
      return undefined;
    } catch (error) {
      this.failed(error);
      return this.#refuse(pending, new StoreUnavailableError(error));
    }
  }

  /** This commit and every later one (they read what it wrote) are taken back out of the replica. */
  #refuse(pending: Pending, error: Error): Error {
    const index = this.#pending.indexOf(pending);
    const refused = this.#pending.splice(index);
    for (let i = refused.length - 1; i >= 0; i--) {
      const each = refused[i] as Pending;
      each.error = error;
      each.set.undo();
      this.#release(each);
    }
    this.#emit({ kind: 'changed' });
    this.scheduleCatchUp();
    return error;
  }

  #done(pending: Pending): void {
    const index = this.#pending.indexOf(pending);
    if (index >= 0) this.#pending.splice(index, 1);
    this.#release(pending);
  }

  #release(pending: Pending): void {
    for (const scope of pending.set.written) {
      const left = (this.#pendingScopes.get(scope) ?? 1) - 1;
      if (left <= 0) this.#pendingScopes.delete(scope);
      else this.#pendingScopes.set(scope, left);
    }
  }

  /** @internal The listening connection's notifications. */
  notified(payload: string): void {
    let message: { node?: unknown; signal?: unknown };
    try {
      message = JSON.parse(payload) as typeof message;
    } catch {
      return;
    }
    if (message.node === this.#node) return;
    if ('signal' in message) this.#emit({ kind: 'signal', payload: message.signal });
    else this.scheduleCatchUp();
  }

  /** @internal A catch-up soon (coalesced with one already waiting). */
  scheduleCatchUp(): void {
    if (this.#catchUpQueued || this.#closed) return;
    this.#catchUpQueued = true;
    void this.catchUp();
  }

  /** Reloads every scope whose version in the database differs from the replica's, unless this node has a commit of it under way. */
  async #catchUp(): Promise<void> {
    this.#catchUpQueued = false;
    const before = new Map(this.#replica.versions());
    const changed: ScopeRows[] = await loadScopes(this.#connection.pool, (scope, version) => {
      return version !== (before.get(scope) ?? 0) && !this.#pendingScopes.has(scope);
    });
    let any = false;
    for (const { scope, version, records } of changed) {
      // A commit of this scope started meanwhile: its outcome decides, a later catch-up follows.
      if (this.#pendingScopes.has(scope) || this.#replica.version(scope) !== (before.get(scope) ?? 0)) continue;
      this.#replica.replaceScope(scope, version, records);
      any = true;
    }
    this.#synced();
    if (any) this.#emit({ kind: 'changed' });
  }

  #synced(): void {
    this.#lastSyncAt = this.#clock.now();
    this.#lastError = undefined;
  }

  /** @internal The database answered with an error or went away. */
  failed(error: unknown): void {
    this.#lastError = error instanceof Error ? error.message : String(error);
  }

  #emit(event: StoreEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
