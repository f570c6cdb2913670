import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/cli/print-summary.js';
import { type Portico, startPortico } from '../../src/server/index.js';
import { send } from '../support/http.js';
import { startUpstream, type Upstream } from '../support/upstream.js';

/** body (OpenAPI) + disable_execute_api_endpoint + a custom domain: served through the domain only. */
describe('real-world shape: an imported API behind its custom domain, execute-api endpoint disabled', () => {
  let portico: Portico;
  let upstream: Upstream;

  beforeAll(async () => {
    upstream = await startUpstream('pets');
    portico = await startPortico({
      dir: join(import.meta.dirname, 'openapi-private-domain'),
      port: 0,
      state: ':memory:',
      logLevel: 'silent',
      vars: { backend_url: upstream.url },
    });
  });
  afterAll(async () => {
    await portico?.stop();
    await upstream?.close();
  });

  it('answers through the custom domain, reaching the backend the document names', async () => {
    const reply = await send(`${portico.endpoint}/pets/7`, { headers: { host: 'pets.example.com' } });
    expect(reply.status).toBe(200);
    expect(upstream.seen.at(-1)?.url).toBe('/pets/7');
  });

  it('keeps the execute-api endpoint closed, as configured, and keeps the configured name', async () => {
    const reply = await send(`${portico.endpoint}/_aws/execute-api/${portico.apis[0]?.apiId ?? ''}/pets/7`);
    expect(reply.status).toBe(403);
    expect(portico.apis[0]?.name).toBe('pets');
    expect(formatSummary(portico)).toContain('custom domain pets.example.com/ → stage $default');
  });
});
