import { spawn } from 'node:child_process';
import { cpSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { send } from '../../support/http.js';
import { alive, CLI, FIXTURE, ROOT, workersSuite, type WorkersJson } from './harness.js';

/** How the processes start, fail to start, are replaced and stop. */
describe('portico up --workers 2', () => {
  const suite = workersSuite();
  const { up, work } = suite;

  it('refuses to start, and leaves no process behind, when a worker cannot open a port or the configuration is broken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    const dir = join(work, 'taken');
    cpSync(FIXTURE, dir, { recursive: true });
    const child = spawn(
      process.execPath,
      [
        CLI,
        'up',
        dir,
        '--port',
        '0',
        '--workers',
        '2',
        '--state',
        ':memory:',
        '--api-port',
        String(port),
        '--var',
        `backend=${suite.backend.url}`,
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    taken.close();
    expect(code).toBe(1);
    expect(err).toMatch(new RegExp(`portico: .*EADDRINUSE.*${port}`));
    const pids = [...err.matchAll(/"pid":(\d+)/g)].map((m) => Number(m[1]));
    expect(pids.length).toBeGreaterThan(0);
    expect(pids.filter(alive)).toEqual([]);
    // A broken configuration is the primary's to refuse, at its file:line, with the workers stopped.
    const broken = spawn(
      process.execPath,
      [CLI, 'up', dir, '--port', '0', '--workers', '2', '--state', ':memory:', '--log-level', 'silent'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let brokenErr = '';
    broken.stderr?.on('data', (chunk: Buffer) => (brokenErr += chunk.toString()));
    expect(await new Promise<number | null>((resolve) => broken.once('exit', resolve))).toBe(1);
    expect(brokenErr).toMatch(/^portico: main\.tf:\d+: No value for required variable "backend"/m);
  });

  it('replaces a worker that dies while the other keeps serving, and lets in-flight requests finish on SIGTERM', async () => {
    const { cli } = await up('replace', ['--state', ':memory:', '--log-level', 'info']);
    const base = `${cli.endpoint}/_aws/execute-api/${cli.apiId}`;
    const [victim, survivor] = cli.pids as [number, number];
    process.kill(victim, 'SIGKILL');
    await cli.untilStderr(new RegExp(`"event":"worker-exited","pid":${victim}`));
    for (let i = 0; i < 6; i++) expect((await send(`${base}/orders/${i}`)).status).toBe(200);
    const ready = await cli.untilStderr(/"event":"worker-ready","pid":(\d+)/);
    const replacement = Number(ready[1]);
    expect(replacement).not.toBe(victim);
    const metrics = (await send(`${cli.endpoint}/_portico/metrics.json`)).json<WorkersJson>();
    expect(metrics.workers.map((w) => w.pid).sort()).toEqual([survivor, replacement].sort());
    expect(alive(victim)).toBe(false);

    // Stopping: a request already at the backend is answered before the processes end.
    const seen = suite.backend.seen.length;
    const slow = send(`${base}/orders/slow?delay=400`);
    while (suite.backend.seen.length === seen) await new Promise((resolve) => setImmediate(resolve));
    cli.child.kill('SIGTERM');
    const reply = await slow;
    expect([reply.status, reply.body]).toEqual([200, 'backend /slow?delay=400']);
    expect(await cli.exited).toBe(0);
    expect([survivor, replacement].filter(alive)).toEqual([]);
  });
});
