import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portico, startPortico } from '../../src/server/index.js';
import { send } from '../support/http.js';
import { startUpstream, type Upstream } from '../support/upstream.js';
import { launchBrowser, seriousViolations } from './browser.js';

const SEED = join(import.meta.dirname, '..', '..', 'examples', 'seed');
const LISTENER = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:listener/app/my-load-balancer/50dc6c495c0c9188/0467ef3c8400ae65';

/** The console in real headless Chromium, over the seed's unchanged Terraform and a real upstream. */
describe("the console over the seed's Terraform", { timeout: 60_000 }, () => {
  let upstream: Upstream;
  let portico: Portico;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let apiBase: string;

  beforeAll(async () => {
    [upstream, browser] = await Promise.all([startUpstream(), launchBrowser()]);
    portico = await startPortico({ dir: SEED, port: 0, targets: { [LISTENER]: [upstream.url] }, state: ':memory:', logLevel: 'silent' });
    apiBase = `${portico.endpoint}/_aws/execute-api/${portico.apis[0]?.apiId ?? ''}`;
    // bypassCSP: only so that the axe-core check can inject its script.
    context = await browser.newContext({ bypassCSP: true });
    page = await context.newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await portico?.stop();
    await upstream?.close();
  });

  it('shows the API tree: stage URLs, the $default route, the VPC link and the --target it resolved to, the stand-ins with file:line', async () => {
    expect(portico.console).toBe(`${portico.endpoint}/_portico/`);
    await page.goto(`${portico.console}#/apis`);
    const stage = page.getByRole('region', { name: 'Stage $default' });
    await expect.poll(() => stage.locator('table.routes tbody tr').count()).toBe(1);
    const row = await stage.locator('table.routes tbody tr').innerText();
    expect(row).toContain('$default');
    expect(row).toContain(`HTTP_PROXY ${LISTENER} via VPC link`);
    expect(row).toContain(`→ ${upstream.url}`);
    expect(await stage.innerText()).toContain(`${apiBase}/`);
    const body = await page.locator('main').innerText();
    expect(body).toMatch(/module\.vpclink_sg\.this_security_group_id = "sg-[0-9a-f]+"/);
    expect(body).toMatch(/main\.tf:\d+/);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows a request sent by a plain HTTP client in the live table within 1 s: route, status, integration target', async () => {
    await page.goto(`${portico.console}#/live`);
    await page
      .getByText('0 of 0 requests')
      .or(page.getByText(/ of \d+ requests/))
      .first()
      .waitFor();
    await page.locator('table.requests').waitFor();
    // The event stream is open once the page has asked for the history (store.ts).
    await expect
      .poll(() => page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/api/requests'))))
      .toBe(true);
    const sent = Date.now();
    const reply = await send(`${apiBase}/orders/42?x=1`, {
      method: 'POST',
      body: '{"order":42}',
      headers: { 'content-type': 'application/json' },
    });
    expect(reply.status).toBe(200);
    const requestId = String(reply.headers['apigw-requestid']);
    const row = page.locator(`tr[data-request-id="${requestId}"]`);
    await row.waitFor({ timeout: 1000 });
    expect(Date.now() - sent).toBeLessThan(1000);
    expect(await row.locator('td.route').innerText()).toBe('$default');
    expect(await row.locator('td.status').innerText()).toBe('200');
    expect(await row.locator('td.target').innerText()).toBe(`${upstream.url}/orders/42?x=1`);

    // The detail: the integration request as sent upstream and the body both ways.
    await row.getByRole('link').click();
    const detail = page.getByRole('region', { name: 'Request detail' });
    await detail.waitFor();
    const text = await detail.innerText();
    expect(text).toContain(`POST ${upstream.url}/orders/42?x=1`);
    expect(text).toContain('{"order":42}');
    expect(text).toContain('x-forwarded-for: 127.0.0.1');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('filters the live table by status class', async () => {
    await send(`${apiBase}/missing-backend-is-fine`, { headers: { 'x-status': '404' } });
    await page.goto(`${portico.console}#/live`);
    await page.getByLabel('Status').selectOption('5xx');
    await expect.poll(() => page.locator('table.requests tbody tr').count()).toBe(0);
    await page.getByLabel('Status').selectOption('2xx');
    await expect.poll(() => page.locator('table.requests tbody tr').count()).toBeGreaterThan(0);
  });

  it('moves the metrics chart under load', async () => {
    await page.goto(`${portico.console}#/metrics`);
    const total = page.getByTestId('metrics-total');
    await total.waitFor();
    const before = Number(await total.innerText());
    const canvas = page.locator('figure.chart canvas').first();
    await canvas.waitFor();
    const pixelsBefore = await canvas.evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL());
    await Promise.all(Array.from({ length: 40 }, (_, i) => send(`${apiBase}/load/${i}`)));
    await expect.poll(async () => Number(await total.innerText()), { timeout: 5000 }).toBeGreaterThanOrEqual(before + 40);
    await expect
      .poll(() => canvas.evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL()), { timeout: 5000 })
      .not.toBe(pixelsBefore);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('sends a request from the Try it form and links it to the live table', async () => {
    await page.goto(`${portico.console}#/try`);
    await page.getByRole('combobox', { name: 'Method' }).selectOption('PUT');
    await page.getByRole('textbox', { name: 'Path' }).fill('/from-the-form');
    await page.getByRole('textbox', { name: 'Headers' }).fill('x-tried: yes');
    await page.getByRole('textbox', { name: 'Body' }).fill('hello');
    await page.getByRole('button', { name: 'Send' }).click();
    const answer = page.getByRole('region', { name: 'Response' });
    await expect.poll(() => answer.locator('.try-status').innerText()).toBe('200');
    const seen = upstream.seen.at(-1);
    expect(seen).toMatchObject({ method: 'PUT', url: '/from-the-form', body: 'hello' });
    expect(seen?.headers['x-tried']).toBe('yes');
    expect(await seriousViolations(page)).toEqual([]);
    await answer.getByRole('link', { name: 'See it in the live requests' }).click();
    const detail = page.getByRole('region', { name: 'Request detail' });
    await expect.poll(() => detail.innerText()).toContain('PUT /_aws/execute-api/');
  });

  it('has no serious accessibility violations in the dark theme, and the theme is kept', async () => {
    await page.goto(`${portico.console}#/live`);
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    // The page applies the theme in an effect, after the click's render: wait for it.
    await expect.poll(() => page.evaluate('document.documentElement.dataset.theme')).toBe('dark');
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${portico.console}#/apis`);
    await page.getByRole('region', { name: 'Stage $default' }).waitFor();
    await expect.poll(() => page.evaluate('document.documentElement.dataset.theme')).toBe('dark');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
