import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoUpstream, handle, startGateway, type Echo, type GatewayUnderTest, type Listening } from '../../test/data-plane/servers.js';
import { httpProxy, route, servingConfig } from '../../test/data-plane/serving-config.js';

/**
 * Route selection as a client sees it: every route gets its own integration whose URI path names the
 * route, so the echo upstream reports which route served the request.
 */
let upstream: Listening;
let gateway: GatewayUnderTest;

beforeAll(async () => {
  upstream = await echoUpstream();
  gateway = await startGateway();
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

let deployment = 0;
function deploy(routeKeys: string[]): void {
  deployment += 1;
  gateway.gateway.setConfig(
    servingConfig([
      {
        apiId: 'routes0001',
        deploymentId: `d${deployment}`,
        routes: routeKeys.map((key, i) => route(key, `i${i}`)),
        integrations: routeKeys.map((key, i) => httpProxy(`i${i}`, `${upstream.url}/matched/${encodeURIComponent(key)}`)),
      },
    ]),
  );
}

async function routed(method: string, path: string): Promise<string> {
  const reply = await handle(gateway.gateway, { method, path, headers: { host: gateway.host('routes0001') } });
  if (reply.status === 404) {
    // A HEAD response carries the headers but no body.
    if (method === 'HEAD') expect(reply.headers['content-length']).toBe('23');
    else expect(JSON.parse(reply.body)).toEqual({ message: 'Not Found' });
    return '404';
  }
  expect(reply.status).toBe(200);
  if (method === 'HEAD') return reply.headers['x-upstream'] === 'echo' ? `HEAD-served` : '?';
  const echo = JSON.parse(reply.body) as Echo;
  return decodeURIComponent(echo.url.slice('/matched/'.length));
}

const WORKED_EXAMPLE = ['GET /pets/dog/1', 'GET /pets/dog/{id}', 'GET /pets/{proxy+}', 'ANY /{proxy+}', '$default'];

const cases: { name: string; routes: string[]; requests: [method: string, path: string, expected: string][] }[] = [
  {
    name: "AWS's worked example (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html)",
    routes: WORKED_EXAMPLE,
    requests: [
      ['GET', '/pets/dog/1', 'GET /pets/dog/1'],
      ['GET', '/pets/dog/2', 'GET /pets/dog/{id}'],
      ['GET', '/pets/cat/1', 'GET /pets/{proxy+}'],
      ['POST', '/test/5', 'ANY /{proxy+}'],
      ['GET', '/', '$default'],
    ],
  },
  {
    name: 'an exact-method route beats ANY on the same path',
    routes: ['ANY /a', 'GET /a'],
    requests: [
      ['GET', '/a', 'GET /a'],
      ['POST', '/a', 'ANY /a'],
    ],
  },
  {
    name: 'the method is compared before the path (yulin, observed)',
    routes: ['ANY /users/me', 'GET /users/{id}'],
    requests: [
      ['GET', '/users/me', 'GET /users/{id}'],
      ['DELETE', '/users/me', 'ANY /users/me'],
    ],
  },
  {
    name: 'a literal segment beats a variable, segment by segment from the left',
    routes: ['GET /a/{x}/c', 'GET /a/b/{y}'],
    requests: [
      ['GET', '/a/b/c', 'GET /a/b/{y}'],
      ['GET', '/a/z/c', 'GET /a/{x}/c'],
    ],
  },
  {
    name: 'a literal path that lacks the method falls back to a variable path that has it',
    routes: ['GET /pets/dog', 'POST /pets/{id}'],
    requests: [
      ['POST', '/pets/dog', 'POST /pets/{id}'],
      ['GET', '/pets/dog', 'GET /pets/dog'],
      ['GET', '/pets/cat', '404'],
    ],
  },
  {
    name: 'the longest literal prefix wins between greedy routes',
    routes: ['GET /pets/{proxy+}', 'GET /pets/dog/{proxy+}'],
    requests: [
      ['GET', '/pets/dog/collars/1', 'GET /pets/dog/{proxy+}'],
      ['GET', '/pets/dog', 'GET /pets/{proxy+}'],
      ['GET', '/pets/cat/1', 'GET /pets/{proxy+}'],
    ],
  },
  {
    name: 'a full match (even ANY) beats a greedy route',
    routes: ['GET /a/{proxy+}', 'ANY /a/b'],
    requests: [
      ['GET', '/a/b', 'ANY /a/b'],
      ['GET', '/a/b/c', 'GET /a/{proxy+}'],
    ],
  },
  {
    name: 'a greedy variable needs at least one segment',
    routes: ['GET /pets/{proxy+}'],
    requests: [
      ['GET', '/pets', '404'],
      ['GET', '/pets/', '404'],
      ['GET', '/pets/x', 'GET /pets/{proxy+}'],
    ],
  },
  {
    name: 'a trailing slash routes like the path without it; empty segments are ignored',
    routes: ['GET /a/b', 'GET /'],
    requests: [
      ['GET', '/a/b/', 'GET /a/b'],
      ['GET', '/a//b', 'GET /a/b'],
      ['GET', '/', 'GET /'],
    ],
  },
  {
    name: 'HEAD matches only HEAD, ANY, greedy ANY or $default routes',
    routes: ['GET /h', 'HEAD /head-only', 'ANY /any', 'ANY /g/{proxy+}'],
    requests: [
      ['HEAD', '/h', '404'],
      ['HEAD', '/head-only', 'HEAD-served'],
      ['HEAD', '/any', 'HEAD-served'],
      ['HEAD', '/g/x', 'HEAD-served'],
    ],
  },
  {
    name: 'another method on an existing path is 404, never 405',
    routes: ['GET /only'],
    requests: [
      ['POST', '/only', '404'],
      ['GET', '/only', 'GET /only'],
      ['GET', '/Only', '404'],
    ],
  },
  {
    name: 'an encoded "/" stays inside its segment (AWS splits on it, docs/reference/dataplane.md §2; Portico does not: docs/compatibility.md)',
    routes: ['GET /files/{name}', 'GET /files/{dir}/{name}'],
    requests: [
      ['GET', '/files/a%2Fb', 'GET /files/{name}'],
      ['GET', '/files/a%20b', 'GET /files/{name}'],
      ['GET', '/files/%zz', 'GET /files/{name}'],
    ],
  },
];

describe('route selection', () => {
  for (const { name, routes, requests } of cases) {
    it(name, async () => {
      deploy(routes);
      for (const [method, path, expected] of requests) {
        expect({ method, path, route: await routed(method, path) }).toEqual({ method, path, route: expected });
      }
    });
  }

  it('HEAD is served by $default when nothing else takes it', async () => {
    deploy(['GET /h', '$default']);
    expect(await routed('HEAD', '/h')).toBe('HEAD-served');
  });

  it('compiles 10,000 routes and still picks the right one', async () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => `GET /svc${i}/items/{id}`);
    keys.push('ANY /{proxy+}');
    deployment += 1;
    gateway.gateway.setConfig(
      servingConfig([
        {
          apiId: 'routes0001',
          deploymentId: `d${deployment}`,
          routes: keys.map((key, i) => route(key, `i${i}`)),
          integrations: keys.map((_, i) => httpProxy(`i${i}`, `${upstream.url}/matched/${i}/{id}`)),
        },
      ]),
    );
    for (const i of [0, 1, 4_999, 9_999]) {
      const reply = await handle(gateway.gateway, { path: `/svc${i}/items/x${i}`, headers: { host: gateway.host('routes0001') } });
      expect((JSON.parse(reply.body) as Echo).url).toBe(`/matched/${i}/x${i}`);
    }
    const fallback = await handle(gateway.gateway, { path: '/svc10000/items/1', headers: { host: gateway.host('routes0001') } });
    expect((JSON.parse(fallback.body) as Echo).url).toBe('/matched/10000/{id}');
  });
});
