import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { JwksSource } from '../data-plane/index.js';

/**
 * `--jwks ISSUER=URL|FILE|dev` and portico.json "jwks": where a JWT authorizer's issuer gets its
 * keys on this machine instead of the issuer's OIDC discovery, so Terraform naming a real issuer
 * (Cognito, Auth0, …) runs unchanged: a JWKS URL, a JWKS file, or `dev` for Portico's development
 * issuer (`portico token` mints its tokens).
 */
export type JwksSpecs = Readonly<Record<string, string>>;

/** `ISSUER=URL|FILE|dev`: the issuer is everything before the first `=` (issuers have none). */
export function parseJwksOption(value: string): [string, string] {
  const eq = value.indexOf('=');
  if (eq <= 0 || eq === value.length - 1)
    throw new Error(
      `--jwks ${value}: expected ISSUER=URL, ISSUER=FILE or ISSUER=dev, e.g. https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc=dev`,
    );
  return [value.slice(0, eq), value.slice(eq + 1)];
}

/** portico.json "jwks": an object of issuer → URL, file or "dev". */
export function checkProjectJwks(file: string, value: unknown): JwksSpecs | undefined {
  if (value === undefined) return undefined;
  if (
    !value ||
    typeof value !== 'object' ||
    Array.isArray(value) ||
    Object.values(value).some((spec) => typeof spec !== 'string' || spec === '')
  )
    throw new Error(`${file}: "jwks" must map JWT issuers to a JWKS URL, a JWKS file or "dev", like --jwks`);
  return value as JwksSpecs;
}

function readJwksFile(path: string, givenAs: string): JwksSource {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${givenAs}: cannot read the JWKS file ${path}: ${(error as Error).message}`);
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.some((key) => !key || typeof key !== 'object'))
    throw new Error(`${givenAs}: ${path} is not a JWK set (expected {"keys": [ … ]})`);
  return { keys: keys as Record<string, unknown>[] };
}

/**
 * Each issuer's source, files read now (relative to `baseDir`) and the development key made if
 * `dev` asks for it (kept in `projectDir`/.portico). Problems name where the value was given.
 */
export async function resolveJwksSources(
  specs: JwksSpecs,
  where: { readonly baseDir: string; readonly projectDir: string; readonly givenAs: string },
): Promise<Record<string, JwksSource>> {
  const sources: Record<string, JwksSource> = {};
  for (const [issuer, spec] of Object.entries(specs)) {
    const givenAs = `${where.givenAs} ${issuer}=${spec}`;
    if (spec === 'dev') {
      // Loaded only when asked for: jose is not part of every start-up.
      const { devIssuerKey } = await import('./dev-issuer.js');
      sources[issuer] = { keys: [(await devIssuerKey(where.projectDir)).publicJwk as Record<string, unknown>] };
    } else if (/^https?:\/\//.test(spec)) sources[issuer] = { jwksUri: spec };
    else sources[issuer] = readJwksFile(resolve(where.baseDir, spec), givenAs);
  }
  return sources;
}
