import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/model/index.js';
import { type Portico, startPortico } from '../../src/server/index.js';
import { send } from '../support/http.js';
import { startJwksIssuer, type JwksIssuer } from '../support/jwks-issuer.js';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'lambda-jwt');

/** Authorizer, identity and Lambda integration variables (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html). */
const FORMAT = [
  '$context.routeKey $context.status',
  'is=$context.integrationStatus i.s=$context.integration.status',
  'user=$context.authorizer.user inv=$context.authorizer.invocations pid=$context.authorizer.principalId tier=$context.authorizer.tier',
  'sub=$context.authorizer.claims.sub claims=$context.authorizer.claims err=$context.authorizer.error acct=$context.identity.accountId',
].join(' ');

/** The lambda-jwt example with an access log on its $default stage, as a team would add one. */
function exampleWithAccessLog(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portico-authorizer-log-'));
  cpSync(EXAMPLE, dir, { recursive: true, filter: (source) => !source.includes(`${join(EXAMPLE, 'build')}`) });
  const main = join(dir, 'main.tf');
  const stage = '  name        = "$default"\n  auto_deploy = true\n';
  const text = readFileSync(main, 'utf8');
  if (!text.includes(stage)) throw new Error('the example stage changed: update this test');
  writeFileSync(
    main,
    text.replace(
      stage,
      `${stage}\n  access_log_settings {\n    destination_arn = "arn:aws:logs:eu-west-1:000000000000:log-group:authorizers"\n` +
        `    format          = ${JSON.stringify(FORMAT)}\n  }\n` +
        // GET /admin (a JWT route) throttled to nothing; route settings need the routes to exist first.
        `  route_settings {\n    route_key              = "GET /admin"\n    throttling_rate_limit  = 0\n    throttling_burst_limit = 0\n  }\n` +
        `  depends_on = [aws_apigatewayv2_route.routes]\n`,
    ),
  );
  return dir;
}

describe('access logs of authorized routes and Lambda integrations', () => {
  const clock = new ManualClock(Date.now());
  let issuer: JwksIssuer;
  let portico: Portico;
  let dir: string;
  let base: string;

  beforeAll(async () => {
    issuer = await startJwksIssuer(() => clock.now());
    await issuer.addKey('key-1');
    dir = exampleWithAccessLog();
    portico = await startPortico({ dir, port: 0, state: ':memory:', logLevel: 'silent', clock, vars: { jwt_issuer: issuer.url } });
    base = `${portico.endpoint}/_aws/execute-api/${portico.apis[0]?.apiId ?? ''}`;
  });

  afterAll(async () => {
    await portico?.stop();
    await issuer?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('throttles before the authorizer runs: a throttled JWT route never asks the issuer for its keys', async () => {
    const token = await issuer.sign('key-1', { sub: 'ada', scope: 'admin' });
    const reply = await send(`${base}/admin`, { headers: { authorization: `Bearer ${token}` } });
    expect(reply.status).toBe(429);
    expect(reply.json()).toEqual({ message: 'Too Many Requests' });
    expect(issuer.fetches).toEqual({ discovery: 0, jwks: 0 });
  });

  it("renders $context.authorizer.* of Lambda and JWT authorizers, and Lambda's status apart from the function's", async () => {
    const token = await issuer.sign('key-1', { sub: 'ada' });
    const statuses = [
      (await send(`${base}/orders/1`, { headers: { 'x-api-key': 'let-me-in' } })).status,
      (await send(`${base}/reports/1`, { headers: { 'x-api-key': 'let-me-in' } })).status,
      (await send(`${base}/me`, { headers: { authorization: `Bearer ${token}` } })).status,
      (await send(`${base}/public/throw`)).status,
      (await send(`${base}/me`)).status,
    ];
    expect(statuses).toEqual([200, 200, 200, 500, 401]);
    await portico.flushAccessLogs();
    const lines = readFileSync(join(dir, '.portico', 'logs', 'authorizers.log'), 'utf8')
      .split('\n')
      .filter(Boolean);
    expect(lines).toEqual([
      'GET /admin 429 is=- i.s=- user=- inv=- pid=- tier=- sub=- claims=- err=- acct=-',
      'GET /orders/{id} 200 is=200 i.s=200 user=ada inv=1 pid=- tier=- sub=- claims=- err=- acct=-',
      'GET /reports/{id} 200 is=200 i.s=200 user=- inv=- pid=user-ada tier=gold sub=- claims=- err=- acct=-',
      'GET /me 200 is=200 i.s=200 user=- inv=- pid=- tier=- sub=ada claims=- err=- acct=-',
      // The function threw: Lambda itself answered 200 and the function returned no status of its own,
      // so integration.status shows Lambda's (AWS does not document this case).
      'ANY /public/{proxy+} 500 is=200 i.s=200 user=- inv=- pid=- tier=- sub=- claims=- err=- acct=-',
      expect.stringMatching(/^GET \/me 401 is=- i\.s=- user=- inv=- pid=- tier=- sub=- claims=- err=\S.* acct=-$/),
    ]);
  });
});
