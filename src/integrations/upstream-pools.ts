import { ConnectionPool } from './http1/index.js';

/** One compiled upstream: where to connect, what `Host` to send, and the path prefix of the target URL. */
export interface Upstream {
  readonly origin: string;
  readonly pool: ConnectionPool;
  /** The target's host (with port when not the scheme's default): API Gateway rewrites `Host` to it (docs/reference/dataplane.md §3.3). */
  readonly host: string;
  /** Path of the target URL without a trailing "/" ("" for `http://host:port`). */
  readonly basePath: string;
  /** One key per connection setup (origin, TLS name, trusted CAs): pools and passive health are kept by it. */
  readonly key: string;
}

/** How to speak TLS to an `https://` upstream; ignored for `http://` ones. */
export interface UpstreamTls {
  /**
   * `tlsConfig.serverNameToVerify`: sent as SNI and checked against the certificate instead of the
   * URL's host (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-extensions-integration-tls-config.html).
   */
  readonly serverName?: string | undefined;
  /** PEM certificates trusted in addition to Node's bundled roots (`--target-ca`, portico.json `"ca"`). */
  readonly ca?: readonly string[] | undefined;
}

/**
 * Keep-alive connection pools, one per upstream origin (and TLS settings), shared by every
 * deployment and kept across config swaps so a new deployment never pays for new connections.
 */
export class UpstreamPools {
  readonly #pools = new Map<string, ConnectionPool>();
  readonly #caIds = new WeakMap<readonly string[], number>();
  #lastCaId = 0;
  #closed = false;

  /** Parse a target URL once (at compile time) into an Upstream; throws on a URL that is not http(s). */
  upstream(url: string, tls: UpstreamTls = {}): Upstream {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`"${url}" is not an http:// or https:// URL`);
    const path = parsed.pathname.endsWith('/') ? parsed.pathname.slice(0, -1) : parsed.pathname;
    const secure = parsed.protocol === 'https:';
    const serverName = secure ? tls.serverName : undefined;
    const ca = secure && tls.ca !== undefined && tls.ca.length > 0 ? tls.ca : undefined;
    const key = this.#key(parsed.origin, serverName, ca);
    return { origin: parsed.origin, pool: this.#pool(key, parsed.origin, serverName, ca), host: parsed.host, basePath: path, key };
  }

  #key(origin: string, serverName: string | undefined, ca: readonly string[] | undefined): string {
    let key = origin;
    if (serverName !== undefined) key += `#sni=${serverName}`;
    if (ca !== undefined) {
      let id = this.#caIds.get(ca);
      if (id === undefined) this.#caIds.set(ca, (id = ++this.#lastCaId));
      key += `#ca=${id}`;
    }
    return key;
  }

  #pool(key: string, origin: string, serverName: string | undefined, ca: readonly string[] | undefined): ConnectionPool {
    let pool = this.#pools.get(key);
    if (pool === undefined) {
      if (this.#closed) throw new Error('upstream pools are closed');
      pool = new ConnectionPool(origin, { tls: { serverName, ca } });
      this.#pools.set(key, pool);
    }
    return pool;
  }

  /** Let in-flight exchanges finish for up to `graceMs`, then cut whatever is left. */
  async close(graceMs = 2_000): Promise<void> {
    this.#closed = true;
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((pool) => pool.close(graceMs)));
  }
}
