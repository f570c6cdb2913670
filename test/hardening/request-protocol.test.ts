import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rawRequest, type RawReply } from '../data-plane/raw-http.js';
import { startEdge, type EdgeServer } from './edge-server.js';
import { rawBackend, type RawBackend } from './raw-backend.js';

/**
 * Issue #17, item 6: what the client side's HTTP server does with heads at the protocol's edges,
 * proven by what a raw recording backend received. The server is the one `portico up` runs
 * (src/server/listen.ts), wired to the gateway as the edge port is.
 */
let backend: RawBackend;
let server: EdgeServer;
const API = 'proto00001';
const host = (): string => server.host;

beforeAll(async () => {
  backend = await rawBackend();
  server = await startEdge(API, backend.url);
});
afterAll(async () => {
  await server.close();
  await backend.close();
});

/** Request lines the backend received since the test began. */
let seenBefore = 0;
const newRequestLines = (): string[] => backend.requestLines().slice(seenBefore);
beforeEach(() => {
  seenBefore = backend.requestLines().length;
});

/** A gateway error as every other: JSON `{"message"}`, an `apigw-requestid`, and nothing reached the backend. */
function expectGatewayError(reply: RawReply, status: number, message: string): void {
  expect(reply.status).toBe(status);
  expect(JSON.parse(reply.body)).toEqual({ message });
  expect(reply.head).toMatch(/^content-type: application\/json$/im);
  expect(reply.head).toMatch(/^apigw-requestid: [A-Za-z0-9+/]{15}=$/im);
  expect(newRequestLines()).toEqual([]);
}

describe('request heads at the protocol edges (issue #17, item 6)', () => {
  it('all of 1,200 headers within the byte quota reach the backend, the last one an Authorization', async () => {
    const fields = Array.from({ length: 1_199 }, (_, i) => `x-field-${String(i).padStart(4, '0')}: v\r\n`).join('');
    const reply = await rawRequest(
      server.port,
      `GET /many HTTP/1.1\r\nhost: ${host()}\r\n${fields}authorization: Bearer last-of-1200\r\nconnection: close\r\n\r\n`,
    );
    expect(reply.status).toBe(200);
    const received = backend.received.join('');
    expect(newRequestLines()).toEqual(['GET /many HTTP/1.1']);
    expect(received.match(/^x-field-\d{4}: v\r$/gm)).toHaveLength(1_199);
    expect(received).toMatch(/^x-field-1198: v\r$/m);
    expect(received).toMatch(/^authorization: Bearer last-of-1200\r$/m);
  });

  it('header names are not part of the quota: a head whose names pass 16 KiB but whose values are within 10,240 bytes is served', async () => {
    const name = 'x-'.padEnd(60, 'n');
    const fields = Array.from({ length: 400 }, (_, i) => `${name}${i}: v\r\n`).join('');
    expect(fields.length).toBeGreaterThan(24_000);
    const reply = await rawRequest(server.port, `GET /names HTTP/1.1\r\nhost: ${host()}\r\n${fields}connection: close\r\n\r\n`);
    expect(reply.status).toBe(200);
    expect(newRequestLines()).toEqual(['GET /names HTTP/1.1']);
  });

  it('header values past the quota are still 431, as a gateway error', async () => {
    const reply = await rawRequest(server.port, `GET /big HTTP/1.1\r\nhost: ${host()}\r\nx-big: ${'v'.repeat(10_300)}\r\n\r\n`);
    expectGatewayError(reply, 431, 'Request Header Fields Too Large');
  });

  it('a duplicate Host is 400 Bad Request, and no backend sees it', async () => {
    const reply = await rawRequest(server.port, `GET /dup HTTP/1.1\r\nhost: ${host()}\r\nHost: other.example\r\n\r\n`);
    expectGatewayError(reply, 400, 'Bad Request');
  });

  it('HTTP/2.0 on a request line is 505; so are HTTP/3.1 and the HTTP/2 preface', async () => {
    expectGatewayError(await rawRequest(server.port, `GET /h2 HTTP/2.0\r\nhost: ${host()}\r\n\r\n`), 505, 'HTTP Version Not Supported');
    expectGatewayError(await rawRequest(server.port, `GET /h3 HTTP/3.1\r\nhost: ${host()}\r\n\r\n`), 505, 'HTTP Version Not Supported');
    expectGatewayError(await rawRequest(server.port, 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), 505, 'HTTP Version Not Supported');
  });

  it('a head the parser refuses (bare LF, conflicting framing) is 400 with the same JSON body and an apigw-requestid', async () => {
    expectGatewayError(await rawRequest(server.port, `GET /lf HTTP/1.1\nhost: ${host()}\n\n`), 400, 'Bad Request');
    expectGatewayError(
      await rawRequest(
        server.port,
        `POST /cl-te HTTP/1.1\r\nhost: ${host()}\r\ncontent-length: 5\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n`,
      ),
      400,
      'Bad Request',
    );
  });

  it('a request pipelined behind an Upgrade request in the same packet is answered, not dropped', async () => {
    const reply = await rawRequest(
      server.port,
      `GET /first HTTP/1.1\r\nhost: ${host()}\r\nconnection: upgrade\r\nupgrade: h2c\r\n\r\n` +
        `GET /second HTTP/1.1\r\nhost: ${host()}\r\nconnection: close\r\n\r\n`,
    );
    expect(reply.status).toBe(200);
    const answers = `${reply.head}\r\n\r\n${reply.body}`.match(/HTTP\/1\.1 \d{3}(?= )/g);
    expect(answers).toEqual(['HTTP/1.1 200', 'HTTP/1.1 200']);
    expect(newRequestLines()).toEqual(['GET /first HTTP/1.1', 'GET /second HTTP/1.1']);
  });
});
