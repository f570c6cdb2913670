import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  echoUpstream,
  listen,
  handle,
  send,
  startGateway,
  type Echo,
  type GatewayUnderTest,
  type Listening,
} from '../../test/data-plane/servers.js';
import { httpProxy, route, servingConfig } from '../../test/data-plane/serving-config.js';

const REQUEST_ID = /^[A-Za-z0-9+/]{15}=$/;

let upstream: Listening;
let gateway: GatewayUnderTest;

beforeAll(async () => {
  upstream = await echoUpstream();
  gateway = await startGateway();
  gateway.gateway.setConfig(
    servingConfig([
      {
        // `$default` and a named stage `pets` side by side, each with its own deployment.
        apiId: 'stages0001',
        routes: [route('$default', 'defaulthost')],
        integrations: [httpProxy('defaulthost', upstream.url)],
        stages: {
          $default: true,
          pets: {
            deploymentId: 'petsdep',
            routes: [route('GET /dog', 'petsdog'), route('GET /', 'petsroot')],
            integrations: [
              httpProxy('petsdog', `${upstream.url}/pets-stage/dog`),
              httpProxy('petsroot', `${upstream.url}/pets-stage/root`),
            ],
          },
          beta: false,
        },
      },
      {
        apiId: 'named00001',
        routes: [route('$default', 'hostonly')],
        integrations: [httpProxy('hostonly', upstream.url)],
        stages: { prod: true },
      },
      {
        apiId: 'closed0001',
        routes: [route('$default', 'hostonly')],
        integrations: [httpProxy('hostonly', upstream.url)],
        disableExecuteApiEndpoint: true,
      },
    ]),
  );
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

async function upstreamUrl(apiId: string, path: string): Promise<string> {
  const reply = await handle(gateway.gateway, { path, headers: { host: gateway.host(apiId) } });
  expect(reply.status).toBe(200);
  return (JSON.parse(reply.body) as Echo).url;
}

async function expectGatewayError(
  reply: { status: number; headers: Record<string, unknown>; body: string },
  status: number,
  message: string,
): Promise<void> {
  expect(reply.status).toBe(status);
  expect(reply.headers['content-type']).toBe('application/json');
  expect(reply.headers['apigw-requestid']).toMatch(REQUEST_ID);
  expect(reply.headers.date).toBeDefined();
  expect(JSON.parse(reply.body)).toEqual({ message });
}

describe('stage selection (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html, "Routing API requests")', () => {
  it('a first segment naming a stage selects it and is consumed: /pets/dog is stage pets, route GET /dog', async () => {
    expect(await upstreamUrl('stages0001', '/pets/dog')).toBe('/pets-stage/dog');
    expect(await upstreamUrl('stages0001', '/pets')).toBe('/pets-stage/root');
    expect(await upstreamUrl('stages0001', '/pets/')).toBe('/pets-stage/root');
  });

  it('otherwise the $default stage serves the whole path', async () => {
    expect(await upstreamUrl('stages0001', '/dog')).toBe('/dog');
    expect(await upstreamUrl('stages0001', '/petsx/dog?a=1')).toBe('/petsx/dog?a=1');
    // "$default" is never a path segment that selects a stage.
    expect(await upstreamUrl('stages0001', '/$default/dog')).toBe('/$default/dog');
  });

  it('a named stage that was never deployed answers 404, even beside $default', async () => {
    const reply = await handle(gateway.gateway, { path: '/beta/dog', headers: { host: gateway.host('stages0001') } });
    await expectGatewayError(reply, 404, 'Not Found');
  });

  it('without a $default stage, a path that names no stage is 404; a named stage keeps its segment upstream', async () => {
    await expectGatewayError(
      await handle(gateway.gateway, { path: '/dev/x', headers: { host: gateway.host('named00001') } }),
      404,
      'Not Found',
    );
    await expectGatewayError(await handle(gateway.gateway, { path: '/', headers: { host: gateway.host('named00001') } }), 404, 'Not Found');
    expect(await upstreamUrl('named00001', '/prod/pets/1?q=a')).toBe('/prod/pets/1?q=a');
  });

  it('an unknown API id on an execute-api host is still ours: 404', async () => {
    await expectGatewayError(
      await handle(gateway.gateway, { path: '/x', headers: { host: gateway.host('nosuchapi1') } }),
      404,
      'Not Found',
    );
  });

  it('disableExecuteApiEndpoint closes the execute-api endpoint: 403 Forbidden', async () => {
    await expectGatewayError(
      await handle(gateway.gateway, { path: '/x', headers: { host: gateway.host('closed0001') } }),
      403,
      'Forbidden',
    );
  });
});

describe('endpoints', () => {
  it('serves Host {apiId}.execute-api.{region}.amazonaws.com and any {apiId}.execute-api.* host, case-insensitively', async () => {
    for (const host of [
      'stages0001.execute-api.us-east-2.amazonaws.com',
      'stages0001.execute-api.localhost',
      'STAGES0001.Execute-Api.LOCALHOST:4566',
    ]) {
      const reply = await handle(gateway.gateway, { path: '/dog', headers: { host } });
      expect({ host, status: reply.status }).toEqual({ host, status: 200 });
    }
  });

  it('serves path-style /_aws/execute-api/{apiId}/… with the stage and route after the id', async () => {
    const reply = await handle(gateway.gateway, { path: '/_aws/execute-api/stages0001/pets/dog', headers: { host: 'localhost' } });
    expect((JSON.parse(reply.body) as Echo).url).toBe('/pets-stage/dog');
    const root = await handle(gateway.gateway, { path: '/_aws/execute-api/named00001/prod?x=1', headers: { host: 'localhost' } });
    expect((JSON.parse(root.body) as Echo).url).toBe('/prod?x=1');
  });

  it('hands back (false, nothing written) requests that are not for an API', async () => {
    for (const [host, path] of [
      ['localhost:4566', '/v2/apis'],
      ['example.com', '/_aws/execute-api/'],
      ['a.b.execute-api.localhost', '/x'],
    ] as const) {
      const reply = await handle(gateway.gateway, { path, headers: { host } });
      expect({ host, path, status: reply.status, body: reply.body }).toEqual({ host, path, status: 418, body: 'not an API' });
    }
  });

  it('reads the API from an absolute-form request target (RFC 9112 §3.2.2)', async () => {
    const reply = await handle(gateway.gateway, {
      path: 'http://stages0001.execute-api.localhost/dog?z=1',
      headers: { host: 'ignored.example' },
    });
    expect((JSON.parse(reply.body) as Echo).url).toBe('/dog?z=1');
  });

  it('a request target that is not a path gets 404, not a crash', async () => {
    const reply = await handle(gateway.gateway, { method: 'OPTIONS', path: '*', headers: { host: gateway.host('stages0001') } });
    await expectGatewayError(reply, 404, 'Not Found');
  });

  it('handleApi serves one API at the root of a dedicated port, whatever the Host', async () => {
    const dedicated = await listen((req, res) => gateway.gateway.handleApi('named00001', req, res));
    try {
      const reply = await send(dedicated.port, { path: '/prod/items', headers: { host: 'anything:1' } });
      expect((JSON.parse(reply.body) as Echo).url).toBe('/prod/items');
      await expectGatewayError(await send(dedicated.port, { path: '/nostage' }), 404, 'Not Found');
    } finally {
      await dedicated.close();
    }
  });
});
