import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PORTICO_CLI, prepareFixture, routePath, routesFlags, startPortico } from '../lib/portico.mjs';
import { freePort, probe, startProcess, stopProcess } from '../lib/processes.mjs';

// The Terraform the benchmark serves must be what it claims: the seed through the VPC link with an
// access log, and N generated routes. Needs a built Portico (npm run build).
const WORK = join(import.meta.dirname, '..', '.work', 'test-fixtures');
let backend;
let backendUrl;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe.skipIf(!existsSync(PORTICO_CLI))('the benchmark fixtures, served by portico up', () => {
  beforeAll(async () => {
    const port = await freePort();
    backendUrl = `http://127.0.0.1:${port}`;
    backend = await startProcess('backend', [process.execPath, join(import.meta.dirname, '..', 'servers', 'backend.mjs'), String(port)], {
      ready: (out) => out.includes('listening'),
    });
  });
  afterAll(async () => {
    await stopProcess(backend);
    rmSync(WORK, { recursive: true, force: true });
  });

  it('seed: any path reaches the backend through the VPC link, and the access log gets a JSON line', async () => {
    const dir = prepareFixture(WORK, 'seed', undefined);
    const { proc, url } = await startPortico(
      'portico',
      { dir, apiPort: await freePort(), backendUrl, extraFlags: ['--account-rate', '1000000'] },
      { path: '/orders/42' },
    );
    try {
      expect(await probe(url)).toBe(200);
    } finally {
      await stopProcess(proc, 10_000);
    }
    const logs = files(join(dir, '.portico', 'logs')).filter((f) => f.endsWith('.log'));
    expect(logs).toHaveLength(1);
    const line = JSON.parse(readFileSync(logs[0], 'utf8').trim().split('\n')[0]);
    expect(line).toMatchObject({ httpMethod: 'GET', routeKey: '$default', status: '200', integrationStatus: '200' });
  });

  it('N routes: the middle route answers, and a path outside them is 404 (the $default route is gone)', async () => {
    const dir = prepareFixture(WORK, 'routes', 5);
    const apiPort = await freePort();
    const { proc } = await startPortico('portico', { dir, apiPort, backendUrl, extraFlags: [] }, { path: routePath(5) });
    try {
      expect(routePath(5)).toBe('/svc2/items/42');
      expect(await probe(`http://127.0.0.1:${apiPort}/svc4/items/1`)).toBe(200);
      expect(await probe(`http://127.0.0.1:${apiPort}/svc5/items/1`)).toBe(404);
      expect(await probe(`http://127.0.0.1:${apiPort}/orders/42`)).toBe(404);
    } finally {
      await stopProcess(proc, 10_000);
    }
  });

  it("N routes past AWS's quotas (300 routes, 300 integrations per API): raised routes quota, integrations shared", async () => {
    const dir = prepareFixture(WORK, 'routes-400', 400);
    expect(routesFlags(400)).toEqual(['--quota', 'routesPerApi=400']);
    expect(routesFlags(300)).toEqual([]);
    const apiPort = await freePort();
    const { proc } = await startPortico('portico', { dir, apiPort, backendUrl, extraFlags: routesFlags(400) }, { path: routePath(400) });
    try {
      // Route 350 goes through integration 350 mod 299 = 51; route 399 is the last one.
      expect(await probe(`http://127.0.0.1:${apiPort}/svc350/items/1`)).toBe(200);
      expect(await probe(`http://127.0.0.1:${apiPort}/svc399/items/1`)).toBe(200);
      expect(await probe(`http://127.0.0.1:${apiPort}/svc400/items/1`)).toBe(404);
    } finally {
      await stopProcess(proc, 10_000);
    }
  });
});
