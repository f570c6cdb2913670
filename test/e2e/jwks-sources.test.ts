import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portico, startPortico } from '../../src/server/index.js';
import { send } from '../support/http.js';
import { startJwksIssuer, type JwksIssuer } from '../support/jwks-issuer.js';

const ROOT = join(import.meta.dirname, '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'lambda-jwt');
const CLI = join(ROOT, 'dist', 'cli', 'portico.js');
/** What the Terraform names: an issuer this machine cannot (and must not) reach. */
const COGNITO = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123';
const run = promisify(execFile);

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A copy of the lambda-jwt example, so each case keeps its own portico.json and .portico/. */
function copyExample(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portico-jwks-'));
  cpSync(EXAMPLE, dir, { recursive: true, filter: (source) => !source.includes(`${EXAMPLE}/.portico`) && !source.includes('/build') });
  return dir;
}

/** Issue #14 item 5: JWT issuers named in Terraform, tested locally with their keys from elsewhere. */
describe('JWT issuers pointed at local keys', () => {
  let issuer: JwksIssuer;
  const dirs: string[] = [];
  const porticos: Portico[] = [];

  beforeAll(async () => {
    issuer = await startJwksIssuer(() => Date.now());
    await issuer.addKey('key-1');
  });
  afterAll(async () => {
    for (const portico of porticos) await portico.stop();
    await issuer.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function start(dir: string, options: { jwks?: Record<string, string> } = {}): Promise<string> {
    const portico = await startPortico({ dir, port: 0, state: ':memory:', logLevel: 'silent', vars: { jwt_issuer: COGNITO }, ...options });
    porticos.push(portico);
    return `${portico.endpoint}/_aws/execute-api/${portico.apis[0]?.apiId ?? ''}`;
  }

  it('--jwks ISSUER=dev trusts `portico token` for that issuer only, with its audience and scopes checked', async () => {
    const dir = copyExample();
    dirs.push(dir);
    const base = await start(dir, { jwks: { [COGNITO]: 'dev' } });
    const token = async (...args: string[]) =>
      (await run(process.execPath, [CLI, 'token', '--dir', dir, '--issuer', COGNITO, ...args])).stdout.trim();

    const reader = await token('--aud', 'portico-example', '--scope', 'read', '--sub', 'ada', '--claim', 'email=ada@example.com');
    const me = await send(`${base}/me`, { headers: bearer(reader) });
    expect(me.status).toBe(200);
    const { event } = me.json<{
      event: { requestContext: { authorizer: { jwt: { claims: Record<string, string>; scopes: string[] } } } };
    }>();
    expect(event.requestContext.authorizer.jwt.claims).toMatchObject({
      iss: COGNITO,
      sub: 'ada',
      aud: 'portico-example',
      email: 'ada@example.com',
    });
    expect(event.requestContext.authorizer.jwt.scopes).toEqual(['read']);
    expect((await send(`${base}/admin`, { headers: bearer(reader) })).status).toBe(403);
    expect((await send(`${base}/admin`, { headers: bearer(await token('--aud', 'portico-example', '--scope', 'admin')) })).status).toBe(
      200,
    );
    expect((await send(`${base}/me`, { headers: bearer(await token('--aud', 'someone-else')) })).status).toBe(401);
    // The development key signs for no issuer that was not mapped to it.
    const other = (
      await run(process.execPath, [CLI, 'token', '--dir', dir, '--issuer', issuer.url, '--aud', 'portico-example'])
    ).stdout.trim();
    expect((await send(`${base}/me`, { headers: bearer(other) })).status).toBe(401);
  }, 60_000);

  it('--jwks ISSUER=URL fetches that JWKS, without OIDC discovery at the issuer', async () => {
    const base = await start(EXAMPLE, { jwks: { [COGNITO]: `${issuer.url}/jwks.json` } });
    const token = await issuer.sign('key-1', { sub: 'ada', scope: 'admin' }, { issuer: COGNITO });
    expect((await send(`${base}/admin`, { headers: bearer(token) })).status).toBe(200);
    expect(issuer.fetches.discovery).toBe(0);
    expect(issuer.fetches.jwks).toBeGreaterThan(0);
  });

  it('portico.json "jwks" reads a JWKS file relative to the directory', async () => {
    const dir = copyExample();
    dirs.push(dir);
    const jwks = (await fetch(`${issuer.url}/jwks.json`).then((reply) => reply.json())) as unknown;
    mkdirSync(join(dir, 'keys'));
    writeFileSync(join(dir, 'keys', 'jwks.json'), JSON.stringify(jwks));
    writeFileSync(join(dir, 'portico.json'), JSON.stringify({ jwks: { [COGNITO]: 'keys/jwks.json' } }));
    const base = await start(dir);
    expect((await send(`${base}/me`, { headers: bearer(await issuer.sign('key-1', { sub: 'ada' }, { issuer: COGNITO })) })).status).toBe(
      200,
    );
    expect((await send(`${base}/me`, { headers: bearer(await issuer.sign('key-1', { sub: 'ada' })) })).status).toBe(401);
  });

  it('a bad source is refused at start-up, naming where it was given', async () => {
    const dir = copyExample();
    dirs.push(dir);
    writeFileSync(join(dir, 'portico.json'), JSON.stringify({ jwks: { [COGNITO]: 'keys/missing.json' } }));
    await expect(start(dir)).rejects.toThrow(
      /portico\.json "jwks" https:\/\/cognito-idp.*: cannot read the JWKS file .*keys\/missing\.json/,
    );
    writeFileSync(join(dir, 'portico.json'), JSON.stringify({ jwks: [COGNITO] }));
    await expect(start(dir)).rejects.toThrow(/"jwks" must map JWT issuers to a JWKS URL, a JWKS file or "dev"/);
    const cli = await run(process.execPath, [CLI, 'up', dir, '--port', '0', '--jwks', 'dev']).then(
      () => '',
      (error: { stderr: string }) => error.stderr,
    );
    expect(cli).toContain('--jwks dev: expected ISSUER=URL, ISSUER=FILE or ISSUER=dev');
  }, 30_000);
});
