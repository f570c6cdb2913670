import { resolve } from 'node:path';
import { loadDevIssuer } from '../server/index.js';

function seconds(value: unknown): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--expires-in ${String(value)}: expected a whole number of seconds`);
  return n;
}

function issuerUrl(value: unknown): string {
  const issuer = String(value);
  if (!/^https?:\/\/./.test(issuer))
    throw new Error(`--issuer ${issuer}: expected the authorizer's issuer URL, e.g. https://example.auth0.com/`);
  return issuer;
}

const SET_BY_FLAGS = new Set(['iss', 'aud', 'sub', 'exp', 'iat', 'scope']);

function claim(pair: string): [string, string] {
  const eq = pair.indexOf('=');
  if (eq <= 0) throw new Error(`--claim ${pair}: expected NAME=VALUE`);
  const name = pair.slice(0, eq);
  if (SET_BY_FLAGS.has(name))
    throw new Error(`--claim ${pair}: ${name} is set by its own flag (--issuer, --aud, --sub, --scope, --expires-in)`);
  return [name, pair.slice(eq + 1)];
}

/** `portico token`: a JWT from the development issuer of the project in `--dir` (the key is made on first use). */
export async function runToken(flags: Record<string, unknown>): Promise<void> {
  const claims = Object.fromEntries(((flags['claim'] as string[] | undefined) ?? []).map(claim));
  const { devIssuerKey, mintDevToken } = await loadDevIssuer();
  const key = await devIssuerKey(resolve(String(flags['dir'] ?? '.')));
  const token = await mintDevToken(key, {
    issuer: issuerUrl(flags['issuer']),
    audience: (flags['aud'] as string[] | undefined) ?? [],
    ...(typeof flags['scope'] === 'string' ? { scope: flags['scope'] } : {}),
    subject: String(flags['sub'] ?? 'portico-dev'),
    expiresInSeconds: seconds(flags['expiresIn'] ?? 3600),
    claims,
  });
  process.stdout.write(`${token}\n`);
}
