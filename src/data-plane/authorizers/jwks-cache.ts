import type { importJWK, JWK } from 'jose';
import { loadJose } from './load-jose.js';
import type { Clock } from '../../model/index.js';

type VerificationKey = Awaited<ReturnType<typeof importJWK>>;

/**
 * Where an issuer's keys come from instead of its OIDC discovery (`--jwks`, portico.json "jwks"):
 * a JWKS URL fetched directly, or the keys themselves. Plain values, so they cross to `--workers`.
 */
export type JwksSource = { readonly jwksUri: string } | { readonly keys: readonly Readonly<Record<string, unknown>>[] };

export interface JwksCacheOptions {
  readonly clock: Clock;
  /** Issuers (without trailing slashes) whose keys come from a given source rather than discovery. */
  readonly sources?: Readonly<Record<string, JwksSource>>;
  /** Discovery and JWKS requests each give up after this long (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html: 1,500 ms). */
  readonly timeoutMs?: number;
  /** Keys are fetched again after this long (AWS documents no lifetime; jose's default, 10 minutes). */
  readonly maxAgeMs?: number;
  /** An unknown `kid` fetches the keys again, but at most this often per issuer (30 s, jose's cooldown). */
  readonly refetchAfterMs?: number;
  /** JWKS documents are at most 150,000 bytes (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html). */
  readonly maxBytes?: number;
}

export type KeyLookup = { ok: true; key: VerificationKey } | { ok: false; problem: string };

interface IssuerKeys {
  keys: Map<string, JWK>;
  imported: Map<string, VerificationKey>;
  fetchedAt: number;
  inflight: Promise<void> | undefined;
  lastProblem: string | undefined;
}

async function fetchJson(url: string, timeoutMs: number, maxBytes: number): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const text = await response.text();
  if (Buffer.byteLength(text) > maxBytes) throw new Error(`${url} is larger than ${maxBytes} bytes`);
  return JSON.parse(text) as unknown;
}

/**
 * Signing keys by issuer: found through OIDC discovery (`{issuer}/.well-known/openid-configuration`
 * → `jwks_uri`, https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html), cached, and fetched again when a token names a
 * key the cache lacks (key rotation), rate-limited so unknown `kid`s cannot make Portico hammer the issuer.
 */
export class JwksCache {
  readonly #issuers = new Map<string, IssuerKeys>();
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #maxAgeMs: number;
  readonly #refetchAfterMs: number;
  readonly #maxBytes: number;
  readonly #sources: ReadonlyMap<string, JwksSource>;

  constructor(options: JwksCacheOptions) {
    this.#clock = options.clock;
    this.#sources = new Map(Object.entries(options.sources ?? {}).map(([issuer, source]) => [withoutTrailingSlash(issuer), source]));
    this.#timeoutMs = options.timeoutMs ?? 1_500;
    this.#maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    this.#refetchAfterMs = options.refetchAfterMs ?? 30_000;
    this.#maxBytes = options.maxBytes ?? 150_000;
  }

  async key(issuer: string, kid: string, alg: string): Promise<KeyLookup> {
    let entry = this.#issuers.get(issuer);
    const now = this.#clock.now();
    if (entry === undefined || now - entry.fetchedAt > this.#maxAgeMs) entry = await this.#refresh(issuer);
    else if (!entry.keys.has(kid) && now - entry.fetchedAt >= this.#refetchAfterMs) entry = await this.#refresh(issuer);
    const jwk = entry.keys.get(kid);
    if (jwk === undefined) return { ok: false, problem: entry.lastProblem ?? `the issuer publishes no key with kid "${kid}"` };
    let key = entry.imported.get(`${kid}/${alg}`);
    if (key === undefined) {
      try {
        key = await (await loadJose()).importJWK(jwk, alg);
      } catch (error) {
        return { ok: false, problem: `key "${kid}" cannot verify ${alg}: ${(error as Error).message}` };
      }
      entry.imported.set(`${kid}/${alg}`, key);
    }
    return { ok: true, key };
  }

  /** One fetch per issuer at a time; a failed fetch keeps the keys already known. */
  async #refresh(issuer: string): Promise<IssuerKeys> {
    let entry = this.#issuers.get(issuer);
    if (entry === undefined) {
      entry = { keys: new Map(), imported: new Map(), fetchedAt: Number.NEGATIVE_INFINITY, inflight: undefined, lastProblem: undefined };
      this.#issuers.set(issuer, entry);
    }
    const current = entry;
    current.inflight ??= this.#fetchKeys(issuer)
      .then(
        (keys) => {
          current.keys = keys;
          current.imported = new Map();
          current.lastProblem = undefined;
        },
        (error: unknown) => {
          current.lastProblem = `the issuer's keys could not be fetched: ${(error as Error).message}`;
        },
      )
      .finally(() => {
        current.fetchedAt = this.#clock.now();
        current.inflight = undefined;
      });
    await current.inflight;
    return current;
  }

  async #fetchKeys(issuer: string): Promise<Map<string, JWK>> {
    const source = this.#sources.get(withoutTrailingSlash(issuer));
    if (source !== undefined && 'keys' in source) return keyMap(source.keys as JWK[]);
    const jwksUri = source?.jwksUri ?? (await this.#discoverJwksUri(issuer));
    const jwks = (await fetchJson(jwksUri, this.#timeoutMs, this.#maxBytes)) as { keys?: unknown } | null;
    if (!Array.isArray(jwks?.keys)) throw new Error(`${jwksUri} is not a JWK set`);
    return keyMap(jwks.keys as JWK[]);
  }

  async #discoverJwksUri(issuer: string): Promise<string> {
    const discovery = await fetchJson(`${withoutTrailingSlash(issuer)}/.well-known/openid-configuration`, this.#timeoutMs, this.#maxBytes);
    const jwksUri = (discovery as { jwks_uri?: unknown } | null)?.jwks_uri;
    if (typeof jwksUri !== 'string') throw new Error('the discovery document has no jwks_uri');
    return jwksUri;
  }
}

function withoutTrailingSlash(issuer: string): string {
  return issuer.replace(/\/+$/, '');
}

function keyMap(keys: readonly JWK[]): Map<string, JWK> {
  const map = new Map<string, JWK>();
  for (const key of keys) if (typeof key.kid === 'string') map.set(key.kid, key);
  return map;
}
