import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiGatewayV2Client, CreateApiCommand, GetApiCommand } from '@aws-sdk/client-apigatewayv2';
import { afterAll, describe, expect, it } from 'vitest';
import { type Portico, startPortico } from '../../../src/index.js';
import { postgresAvailable, testSchema } from '../../support/services.js';

const available = await postgresAvailable();
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

/** A node as an operator runs it: `portico serve --store …`, a process of its own that the test SIGKILLs. */
function startNode(store: string): Promise<{ endpoint: string; kill: () => void; exited: Promise<unknown> }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does)`);
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--store', store, '--node', 'doomed', '--log-level', 'warn'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const endpoint = /Portico is serving on (http:\/\/[0-9.]+:\d+)/.exec(out)?.[1];
      if (endpoint) resolve({ endpoint, kill: () => child.kill('SIGKILL'), exited });
    });
    void exited.then(() => reject(new Error(`portico exited before serving: ${out}${err}`)));
  });
}

describe.skipIf(!available)('cluster mode: a node killed in the middle of writes', () => {
  const schema = testSchema();
  let survivor: Portico | undefined;
  afterAll(async () => {
    await survivor?.stop();
    await schema.drop();
  });

  it('loses no acknowledged write: every API it answered for is there for the other nodes', { timeout: 60_000 }, async () => {
    const doomed = await startNode(schema.url);
    const client = sdk(doomed.endpoint);
    const acknowledged: string[] = [];
    let failed = 0;
    // Four writers in a row each; the node dies once some writes were answered, others under way.
    const writer = async (w: number) => {
      for (let i = 0; i < 200; i++) {
        try {
          const created = await client.send(new CreateApiCommand({ Name: `w${w}-${i}`, ProtocolType: 'HTTP' }));
          acknowledged.push(created.ApiId ?? '');
          if (acknowledged.length === 40) doomed.kill();
        } catch {
          failed++;
          return;
        }
      }
    };
    await Promise.all([0, 1, 2, 3].map(writer));
    await doomed.exited;
    client.destroy();
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    expect(failed).toBeGreaterThan(0);

    survivor = await startPortico({ port: 0, store: schema.url, node: 'survivor', logLevel: 'silent' });
    const reader = sdk(survivor.endpoint);
    const missing: string[] = [];
    for (const apiId of acknowledged) await reader.send(new GetApiCommand({ ApiId: apiId })).catch(() => void missing.push(apiId));
    reader.destroy();
    expect(missing).toEqual([]);
  });
});
