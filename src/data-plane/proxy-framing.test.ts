import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, rawUpstream } from '../../test/data-plane/raw-http.js';
import { startGateway, type GatewayUnderTest } from '../../test/data-plane/servers.js';
import { httpProxy, route, servingConfig } from '../../test/data-plane/serving-config.js';

/**
 * How backend responses cross the gateway (docs/reference/dataplane.md §3.4: status, headers and body passed
 * through; framing is per connection, RFC 9112 §6.3): seen byte for byte by a raw client.
 */
const API = 'framing001';
let gateway: GatewayUnderTest;
let backend: Awaited<ReturnType<typeof rawUpstream>>;
let connections = 0;

const responses: Record<string, string> = {
  '/chunked':
    'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n6\r\npedia \r\n0\r\nX-Trailer: dropped\r\n\r\n',
  '/length': 'HTTP/1.1 201 Created\r\nContent-Length: 5\r\nX-Backend: kept\r\n\r\nhello',
  '/no-content': 'HTTP/1.1 204 No Content\r\nX-Backend: kept\r\n\r\n',
  '/not-modified': 'HTTP/1.1 304 Not Modified\r\nETag: "v1"\r\n\r\n',
  '/early-hints': 'HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
};

beforeAll(async () => {
  backend = await rawUpstream((socket, head) => {
    if ((socket as { counted?: boolean }).counted !== true) {
      (socket as { counted?: boolean }).counted = true;
      connections++;
    }
    const path = head.slice(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
    if (head.startsWith('HEAD')) socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1234\r\nContent-Type: text/plain\r\n\r\n');
    else if (path === '/until-close') socket.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nread until the backend closed');
    else socket.write(responses[path] ?? 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
  });
  gateway = await startGateway();
  gateway.gateway.setConfig(
    servingConfig([
      { apiId: API, routes: [route('$default', 'backend')], integrations: [httpProxy('backend', backend.url)], stages: { $default: true } },
    ]),
  );
});
afterAll(async () => {
  await gateway.close();
  await backend.close();
});

function request(method: string, path: string): ReturnType<typeof rawRequest> {
  return rawRequest(gateway.port, `${method} ${path} HTTP/1.1\r\nHost: ${gateway.host(API)}\r\nConnection: close\r\n\r\n`);
}

describe('response framing through the gateway', () => {
  it('a chunked response reaches the client chunked, whole, without the backend trailer', async () => {
    const reply = await request('GET', '/chunked');
    expect(reply.status).toBe(200);
    expect(reply.head).toMatch(/\r\ntransfer-encoding: chunked/i);
    expect(reply.head).toMatch(/\r\napigw-requestid: /i);
    expect(reply.body).toBe('4\r\nWiki\r\n6\r\npedia \r\n0\r\n\r\n');
  });

  it('a Content-Length response keeps its length and headers', async () => {
    const reply = await request('GET', '/length');
    expect([reply.status, reply.body]).toEqual([201, 'hello']);
    expect(reply.head).toMatch(/\r\ncontent-length: 5\r\n/i);
    expect(reply.head).toMatch(/\r\nx-backend: kept/i);
  });

  it('HEAD gets the backend head (its Content-Length too) and no body', async () => {
    const reply = await request('HEAD', '/anything');
    expect([reply.status, reply.body]).toEqual([200, '']);
    expect(reply.head).toMatch(/\r\ncontent-length: 1234\r\n/i);
  });

  it('204 and 304 pass through without a body', async () => {
    const noContent = await request('GET', '/no-content');
    const notModified = await request('GET', '/not-modified');
    expect([noContent.status, noContent.body, notModified.status, notModified.body]).toEqual([204, '', 304, '']);
    expect(notModified.head).toMatch(/\r\netag: "v1"/i);
  });

  it('interim 1xx responses are not forwarded; the final one is', async () => {
    const reply = await request('GET', '/early-hints');
    expect([reply.status, reply.body]).toEqual([200, 'ok']);
    expect(reply.head).not.toMatch(/103|link:/i);
  });

  it('a body that runs until the backend closes is forwarded whole, with framing for the client', async () => {
    const reply = await request('GET', '/until-close');
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('1d\r\nread until the backend closed\r\n0\r\n\r\n');
  });

  it('reuses backend connections across requests', async () => {
    const before = connections;
    for (let i = 0; i < 5; i++) expect((await request('GET', '/length')).status).toBe(201);
    expect(connections - before).toBeLessThanOrEqual(1);
  });
});
