#!/usr/bin/env node
// `npm run screenshots`: the console's pages in light and dark, taken in headless Chromium
// (playwright-core driving /usr/bin/chromium) over examples/lambda-jwt with some traffic, for docs/console.md.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startPortico } from '../dist/index.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(REPO, 'docs', 'console');
const PAGES = ['apis', 'live', 'metrics', 'logs', 'try'];

const portico = await startPortico({ dir: join(REPO, 'examples', 'lambda-jwt'), port: 0, state: ':memory:', logLevel: 'silent' });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const base = `${portico.endpoint}/_aws/execute-api/${portico.apis[0]?.apiId ?? ''}`;
  const traffic = async (rounds) => {
    for (let i = 0; i < rounds; i++) {
      await Promise.all([
        fetch(`${base}/public/items?page=${i}`),
        fetch(`${base}/v1/things/${i}`),
        fetch(`${base}/public/hello`),
        fetch(`${base}/orders/${i}`, { headers: { 'x-api-key': 'let-me-in' } }),
        fetch(`${base}/orders/${i}`, { headers: { 'x-api-key': 'wrong' } }),
        fetch(`${base}/me`, { headers: { authorization: 'Bearer not-a-token' } }),
        i % 5 === 0 ? fetch(`${base}/public/throw`) : Promise.resolve(),
        i % 7 === 0 ? fetch(`${base}/nowhere`) : Promise.resolve(),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  };
  mkdirSync(OUT, { recursive: true });
  for (const theme of ['light', 'dark']) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: theme });
    await context.addInitScript((t) => globalThis.localStorage.setItem('portico-theme', t), theme);
    const page = await context.newPage();
    // The live view is open (the event stream) while the traffic flows, so every page has something to show.
    await page.goto(`${portico.console}#/live`);
    await page.locator('table.requests').waitFor();
    await traffic(20);
    for (const name of PAGES) {
      await page.goto(`${portico.console}#/${name}`);
      if (name === 'live') {
        const denied = page.locator('table.requests tbody tr', { hasText: '403' }).first();
        await denied.getByRole('link').click();
        await page.getByRole('region', { name: 'Request detail' }).waitFor();
      }
      if (name === 'metrics') await page.locator('figure.chart canvas').first().waitFor();
      if (name === 'try') {
        await page.getByRole('textbox', { name: 'Path' }).fill('/public/hello');
        await page.getByRole('button', { name: 'Send' }).click();
        await page.getByRole('region', { name: 'Response' }).waitFor();
      }
      if (name === 'apis') await page.locator('table.routes').first().waitFor();
      await page.screenshot({ path: join(OUT, `${name}-${theme}.png`) });
      process.stdout.write(`docs/console/${name}-${theme}.png\n`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await portico.stop();
}
