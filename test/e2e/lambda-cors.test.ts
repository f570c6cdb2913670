import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portico, startPortico } from '../../src/server/index.js';
import { send } from '../support/http.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'e2e', 'lambda-cors');

describe('Lambda proxy responses get CORS headers and response parameters', () => {
  let portico: Portico;
  let url: string;

  beforeAll(async () => {
    portico = await startPortico({
      dir: FIXTURE,
      port: 0,
      state: ':memory:',
      logLevel: 'silent',
      functions: [`cors-fn=${join(FIXTURE, 'handler.mjs')}#handler`],
    });
    url = `${portico.endpoint}/_aws/execute-api/${portico.apis[0]?.apiId ?? ''}/fn`;
  });

  afterAll(async () => {
    await portico?.stop();
  });

  it("replaces the function's CORS headers with the API's for an allowed origin and applies the mapping", async () => {
    const reply = await send(url, { headers: { origin: 'https://app.example.com' } });
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('from lambda');
    expect(reply.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(reply.headers['x-mapped']).toBe('from-mapping');
  });

  it('drops them for an origin the API does not allow', async () => {
    const reply = await send(url, { headers: { origin: 'https://evil.example.com' } });
    expect(reply.status).toBe(200);
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
  });
});
