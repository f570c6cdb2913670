import { PassThrough } from 'node:stream';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/index.js';
import { startGateway, type GatewayUnderTest } from '../data-plane/servers.js';
import { httpProxy, route, servingConfig } from '../data-plane/serving-config.js';
import { rawRequest, rawUpstream } from '../data-plane/raw-http.js';

/**
 * Issue #17, finding 5 (and the connection cap of finding 4): what a faulty or greedy backend can
 * make the gateway do. Each backend here is raw TCP, so the bytes are exactly the fault under test.
 */
const QUOTA = 10 * 1024 * 1024;
const API = 'backresp01';
const logLines: string[] = [];
let gateway: GatewayUnderTest;
const upstreams: { close(): Promise<void> }[] = [];
/** The holding backend's socket for each request it received, answered when the test says so. */
const held: Socket[] = [];

beforeAll(async () => {
  const log = new PassThrough();
  log.on('data', (chunk: Buffer) => logLines.push(...chunk.toString().split('\n').filter(Boolean)));
  gateway = await startGateway({ logger: createLogger({ level: 'warn', destination: log }) });
  const ok = 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok';
  const backends = {
    declared: await rawUpstream((socket) => socket.write(`HTTP/1.1 200 OK\r\ncontent-length: ${QUOTA + 1}\r\n\r\n` + 'x'.repeat(1024))),
    streamed: await rawUpstream((socket) => {
      socket.write('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n');
      const chunk = 'x'.repeat(1024 * 1024);
      for (let i = 0; i < 12; i++) socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      socket.end('0\r\n\r\n');
    }),
    bareLf: await rawUpstream((socket) => socket.write('HTTP/1.1 200 OK\ncontent-length: 2\n\nok')),
    status000: await rawUpstream((socket) => socket.write('HTTP/1.1 000 Nothing\r\ncontent-length: 2\r\n\r\nok')),
    status099: await rawUpstream((socket) => socket.write('HTTP/1.1 099 Early\r\ncontent-length: 2\r\n\r\nok')),
    holding: await rawUpstream((socket) => held.push(socket)),
    exactly: await rawUpstream((socket) => socket.write(ok)),
  };
  upstreams.push(...Object.values(backends));
  gateway.gateway.setConfig(
    servingConfig([
      {
        apiId: API,
        routes: Object.keys(backends).map((name) => route(`GET /${name}`, name)),
        integrations: Object.entries(backends).map(([name, backend]) => httpProxy(name, backend.url)),
      },
    ]),
  );
});
afterAll(async () => {
  await gateway.close();
  for (const upstream of upstreams) await upstream.close();
});

function get(path: string) {
  return rawRequest(gateway.port, `GET ${path} HTTP/1.1\r\nhost: ${gateway.host(API)}\r\nconnection: close\r\n\r\n`);
}

describe('backend responses (issue #17, finding 5)', () => {
  it('a declared length over the 10 MB quota is 500 before any of its bytes go out', async () => {
    const reply = await get('/declared');
    expect(reply.status).toBe(500);
    expect(JSON.parse(reply.body)).toEqual({ message: 'Internal Server Error' });
    expect(reply.head).toMatch(/^apigw-requestid: /m);
  });

  it('a streamed body that passes the quota is cut short of it and logged', async () => {
    const reply = await get('/streamed');
    expect(reply.status).toBe(200); // the head had gone out: the connection is cut instead
    expect(reply.head).toMatch(/^transfer-encoding: chunked$/im);
    expect(reply.body.endsWith('0\r\n\r\n')).toBe(false); // never a clean end: the client sees an incomplete body
    expect(reply.body.length).toBeLessThanOrEqual(QUOTA + 64 * 1024); // body plus chunk framing
    expect(logLines.some((line) => line.includes('payload quota') && line.includes('cut off'))).toBe(true);
  });

  it('malformed response heads are 500 at once, not 503 after the 30 s integration timeout', async () => {
    for (const path of ['/bareLf', '/status000', '/status099']) {
      const reply = await get(path);
      expect({ path, status: reply.status, body: reply.body }).toEqual({
        path,
        status: 500,
        body: JSON.stringify({ message: 'Internal Server Error' }),
      });
    }
  }); // within vitest's 5 s default: a wait for the timeout would fail this test
});

describe('connections per upstream origin (issue #17, finding 4)', () => {
  it('at most 256 at once; the rest wait in order and are all served', async () => {
    const replies = Array.from({ length: 300 }, () => get('/holding'));
    while (held.length < 256) await new Promise((resolve) => setImmediate(resolve));
    // Everything the gateway could send has been sent once its event loop has been idle a few turns.
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(held.length).toBe(256);
    let answered = 0;
    const answerHeld = (): void => {
      while (answered < held.length) held[answered++]!.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');
    };
    const timer = setInterval(answerHeld, 5);
    try {
      const statuses = (await Promise.all(replies)).map((reply) => reply.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(300);
    } finally {
      clearInterval(timer);
    }
    expect(held).toHaveLength(300);
    expect(new Set(held).size).toBeLessThanOrEqual(256); // queued requests went out on the freed connections
  }, 20_000);
});
