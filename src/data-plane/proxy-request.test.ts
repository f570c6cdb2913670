import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoUpstream, send, startGateway, type Echo, type GatewayUnderTest, type Listening } from '../../test/data-plane/servers.js';
import { httpProxy, route, servingConfig } from '../../test/data-plane/serving-config.js';

/** What an HTTP_PROXY backend receives (docs/reference/dataplane.md §3.2–3.3), seen from a real upstream. */
let upstream: Listening;
let gateway: GatewayUnderTest;
const API = 'proxy00001';

beforeAll(async () => {
  upstream = await echoUpstream();
  gateway = await startGateway();
  gateway.gateway.setConfig(
    servingConfig([
      {
        apiId: API,
        routes: [
          route('GET /pets/{petId}', 'withpath'),
          route('ANY /store/{proxy+}', 'greedy'),
          route('POST /fixed', 'fixedget'),
          route('GET /merged', 'withquery'),
          route('GET /noroute'),
          route('GET /lambda', 'lambda'),
          route('$default', 'hostonly'),
        ],
        integrations: [
          httpProxy('withpath', `${upstream.url}/backend/pets/{petId}/{unknown}`),
          httpProxy('greedy', `${upstream.url}/petstore/{proxy}`),
          httpProxy('fixedget', `${upstream.url}/fixed`, { integrationMethod: 'GET' }),
          httpProxy('withquery', `${upstream.url}/merged?static=1`),
          httpProxy('hostonly', upstream.url),
          { ...httpProxy('lambda', 'arn:aws:lambda:us-east-2:123456789012:function:f'), integrationType: 'AWS_PROXY' },
        ],
        stages: { $default: true, prod: true },
      },
    ]),
  );
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

async function echo(options: Parameters<typeof send>[1]): Promise<Echo> {
  const reply = await send(gateway.port, { ...options, headers: { host: gateway.host(API), ...options?.headers } });
  expect(reply.status).toBe(200);
  return JSON.parse(reply.body) as Echo;
}

describe('upstream URL', () => {
  it('host-only URI: the full request path, a named stage segment included, and the query as sent', async () => {
    expect((await echo({ path: '/a/b/?x=1&y=http://z&x=2' })).url).toBe('/a/b/?x=1&y=http://z&x=2');
    expect((await echo({ path: '/prod/a/b' })).url).toBe('/prod/a/b');
  });

  it('URI with a path: used as written after {var} substitution; an unknown variable stays', async () => {
    expect((await echo({ path: '/pets/7?full=true' })).url).toBe('/backend/pets/7/{unknown}?full=true');
    expect((await echo({ path: '/pets/a%20b%3F' })).url).toBe('/backend/pets/a%20b%3F/{unknown}');
  });

  it('a greedy route fills {proxy} with the rest of the path', async () => {
    expect((await echo({ method: 'PUT', path: '/prod/store/a/b/c?q=1' })).url).toBe('/petstore/a/b/c?q=1');
  });

  it('the URI query comes first, then the client query', async () => {
    expect((await echo({ path: '/merged?b=2' })).url).toBe('/merged?static=1&b=2');
    expect((await echo({ path: '/merged' })).url).toBe('/merged?static=1');
  });

  it('integrationMethod ANY keeps the client method; a fixed method replaces it', async () => {
    expect((await echo({ method: 'PATCH', path: '/x' })).method).toBe('PATCH');
    expect((await echo({ method: 'POST', path: '/fixed', body: 'b' })).method).toBe('GET');
  });
});

describe('headers and body to the backend', () => {
  it('round-trips method, headers and body; Host becomes the target host', async () => {
    const body = JSON.stringify({ hello: 'world', n: [1, 2, 3] });
    const seen = await echo({
      method: 'POST',
      path: '/orders?id=1',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t', 'x-custom': 'v1', cookie: 'a=1; b=2' },
      body,
    });
    expect(seen.method).toBe('POST');
    expect(seen.body).toBe(body);
    expect(seen.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(seen.headers.host).toBe(`127.0.0.1:${upstream.port}`);
    expect(seen.headers['content-type']).toBe('application/json');
    expect(seen.headers.authorization).toBe('Bearer t');
    expect(seen.headers['x-custom']).toBe('v1');
    expect(seen.headers.cookie).toBe('a=1; b=2');
  });

  it('adds X-Forwarded-For/Proto/Port, Forwarded and X-Amzn-Trace-Id', async () => {
    const seen = await echo({ path: '/' });
    expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen.headers['x-forwarded-proto']).toBe('http');
    expect(seen.headers['x-forwarded-port']).toBe(String(gateway.port));
    expect(seen.headers.forwarded).toBe(`by=127.0.0.1;for=127.0.0.1;host="${gateway.host(API)}";proto=http`);
    // Root=1-{epoch seconds of the injected clock, hex}-{24 hex}.
    const seconds = (Date.UTC(2026, 2, 12, 19, 3, 58) / 1000).toString(16);
    expect(seen.headers['x-amzn-trace-id']).toMatch(new RegExp(`^Root=1-${seconds}-[0-9a-f]{24}$`));
  });

  it('extends a client X-Forwarded-For chain and turns it into Forwarded elements; keeps a client trace id', async () => {
    const seen = await echo({
      path: '/',
      headers: { 'x-forwarded-for': '203.0.113.7, 2001:db8::1', 'x-forwarded-proto': 'https', 'x-amzn-trace-id': 'Root=1-abc' },
    });
    expect(seen.headers['x-forwarded-for']).toBe('203.0.113.7, 2001:db8::1, 127.0.0.1');
    expect(seen.headers['x-forwarded-proto']).toBe('http');
    expect(seen.headers.forwarded).toBe(
      `for=203.0.113.7, for="[2001:db8::1]", by=127.0.0.1;for=127.0.0.1;host="${gateway.host(API)}";proto=http`,
    );
    expect(seen.headers['x-amzn-trace-id']).toBe('Root=1-abc');
  });

  it('appends to a client Forwarded header instead of converting X-Forwarded-For', async () => {
    const seen = await echo({ path: '/', headers: { forwarded: 'for=192.0.2.60;proto=https', 'x-forwarded-for': '192.0.2.60' } });
    expect(seen.headers.forwarded).toBe(`for=192.0.2.60;proto=https, by=127.0.0.1;for=127.0.0.1;host="${gateway.host(API)}";proto=http`);
  });

  it('drops hop-by-hop headers and the ones Connection names (RFC 9110 §7.6.1)', async () => {
    const seen = await echo({
      path: '/',
      headers: {
        connection: 'keep-alive, x-hop',
        'x-hop': 'secret',
        'keep-alive': 'timeout=5',
        te: 'trailers',
        'proxy-authorization': 'Basic eA==',
        'x-kept': 'yes',
      },
    });
    expect(seen.headers['x-hop']).toBeUndefined();
    expect(seen.headers['keep-alive']).toBeUndefined();
    expect(seen.headers.te).toBeUndefined();
    expect(seen.headers['proxy-authorization']).toBeUndefined();
    expect(seen.headers['x-kept']).toBe('yes');
  });

  it('streams a chunked request body through', async () => {
    const seen = await echo({ method: 'POST', path: '/', body: ['chunked', ' body'] });
    expect(seen.body).toBe('chunked body');
    // Framing is the gateway's choice: a body that has fully arrived goes out with a Content-Length,
    // as AWS (which buffers request bodies) sends it; a longer one stays chunked.
    expect(seen.headers['content-length'] ?? seen.headers['transfer-encoding']).toMatch(/^(12|chunked)$/);
  });
});

describe('routes that cannot be proxied', () => {
  it('a route without an integration answers 404 Not Found', async () => {
    const reply = await send(gateway.port, { path: '/noroute', headers: { host: gateway.host(API) } });
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.body)).toEqual({ message: 'Not Found' });
  });

  it('an integration type not served yet answers 500 without internals', async () => {
    const reply = await send(gateway.port, { path: '/lambda', headers: { host: gateway.host(API) } });
    expect(reply.status).toBe(500);
    expect(JSON.parse(reply.body)).toEqual({ message: 'Internal Server Error' });
    expect(reply.headers['apigw-requestid']).toMatch(/^[A-Za-z0-9+/]{15}=$/);
  });
});
