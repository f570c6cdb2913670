import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portico, startPortico } from '../../src/server/index.js';
import { send } from '../support/http.js';

/**
 * Registry modules after `terraform init`: the API and its function are defined inside
 * terraform-aws-modules-style modules in .terraform/modules, and the Lambda module's
 * allowed_triggers uses the API module's execution ARN (no false cycle).
 */
describe('real-world shape: API Gateway and Lambda registry modules installed by terraform init', () => {
  let portico: Portico;

  beforeAll(async () => {
    portico = await startPortico({ dir: join(import.meta.dirname, 'registry-modules'), port: 0, state: ':memory:', logLevel: 'silent' });
  });
  afterAll(async () => {
    await portico?.stop();
  });

  it('serves the API defined inside the module, and requests reach the function the other module defines', async () => {
    expect(portico.apis.map((a) => a.name)).toEqual(['orders']);
    const base = `${portico.endpoint}/_aws/execute-api/${portico.apis[0]?.apiId ?? ''}`;
    const reply = await send(`${base}/orders/42`);
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ routeKey: 'GET /orders/{id}', path: '/orders/42', table: 'orders', functionName: 'orders-handler' });
    const fallback = await send(`${base}/anything`);
    expect(fallback.json()).toMatchObject({ routeKey: '$default' });
  });

  it('reads the modules rather than standing in for them', () => {
    expect(portico.standIns.filter((s) => s.address.startsWith('module.') && !s.address.includes('.aws_'))).toEqual([]);
    expect(portico.warnings).toEqual([]);
    expect(portico.functions.map((f) => [f.functionName, f.kind])).toEqual([['orders-handler', 'node']]);
  });
});
