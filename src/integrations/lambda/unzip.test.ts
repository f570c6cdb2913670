import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeZip } from '../../../test/support/zip.js';
import { LambdaRuntime } from './lambda-runtime.js';
import { extractZip, unpackDeploymentPackage } from './unzip.js';

const work = mkdtempSync(join(tmpdir(), 'portico-zip-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('deployment packages (zip)', () => {
  it('unpacks stored and deflated entries, nested folders included, once per distinct archive', () => {
    const zip = join(work, 'fn.zip');
    writeFileSync(zip, makeZip({ 'index.mjs': 'export const handler = async () => 1;', 'lib/util.txt': 'x'.repeat(5000) }));
    const first = unpackDeploymentPackage(zip, join(work, 'cache'));
    expect(readFileSync(join(first, 'lib', 'util.txt'), 'utf8')).toBe('x'.repeat(5000));
    expect(unpackDeploymentPackage(zip, join(work, 'cache'))).toBe(first);
    const stored = join(work, 'stored.zip');
    writeFileSync(stored, makeZip({ 'a.txt': 'plain' }, 0));
    expect(readFileSync(join(unpackDeploymentPackage(stored, join(work, 'cache')), 'a.txt'), 'utf8')).toBe('plain');
  });

  it('refuses entries that escape the target and files that are not zips', () => {
    expect(() => extractZip(makeZip({ '../evil.txt': 'x' }), join(work, 'escape'))).toThrow(/escapes the archive/);
    expect(() => extractZip(Buffer.from('not a zip at all, just text long enough'), join(work, 'bad'))).toThrow(/not a zip archive/);
  });

  it('runs a function whose code is a zip', async () => {
    const zip = join(work, 'hello.zip');
    writeFileSync(zip, makeZip({ 'src/main.mjs': 'export const run = async (e) => ({ zipped: e.n });' }));
    const runtime = new LambdaRuntime({ region: 'us-east-1', accountId: '000000000000', cacheDir: join(work, 'cache'), env: {} }, [
      {
        kind: 'node',
        functionName: 'zipped',
        source: 'test',
        code: { kind: 'zip', path: zip },
        handler: 'src/main.run',
        runtime: 'nodejs20.x',
        timeoutSeconds: 3,
        memorySizeMb: 128,
        environment: {},
      },
    ]);
    const result = await runtime.invoke('zipped', { n: 5 });
    await runtime.close();
    expect(result).toMatchObject({ kind: 'result', payload: '{"zipped":5}' });
  });
});
