import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portico, startPortico } from '../../src/server/index.js';
import { send } from '../support/http.js';

const DIR = join(import.meta.dirname, 'mapped-python-function');

/** A quick-create API in front of a Python function, run locally by a Node.js handler mapped with --function. */
describe('real-world shape: a function in another runtime, mapped with --function', () => {
  let portico: Portico;

  beforeAll(async () => {
    portico = await startPortico({
      dir: DIR,
      port: 0,
      state: ':memory:',
      logLevel: 'silent',
      // By its Terraform address: the function's name would do as well.
      functions: [`aws_lambda_function.reports=${join(DIR, 'handler.mjs')}#handler`],
    });
  });
  afterAll(async () => {
    await portico?.stop();
  });

  it('keeps the Terraform environment, timeout and memory size of the function it runs', async () => {
    const reply = await send(`${portico.endpoint}/_aws/execute-api/${portico.apis[0]?.apiId ?? ''}/anything`);
    expect(reply.status).toBe(200);
    const body = reply.json<{ table: string; apiKeyHash: string; remainingMs: number; memory: string; functionName: string }>();
    expect(body.table).toBe('reports');
    expect(body.apiKeyHash).toMatch(/^\$2a\$10\$/);
    expect(body.remainingMs).toBeGreaterThan(3_000);
    expect(body.remainingMs).toBeLessThanOrEqual(7_000);
    expect(String(body.memory)).toBe('256');
    expect(body.functionName).toBe('reports');
  });

  it('lists a function no route invokes without warning about it', () => {
    const cleanup = portico.functions.find((f) => f.functionName === 'nightly-cleanup');
    expect(cleanup?.kind).toBe('unrunnable');
    expect(portico.warnings).toEqual([]);
  });
});
