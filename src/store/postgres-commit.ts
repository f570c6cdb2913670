import type pg from 'pg';
import type { CommitSet, StoredRecord } from './replica.js';
import type { CollectionName } from './store.js';

function ignore(): void {}

/**
 * `begin`, then `body` on one checked-out client, then COMMIT — or ROLLBACK when `body` says not to
 * keep its work or throws. A client whose transaction failed is not put back in the pool, and a
 * connection lost between two queries must not crash the node (a checked-out client has no
 * idle-error listener).
 */
async function inTransaction<T>(
  pool: pg.Pool,
  begin: string,
  body: (client: pg.PoolClient) => Promise<{ readonly keep: boolean; readonly value: T }>,
): Promise<T> {
  const client = await pool.connect();
  client.on('error', ignore);
  let broken = false;
  try {
    await client.query(begin);
    const { keep, value } = await body(client);
    await client.query(keep ? 'COMMIT' : 'ROLLBACK');
    return value;
  } catch (error) {
    broken = true;
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.off('error', ignore);
    client.release(broken);
  }
}

export type CommitOutcome =
  | { kind: 'committed'; placed: { collection: CollectionName; parent: string; id: string; seq: number }[] }
  | { kind: 'conflict'; scopes: string[] };

/**
 * One replica transaction as one PostgreSQL transaction. Every scope it read is locked (its row
 * made first if it has none, so that two first writers also meet) and must still be at the
 * version read; then the records are written, the written scopes bumped, and the other nodes
 * notified — NOTIFY is delivered at COMMIT, so nobody hears of a change that was not kept.
 */
export function commitToPostgres(pool: pg.Pool, channel: string, set: CommitSet, node: string): Promise<CommitOutcome> {
  return inTransaction<CommitOutcome>(pool, 'BEGIN', async (client) => {
    const scopes = [...set.expected.keys()].sort();
    await client.query('INSERT INTO portico_scopes (scope, version) SELECT unnest($1::text[]), 0 ON CONFLICT (scope) DO NOTHING', [scopes]);
    const locked = await client.query<{ scope: string; version: string }>(
      'SELECT scope, version FROM portico_scopes WHERE scope = ANY($1::text[]) ORDER BY scope FOR UPDATE',
      [scopes],
    );
    const stale = locked.rows.filter((row) => Number(row.version) !== (set.expected.get(row.scope) ?? 0)).map((row) => row.scope);
    if (stale.length > 0) return { keep: false, value: { kind: 'conflict', scopes: stale } };
    const deletes = set.changes.filter((change) => change.json === undefined || change.reinsert);
    if (deletes.length > 0)
      await client.query(
        'DELETE FROM portico_records r USING unnest($1::text[], $2::text[], $3::text[]) AS d(collection, parent, id) ' +
          'WHERE r.collection = d.collection AND r.parent = d.parent AND r.id = d.id',
        [deletes.map((c) => c.collection), deletes.map((c) => c.parent), deletes.map((c) => c.id)],
      );
    const puts = set.changes.filter((change) => change.json !== undefined);
    let placed: { collection: CollectionName; parent: string; id: string; seq: number }[] = [];
    if (puts.length > 0) {
      const written = await client.query<{ collection: CollectionName; parent: string; id: string; seq: string }>(
        'INSERT INTO portico_records (collection, parent, id, scope, json) ' +
          'SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) ' +
          'ON CONFLICT (collection, parent, id) DO UPDATE SET json = EXCLUDED.json, scope = EXCLUDED.scope ' +
          'RETURNING collection, parent, id, seq',
        [
          puts.map((c) => c.collection),
          puts.map((c) => c.parent),
          puts.map((c) => c.id),
          puts.map((c) => c.scope),
          puts.map((c) => c.json),
        ],
      );
      placed = written.rows.map((row) => ({ collection: row.collection, parent: row.parent, id: row.id, seq: Number(row.seq) }));
    }
    const bumped = [...set.written];
    await client.query(
      'UPDATE portico_scopes s SET version = v.version FROM unnest($1::text[], $2::bigint[]) AS v(scope, version) WHERE s.scope = v.scope',
      [bumped, bumped.map((scope) => (set.expected.get(scope) ?? 0) + 1)],
    );
    await client.query('SELECT pg_notify($1, $2)', [channel, JSON.stringify({ node, scopes: bumped.length <= 100 ? bumped : [] })]);
    return { keep: true, value: { kind: 'committed', placed } };
  });
}

export interface ScopeRows {
  readonly scope: string;
  readonly version: number;
  readonly records: StoredRecord[];
}

/** One consistent read: the versions of every scope, and the records of those `wanted` says to reload. */
export function loadScopes(pool: pg.Pool, wanted: (scope: string, version: number) => boolean): Promise<ScopeRows[]> {
  return inTransaction(pool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (client) => {
    const versions = await client.query<{ scope: string; version: string }>('SELECT scope, version FROM portico_scopes');
    const chosen = new Map<string, ScopeRows>();
    for (const row of versions.rows) {
      const version = Number(row.version);
      if (wanted(row.scope, version)) chosen.set(row.scope, { scope: row.scope, version, records: [] });
    }
    if (chosen.size > 0) {
      const rows = await client.query<{ collection: CollectionName; parent: string; id: string; scope: string; seq: string; json: string }>(
        'SELECT collection, parent, id, scope, seq, json FROM portico_records WHERE scope = ANY($1::text[]) ORDER BY seq',
        [[...chosen.keys()]],
      );
      for (const row of rows.rows)
        chosen
          .get(row.scope)
          ?.records.push({ collection: row.collection, parent: row.parent, id: row.id, seq: Number(row.seq), json: row.json });
    }
    return { keep: true, value: [...chosen.values()] };
  });
}
