import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoUpstream, handle, startGateway, type Echo, type GatewayUnderTest, type Listening } from '../../test/data-plane/servers.js';
import { httpProxy, route, servingConfig } from '../../test/data-plane/serving-config.js';

/**
 * Mapped header values come from what the client sent (`$request.header.*`, `$request.querystring.*`
 * decoded, `$request.body.*`): one that is not a field value (RFC 9110 §5.5) must never reach the
 * backend, least of all one that would add a header line (request smuggling, RFC 9112 §11.2).
 * AWS documents nothing here ([NOT FOUND]); Portico skips such a mapping, as it skips one whose source is missing.
 */
const API = 'mapvalue01';
let gateway: GatewayUnderTest;
let upstream: Listening;

beforeAll(async () => {
  upstream = await echoUpstream();
  gateway = await startGateway();
  gateway.gateway.setConfig(
    servingConfig([
      {
        apiId: API,
        routes: [route('GET /query', 'fromquery'), route('POST /body', 'frombody')],
        integrations: [
          httpProxy('fromquery', upstream.url, {
            requestParameters: { 'append:header.x-pet': '$request.querystring.pet', 'append:header.x-kept': 'static' },
          }),
          httpProxy('frombody', upstream.url, { requestParameters: { 'overwrite:header.x-pet': '$request.body.name' } }),
        ],
        stages: { $default: true },
      },
    ]),
  );
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

async function seen(path: string, body?: string): Promise<Echo> {
  const reply = await handle(gateway.gateway, {
    method: body === undefined ? 'GET' : 'POST',
    path,
    headers: { host: gateway.host(API), 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body }),
  });
  expect(reply.status).toBe(200);
  return JSON.parse(reply.body) as Echo;
}

describe('mapped header values that are not field values', () => {
  it('a decoded query value with CR LF adds no header line: the mapping is skipped, the others apply', async () => {
    const echo = await seen('/query?pet=rex%0D%0Ax-evil:%201');
    expect(echo.headers['x-evil']).toBeUndefined();
    expect(echo.headers['x-pet']).toBeUndefined();
    expect(echo.headers['x-kept']).toBe('static');
  });

  it('body values with a line break, a control character or characters beyond latin1 are skipped; a plain one is mapped', async () => {
    for (const name of ['rex\r\nx-evil: 1', 'rex\u0001', 'rex\u540d']) {
      const echo = await seen('/body', JSON.stringify({ name }));
      expect([echo.headers['x-pet'], echo.headers['x-evil']]).toEqual([undefined, undefined]);
    }
    expect((await seen('/body', JSON.stringify({ name: 'rex' }))).headers['x-pet']).toBe('rex');
  });
});
