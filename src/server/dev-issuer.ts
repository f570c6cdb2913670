import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { JWK } from 'jose';

/**
 * Portico's development issuer: one RS256 key per project, kept in `.portico/dev-issuer.json`
 * (created on first use, readable by its owner only). `portico token` signs with it; a JWT
 * authorizer trusts it only for the issuers mapped to `dev` with `--jwks ISSUER=dev` (or
 * portico.json "jwks"), never on its own.
 */
export interface DevIssuerKey {
  readonly kid: string;
  readonly privateJwk: JWK;
  /** The public half, as a JWKS lists it (`kid`, `alg`, `use`). */
  readonly publicJwk: JWK;
}

export function devIssuerKeyFile(projectDir: string): string {
  return join(projectDir, '.portico', 'dev-issuer.json');
}

function publicHalf(privateJwk: JWK, kid: string): JWK {
  const { kty, n, e } = privateJwk;
  return { kty, n, e, kid, alg: 'RS256', use: 'sig' };
}

function readKey(file: string): DevIssuerKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: not a development issuer key (${(error as Error).message}); delete it and a new one is made`);
  }
  const jwk = parsed as JWK;
  if (jwk.kty !== 'RSA' || typeof jwk.d !== 'string' || typeof jwk.kid !== 'string')
    throw new Error(`${file}: not a development issuer key (expected an RSA private JWK with a kid); delete it and a new one is made`);
  return { kid: jwk.kid, privateJwk: jwk, publicJwk: publicHalf(jwk, jwk.kid) };
}

/** The project's development key, made now if there is none yet (two processes racing keep the first one written). */
export async function devIssuerKey(projectDir: string): Promise<DevIssuerKey> {
  const file = devIssuerKeyFile(projectDir);
  if (existsSync(file)) return readKey(file);
  // jose is an ES module only: imported where it is used, so the CLI's CommonJS bundle never require()s it.
  const { calculateJwkThumbprint, exportJWK, generateKeyPair } = await import('jose');
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const privateJwk = await exportJWK(privateKey);
  const kid = (await calculateJwkThumbprint(privateJwk)).slice(0, 16);
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${JSON.stringify({ ...privateJwk, kid, alg: 'RS256' })}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readKey(file);
}

export interface DevTokenRequest {
  readonly issuer: string;
  readonly audience: readonly string[];
  /** Space-separated, in the `scope` claim (what route authorization scopes are checked against). */
  readonly scope?: string;
  readonly subject: string;
  readonly expiresInSeconds: number;
  /** More claims (string values). */
  readonly claims?: Readonly<Record<string, string>>;
  /** Seconds since the epoch; default now. */
  readonly issuedAt?: number;
}

/** A token a JWT authorizer accepts for `issuer` when that issuer's keys are `dev`. */
export async function mintDevToken(key: DevIssuerKey, request: DevTokenRequest): Promise<string> {
  const { importJWK, SignJWT } = await import('jose');
  const issuedAt = request.issuedAt ?? Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = { ...request.claims };
  if (request.scope !== undefined && request.scope !== '') payload['scope'] = request.scope;
  const audience = request.audience.length === 1 ? request.audience[0]! : [...request.audience];
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setIssuer(request.issuer)
    .setAudience(audience)
    .setSubject(request.subject)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + request.expiresInSeconds)
    .sign(await importJWK(key.privateJwk, 'RS256'));
}
