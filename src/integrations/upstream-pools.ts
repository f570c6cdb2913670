import { Pool } from 'undici';

/** One compiled upstream: where to connect, what `Host` to send, and the path prefix of the target URL. */
export interface Upstream {
  readonly origin: string;
  readonly pool: Pool;
  /** The target's host (with port when not the scheme's default): API Gateway rewrites `Host` to it (dataplane.md §3.3). */
  readonly host: string;
  /** Path of the target URL without a trailing "/" ("" for `http://host:port`). */
  readonly basePath: string;
}

/**
 * Keep-alive connection pools, one per upstream origin (and TLS server name), shared by every
 * deployment and kept across config swaps so a new deployment never pays for new connections.
 */
export class UpstreamPools {
  readonly #pools = new Map<string, Pool>();
  #closed = false;

  /** Parse a target URL once (at compile time) into an Upstream; throws on a URL that is not http(s). */
  upstream(url: string, serverName?: string): Upstream {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw new Error(`"${url}" is not an http:// or https:// URL`);
    const path = parsed.pathname.endsWith('/') ? parsed.pathname.slice(0, -1) : parsed.pathname;
    return { origin: parsed.origin, pool: this.pool(parsed.origin, serverName), host: parsed.host, basePath: path };
  }

  pool(origin: string, serverName?: string): Pool {
    const key = serverName ? `${origin}#${serverName}` : origin;
    let pool = this.#pools.get(key);
    if (pool === undefined) {
      if (this.#closed) throw new Error('upstream pools are closed');
      // tlsConfig.serverNameToVerify is sent as SNI and checked against the certificate
      // (SNAP:api-gateway-extensions-integration-tls-config.md).
      pool = new Pool(origin, serverName ? { connect: { servername: serverName } } : {});
      this.#pools.set(key, pool);
    }
    return pool;
  }

  /** Let in-flight exchanges finish for up to `graceMs`, then cut whatever is left. */
  async close(graceMs = 2_000): Promise<void> {
    this.#closed = true;
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(
      pools.map(async (pool) => {
        let timer: NodeJS.Timeout | undefined;
        const grace = new Promise<'late'>((resolve) => (timer = setTimeout(resolve, graceMs, 'late')));
        const result = await Promise.race([pool.close().then(() => 'closed' as const, () => 'late' as const), grace]);
        clearTimeout(timer);
        if (result === 'late') await pool.destroy().catch(() => undefined);
      }),
    );
  }
}
