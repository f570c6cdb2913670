import type pg from 'pg';

/**
 * The PostgreSQL schema, as numbered migrations applied in order on start. Several nodes may
 * start at once: the first takes a transaction-scoped advisory lock, the others wait for it and
 * then find the migrations applied. A migration is never edited once released; a change is a
 * new one.
 */
const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE portico_records (
        collection text NOT NULL,
        parent text NOT NULL,
        id text NOT NULL,
        scope text NOT NULL,
        seq bigserial NOT NULL,
        json text NOT NULL,
        PRIMARY KEY (collection, parent, id));
      CREATE INDEX portico_records_scope ON portico_records (scope, seq);
      CREATE TABLE portico_scopes (
        scope text PRIMARY KEY,
        version bigint NOT NULL);`,
  },
];

/** The newest migration this build knows: a database already past it was written by a newer Portico. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Any constant works as long as every Portico uses the same one; this is "port" in ASCII. */
const MIGRATION_LOCK = 0x706f7274;

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Creates the schema if needed and applies the migrations not applied yet; returns the versions applied now. */
export async function migrate(client: pg.PoolClient, schema: string): Promise<number[]> {
  const applied: number[] = [];
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
    await client.query(`SET LOCAL search_path TO ${quoteIdentifier(schema)}`);
    await client.query('CREATE TABLE IF NOT EXISTS portico_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)');
    const done = await client.query<{ version: number }>('SELECT version FROM portico_migrations');
    const have = new Set(done.rows.map((row) => row.version));
    const newest = Math.max(0, ...have);
    if (newest > SCHEMA_VERSION)
      throw new Error(
        `the PostgreSQL schema "${schema}" is at version ${newest}, newer than this Portico knows (${SCHEMA_VERSION}): upgrade Portico`,
      );
    for (const migration of MIGRATIONS) {
      if (have.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO portico_migrations (version, applied_at) VALUES ($1, now())', [migration.version]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return applied;
}
