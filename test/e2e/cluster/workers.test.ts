import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiGatewayV2Client, CreateApiCommand } from '@aws-sdk/client-apigatewayv2';
import { afterAll, describe, expect, it } from 'vitest';
import { type Portico, startPortico } from '../../../src/index.js';
import { postgresAvailable, redisAvailable, testRedisUrl, testSchema } from '../../support/services.js';
import { startUpstream, type Upstream } from '../../support/upstream.js';

const available = (await postgresAvailable()) && (await redisAvailable());
const ROOT = join(import.meta.dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'portico.js');

function sdk(endpoint: string): ApiGatewayV2Client {
  return new ApiGatewayV2Client({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
}

async function servedWithin(endpoint: string, apiId: string, limitMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    const response = await fetch(`${endpoint}/_aws/execute-api/${apiId}/hello`);
    await response.arrayBuffer();
    const elapsed = performance.now() - started;
    if (response.status === 200) return elapsed;
    if (elapsed > limitMs) throw new Error(`${endpoint} answers ${response.status} after ${Math.round(elapsed)} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A node of a cluster may itself run `--workers N`: its workers serve what any node writes. */
describe.skipIf(!available)('cluster mode: a node with --workers 2', () => {
  const schema = testSchema();
  let upstream: Upstream | undefined;
  let other: Portico | undefined;
  let stop: (() => Promise<unknown>) | undefined;
  afterAll(async () => {
    await stop?.();
    await other?.stop();
    await upstream?.close();
    await schema.drop();
  });

  it('serves through either worker what another node wrote, and its writes reach the other node', { timeout: 60_000 }, async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does)`);
    upstream = await startUpstream('backend');
    const redis = testRedisUrl();
    const child = spawn(
      process.execPath,
      [CLI, 'serve', '--port', '0', '--workers', '2', '--store', schema.url, '--redis', redis, '--node', 'multi', '--log-level', 'warn'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    stop = async () => {
      child.kill('SIGTERM');
      await exited;
    };
    let out = '';
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const endpoint = await new Promise<string>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /Portico is serving on (http:\/\/[0-9.]+:\d+)/.exec(out)?.[1];
        if (found && /pids /.test(out)) resolve(found);
      });
      void exited.then(() => reject(new Error(`portico exited: ${out}${err}`)));
    });
    other = await startPortico({ port: 0, store: schema.url, redis, node: 'single', logLevel: 'silent' });

    const fromOther = sdk(other.endpoint);
    const created = await fromOther.send(new CreateApiCommand({ Name: 'a', ProtocolType: 'HTTP', Target: `${upstream.url}/{proxy}` }));
    // Several requests: the kernel spreads connections over both workers.
    for (let i = 0; i < 6; i++) expect(await servedWithin(endpoint, created.ApiId ?? '', 1_000)).toBeLessThan(1_000);

    const fromMulti = sdk(endpoint);
    const back = await fromMulti.send(new CreateApiCommand({ Name: 'b', ProtocolType: 'HTTP', Target: `${upstream.url}/{proxy}` }));
    expect(await servedWithin(other.endpoint, back.ApiId ?? '', 1_000)).toBeLessThan(1_000);
    const health = (await (await fetch(`${endpoint}/_portico/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ready', store: { kind: 'postgres', connected: true }, throttling: 'shared' });
    fromOther.destroy();
    fromMulti.destroy();
  });
});
