import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoUpstream, startGateway, type GatewayUnderTest, type Listening } from '../../test/data-plane/servers.js';
import { httpProxy, route, servingConfig } from '../../test/data-plane/serving-config.js';
import type { InvocationRecord } from './observer.js';

/** The observer hook the console's inspector reads: what the client sent, what the backend got after mapping, what came back. */
let upstream: Listening;
let gateway: GatewayUnderTest;
const records: InvocationRecord[] = [];
const host = { host: 'observed01.execute-api.localhost' };

beforeAll(async () => {
  upstream = await echoUpstream();
  gateway = await startGateway({ observer: { invocation: (record) => records.push(record) } });
  gateway.gateway.setConfig(
    servingConfig([
      {
        apiId: 'observed01',
        routes: [route('POST /orders', 'mapped')],
        integrations: [
          httpProxy('mapped', `${upstream.url}/backend`, {
            requestParameters: { 'append:header.x-mapped': 'yes', 'overwrite:path': '/rewritten' },
            responseParameters: { '200': { 'append:header.x-out': 'mapped' } },
          }),
        ],
      },
    ]),
  );
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

describe('the invocation observer', () => {
  it('records the integration request after mapping, the endpoint response before mapping, and both bodies', async () => {
    records.length = 0;
    const response = await gateway.gateway.handle({ method: 'POST', url: '/orders', headers: host, body: 'hello' });
    expect(response?.status).toBe(200);
    const [record] = records;
    expect(record?.request).toMatchObject({ method: 'POST', url: '/orders' });
    expect(record?.request.body?.bytes.toString()).toBe('hello');
    expect(record?.context?.routeKey).toBe('POST /orders');
    expect(record?.integration).toMatchObject({ kind: 'http', method: 'POST', url: `${upstream.url}/rewritten` });
    const sent = record?.integration?.kind === 'http' ? record.integration.headers : [];
    expect(sent).toContain('x-mapped');
    expect(record?.endpointResponse?.headers).not.toContain('x-out');
    expect(record?.response?.headers).toContain('x-out');
    expect(JSON.parse(record?.response?.body?.bytes.toString() ?? '')).toMatchObject({ url: '/rewritten' });
  });

  it('records gateway errors with their kind', async () => {
    records.length = 0;
    await gateway.gateway.handle({ url: '/nothing-here', headers: host });
    expect(records[0]).toMatchObject({ error: 'NotFound', response: { status: 404 }, integration: undefined });
  });
});
