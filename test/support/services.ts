import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import pg from 'pg';

/**
 * The services cluster mode runs on: PostgreSQL (127.0.0.1:5432, trust auth, database `test`) and
 * Redis (127.0.0.1:6379). A developer machine without them skips those tests with a message; CI
 * (PORTICO_REQUIRE_SERVICES=1, set by .ci/run) fails instead, so they never go quietly untested.
 */
export const POSTGRES_URL = process.env['PORTICO_TEST_POSTGRES'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env['PORTICO_TEST_REDIS'] ?? 'redis://127.0.0.1:6379';

function reachable(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || defaultPort) });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

async function required(name: string, url: string, port: number): Promise<boolean> {
  if (await reachable(url, port)) return true;
  const message = `${name} is not reachable at ${url}: cluster-mode tests need it (see docs/cluster.md)`;
  if (process.env['PORTICO_REQUIRE_SERVICES'] === '1') throw new Error(message);
  console.warn(`skipping: ${message}`);
  return false;
}

export const postgresAvailable = (): Promise<boolean> => required('PostgreSQL', POSTGRES_URL, 5432);
export const redisAvailable = (): Promise<boolean> => required('Redis', REDIS_URL, 6379);

/** A schema of its own for one test run (parallel runs never meet), dropped by `drop()`. */
export function testSchema(prefix = 'portico_t'): { url: string; schema: string; drop: () => Promise<void> } {
  const schema = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = `${POSTGRES_URL}${POSTGRES_URL.includes('?') ? '&' : '?'}schema=${schema}`;
  return {
    url,
    schema,
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** The Redis URL with a key prefix of its own, so parallel runs never share buckets or node counts. */
export function testRedisUrl(url = REDIS_URL): string {
  return `${url}${url.includes('?') ? '&' : '?'}prefix=portico-test-${process.pid}-${randomBytes(4).toString('hex')}:`;
}
