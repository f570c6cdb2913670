import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayUnderTest } from '../data-plane/servers.js';
import { httpProxy, route, servingConfig } from '../data-plane/serving-config.js';
import { rawRequest } from '../data-plane/raw-http.js';
import { rawBackend, type RawBackend } from './raw-backend.js';

/**
 * Issue #17, finding 1: dot segments decided the route but were forwarded as sent, so
 * `/public/../admin/secret` matched the open route and a path-normalising backend served
 * `/admin/secret` without the authorizer. The path is now resolved once (RFC 3986 §5.2.4, encoded
 * dots included) and everything reads that one path.
 */
let backend: RawBackend;
let gateway: GatewayUnderTest;
const API = 'dotseg0001';

beforeAll(async () => {
  backend = await rawBackend();
  gateway = await startGateway({ credentials: [{ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }] });
  const admin = { ...route('ANY /admin/{proxy+}', 'backend'), authorizationType: 'AWS_IAM' as const };
  gateway.gateway.setConfig(
    servingConfig([
      { apiId: API, routes: [admin, route('ANY /public/{proxy+}', 'backend')], integrations: [httpProxy('backend', backend.url)] },
    ]),
  );
});
afterAll(async () => {
  await gateway.close();
  await backend.close();
});

/** Sent byte for byte: a client library would normalise these paths itself. */
async function get(path: string): Promise<number> {
  const reply = await rawRequest(gateway.port, `GET ${path} HTTP/1.1\r\nhost: ${gateway.host(API)}\r\nconnection: close\r\n\r\n`);
  return reply.status;
}

describe('dot segments (issue #17)', () => {
  it('the authorizer guards /admin however the path spells it', async () => {
    for (const path of [
      '/admin/secret',
      '/public/../admin/secret',
      '/public/%2e%2e/admin/secret',
      '/public/%2E%2e/admin/secret',
      '/public/./../admin/secret',
    ])
      expect({ path, status: await get(path) }).toEqual({ path, status: 403 });
    expect(backend.requestLines()).toEqual([]);
  });

  it('a path that climbs above the root is 400 Bad Request and reaches no backend', async () => {
    const reply = await rawRequest(
      gateway.port,
      `GET /../../etc/passwd HTTP/1.1\r\nhost: ${gateway.host(API)}\r\nconnection: close\r\n\r\n`,
    );
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body.slice(0, 25))).toEqual({ message: 'Bad Request' });
    expect(reply.head).toMatch(/^apigw-requestid: /m);
    expect(backend.requestLines()).toEqual([]);
  });

  it('the backend receives the resolved path the route was chosen by', async () => {
    expect(await get('/public/a/./b/../c?x=1')).toBe(200);
    expect(backend.requestLines().at(-1)).toBe('GET /public/a/c?x=1 HTTP/1.1');
  });

  it('an encoded slash is no separator: ..%2F is not a dot segment, and stays encoded on the way to the backend', async () => {
    expect(await get('/public/..%2Fadmin/secret')).toBe(200);
    expect(backend.requestLines().at(-1)).toBe('GET /public/..%2Fadmin/secret HTTP/1.1');
  });
});
