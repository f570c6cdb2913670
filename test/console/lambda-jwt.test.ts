import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/model/index.js';
import { type Portico, startPortico } from '../../src/server/index.js';
import { send } from '../support/http.js';
import { startJwksIssuer, type JwksIssuer } from '../support/jwks-issuer.js';
import { launchBrowser, seriousViolations } from './browser.js';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'lambda-jwt');
const KEYS = { accessKeyId: 'AKIDPORTICOCONSOLE', secretAccessKey: 'portico-console-secret' };

/** The console over examples/lambda-jwt, started with --auth: sign-in, the API tree, an authorizer's refusal. */
describe('the console over examples/lambda-jwt with --auth', { timeout: 60_000 }, () => {
  const clock = new ManualClock(Date.now());
  let issuer: JwksIssuer;
  let portico: Portico;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    [issuer, browser] = await Promise.all([startJwksIssuer(() => clock.now()), launchBrowser()]);
    await issuer.addKey('key-1');
    portico = await startPortico({
      dir: EXAMPLE,
      port: 0,
      state: ':memory:',
      logLevel: 'silent',
      clock,
      vars: { jwt_issuer: issuer.url },
      credentials: [KEYS],
    });
    base = `${portico.endpoint}/_aws/execute-api/${portico.apis[0]?.apiId ?? ''}`;
    page = await (await browser.newContext({ bypassCSP: true })).newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await portico?.stop();
    await issuer?.close();
  });

  it('refuses the JSON API and the event stream without credentials, and accepts HTTP Basic ones', async () => {
    for (const path of ['apis', 'requests', 'events', 'metrics', 'logs']) {
      const reply = await send(`${portico.console}api/${path}`);
      expect(reply.status, path).toBe(401);
      expect(reply.headers['www-authenticate']).toBe('Basic realm="portico"');
    }
    const basic = `Basic ${Buffer.from(`${KEYS.accessKeyId}:${KEYS.secretAccessKey}`).toString('base64')}`;
    expect((await send(`${portico.console}api/apis`, { headers: { authorization: basic } })).status).toBe(200);
    const wrong = `Basic ${Buffer.from(`${KEYS.accessKeyId}:nope`).toString('base64')}`;
    expect((await send(`${portico.console}api/apis`, { headers: { authorization: wrong } })).status).toBe(401);
  });

  it('asks for credentials, says when they are wrong, and shows the console once they are right', async () => {
    await page.goto(`${portico.console}#/apis`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Access key ID').fill(KEYS.accessKeyId);
    await page.getByLabel('Secret access key').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('not among those configured by --auth');
    await page.getByLabel('Secret access key').fill(KEYS.secretAccessKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'APIs' }).waitFor();
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'portico_console')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/_portico' });
  });

  it('shows the API tree: routes in match order, Lambda functions, authorizers with their scopes', async () => {
    await page.goto(`${portico.console}#/apis`);
    const stage = page.getByRole('region', { name: 'Stage $default' });
    await stage.locator('table.routes tbody tr').first().waitFor();
    const keys = await stage.locator('table.routes tbody tr td:first-child code').allInnerTexts();
    // Whole-path routes before greedy ones (longest prefix first), $default (if any) last.
    const firstGreedy = keys.findIndex((k) => k.includes('+}'));
    expect(firstGreedy).toBeGreaterThan(0);
    expect(keys.slice(firstGreedy).every((k) => k.includes('+}') || k === '$default')).toBe(true);
    expect(keys).toEqual(expect.arrayContaining(['GET /me', 'GET /admin', 'ANY /public/{proxy+}']));
    const admin = await stage.locator('tr', { has: page.locator('code', { hasText: /^GET \/admin$/ }) }).innerText();
    expect(admin).toMatch(/AWS_PROXY arn:aws:apigateway:[a-z0-9-]+:lambda:path\/2015-03-31\/functions\/arn:aws:lambda:.*:function:/);
    expect(admin).toMatch(/Terraform stand-in \(main\.tf:\d+\)/);
    expect(admin).toContain('JWT');
    expect(admin).toContain('scopes: admin');
    expect(await stage.innerText()).toContain(issuer.url);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("shows the JWT authorizer's reason for a 403, and masks the bearer token", async () => {
    await page.goto(`${portico.console}#/live`);
    await expect
      .poll(() => page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/api/requests'))))
      .toBe(true);
    const token = await issuer.sign('key-1', { sub: 'ada', scope: 'read' });
    const denied = await send(`${base}/admin`, { headers: { authorization: `Bearer ${token}` } });
    expect(denied.status).toBe(403);
    const row = page.locator(`tr[data-request-id="${String(denied.headers['apigw-requestid'])}"]`);
    await row.waitFor({ timeout: 1000 });
    expect(await row.locator('td.status').innerText()).toBe('403');
    expect(await row.locator('td.route').innerText()).toBe('GET /admin');
    const auth = await row.locator('td.auth').innerText();
    expect(auth).toMatch(/^jwt: denied \(.*scope.*\)$/i);
    await row.getByRole('link').click();
    const detail = page.getByRole('region', { name: 'Request detail' });
    await detail.waitFor();
    const text = await detail.innerText();
    expect(text).toMatch(/jwt: denied — .*scope/i);
    expect(text).toContain('authorization: Bearer ****');
    expect(text).not.toContain(token);
  });

  it('shows a Lambda event and the function console output', async () => {
    await page.goto(`${portico.console}#/live`);
    await expect
      .poll(() => page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/api/requests'))))
      .toBe(true);
    const reply = await send(`${base}/public/items?a=1`);
    expect(reply.status).toBe(200);
    const row = page.locator(`tr[data-request-id="${String(reply.headers['apigw-requestid'])}"]`);
    await row.waitFor({ timeout: 1000 });
    expect(await row.locator('td.target').innerText()).toBe('function portico-example-api');
    await row.getByRole('link').click();
    const detail = page.getByRole('region', { name: 'Request detail' });
    await expect.poll(() => detail.innerText()).toContain('"rawQueryString": "a=1"');
    // The function's console.log, tailed on the Logs page with its Lambda request id.
    await page.getByRole('link', { name: 'Logs' }).click();
    const line = page.locator('ol.log li.function', { hasText: 'handling GET /public/items' });
    await line.waitFor();
    expect(await line.innerText()).toContain('portico-example-api');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
