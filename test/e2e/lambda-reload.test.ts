import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPortico } from '../../src/server/index.js';
import { send } from '../support/http.js';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'lambda-jwt');

describe('Lambda functions follow a reload', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-lambda-reload-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the function with its new environment after the .tf file changes', async () => {
    cpSync(EXAMPLE, dir, { recursive: true });
    const portico = await startPortico({ dir, port: 0, state: ':memory:', logLevel: 'silent' });
    try {
      const url = `${portico.endpoint}/_aws/execute-api/${portico.apis[0]?.apiId ?? ''}/public/items`;
      expect((await send(url)).headers['x-greeting']).toBe('hello from Lambda');
      const main = join(dir, 'main.tf');
      writeFileSync(main, readFileSync(main, 'utf8').replace('GREETING = "hello from Lambda"', 'GREETING = "hello after reload"'));
      const result = await portico.reload();
      expect(result.ok).toBe(true);
      expect((await send(url)).headers['x-greeting']).toBe('hello after reload');
    } finally {
      await portico.stop();
    }
  });
});
