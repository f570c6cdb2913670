import { createRequire } from 'node:module';
import type pg from 'pg';
import { migrate, quoteIdentifier } from './postgres-schema.js';
import type { StoreTimers } from './store-errors.js';

export interface PostgresHooks {
  readonly timers: StoreTimers;
  readonly onNotification: (payload: string) => void;
  /** The listening connection is back: what was notified meanwhile is lost, so catch up. */
  readonly onReconnect: () => void;
  readonly onLost: (error: unknown) => void;
  readonly log?: (level: 'info' | 'warn', message: string) => void;
}

/** The pool for queries and commits, and one connection that LISTENs, reconnected when lost. */
export interface PostgresConnection {
  readonly pool: pg.Pool;
  readonly schema: string;
  /** The NOTIFY channel of this schema's nodes. */
  readonly channel: string;
  /** Whether the listening connection is up. */
  readonly connected: boolean;
  notify(message: unknown): Promise<void>;
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const RECONNECT_FIRST_MS = 200;
const RECONNECT_MAX_MS = 2_000;

/** `postgres://…?schema=name`: Portico's own parameter, taken out before the driver reads the URL. */
export function parseStoreUrl(url: string): { connectionString: string; schema: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`the store "${url}" is not a URL: use postgres://user@host:5432/database`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') throw new Error(`the store "${url}" is not a postgres:// URL`);
  const schema = parsed.searchParams.get('schema') ?? 'public';
  if (!SCHEMA_NAME.test(schema))
    throw new Error(`the store's schema "${schema}" must be letters, digits and _ (at most 63, not starting with a digit)`);
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema };
}

/** pg (CommonJS), loaded on first use: only `--store postgres://` needs it, and it cost start-up ~10% of its module loading. */
const loadPg = (): typeof pg => createRequire(import.meta.url)('pg') as typeof pg;

export async function openPostgres(url: string, hooks: PostgresHooks): Promise<PostgresConnection> {
  const { connectionString, schema } = parseStoreUrl(url);
  const { Pool, Client } = loadPg();
  const config: pg.ClientConfig = {
    connectionString,
    options: `-c search_path=${schema}`,
    connectionTimeoutMillis: 3_000,
    query_timeout: 10_000,
    keepAlive: true,
  };
  const pool = new Pool({ ...config, max: 4, idleTimeoutMillis: 10_000 });
  // An idle pooled connection that breaks is dropped by the pool; the next query opens another.
  pool.on('error', () => undefined);
  const channel = `portico_${schema}`.slice(0, 63);
  let listener: pg.Client | undefined;
  let closed = false;
  let delay = RECONNECT_FIRST_MS;
  let retry: unknown;

  const listen = async (): Promise<void> => {
    const client = new Client(config);
    let gone = false;
    const lost = (error: unknown) => {
      if (gone) return;
      gone = true;
      if (listener === client) listener = undefined;
      void client.end().catch(() => undefined);
      if (closed) return;
      hooks.log?.('warn', `PostgreSQL connection lost (${error instanceof Error ? error.message : String(error)}): serving the last state`);
      hooks.onLost(error);
      schedule();
    };
    client.on('notification', (message) => {
      if (message.channel === channel) hooks.onNotification(message.payload ?? '');
    });
    client.on('error', lost);
    client.on('end', () => lost(new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${quoteIdentifier(channel)}`);
    } catch (error) {
      gone = true;
      void client.end().catch(() => undefined);
      throw error;
    }
    listener = client;
  };

  const schedule = () => {
    if (closed || retry !== undefined) return;
    retry = hooks.timers.setTimeout(() => {
      retry = undefined;
      listen().then(
        () => {
          delay = RECONNECT_FIRST_MS;
          hooks.log?.('info', 'PostgreSQL connection restored: catching up');
          hooks.onReconnect();
        },
        () => {
          delay = Math.min(delay * 2, RECONNECT_MAX_MS);
          schedule();
        },
      );
    }, delay);
  };

  try {
    const client = await pool.connect();
    const ignore = () => undefined;
    client.on('error', ignore);
    try {
      await migrate(client, schema);
    } finally {
      client.off('error', ignore);
      client.release();
    }
    await listen();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }

  return {
    pool,
    schema,
    channel,
    get connected() {
      return listener !== undefined;
    },
    async notify(message: unknown) {
      await pool.query('SELECT pg_notify($1, $2)', [channel, JSON.stringify(message)]);
    },
    async close() {
      if (closed) return;
      closed = true;
      if (retry !== undefined) hooks.timers.clearTimeout(retry);
      const client = listener;
      listener = undefined;
      await client?.end().catch(() => undefined);
      await pool.end().catch(() => undefined);
    },
  };
}
