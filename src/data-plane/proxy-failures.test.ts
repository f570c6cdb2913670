import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, rawUpstream } from '../../test/data-plane/raw-http.js';
import {
  echoUpstream,
  listen,
  send,
  startGateway,
  type Echo,
  type GatewayUnderTest,
  type Listening,
} from '../../test/data-plane/servers.js';
import { httpProxy, route, servingConfig } from '../../test/data-plane/serving-config.js';

const API = 'fails00001';
const REQUEST_ID = /^[A-Za-z0-9+/]{15}=$/;
const TEN_MB = 10_485_760;

let gateway: GatewayUnderTest;
let echo: Listening;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  gateway = await startGateway();
  echo = await echoUpstream();
});
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});
afterAll(async () => {
  await gateway.close();
  await echo.close();
});

let deployment = 0;
/** Serve `$default` → one HTTP_PROXY integration. */
function proxyTo(uri: string, timeoutInMillis = 30_000): void {
  deployment += 1;
  gateway.gateway.setConfig(
    servingConfig([
      {
        apiId: API,
        deploymentId: `d${deployment}`,
        routes: [route('$default', 'target')],
        integrations: [httpProxy('target', uri, { timeoutInMillis })],
      },
    ]),
  );
}

const host = (): Record<string, string> => ({ host: gateway.host(API) });

function expectGatewayError(
  reply: { status: number; headers: Record<string, unknown>; body: string },
  status: number,
  message: string,
): void {
  expect({ status: reply.status, body: JSON.parse(reply.body) as unknown }).toEqual({ status, body: { message } });
  expect(reply.headers['content-type']).toBe('application/json');
  expect(reply.headers['apigw-requestid']).toMatch(REQUEST_ID);
}

describe('backend responses', () => {
  it('passes an upstream 500 through unchanged, with apigw-requestid added', async () => {
    const failing = await listen((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain', 'x-backend': 'b1' });
      res.end('backend exploded');
    });
    cleanups.push(failing.close);
    proxyTo(failing.url);
    const reply = await send(gateway.port, { headers: host() });
    expect(reply.status).toBe(500);
    expect(reply.body).toBe('backend exploded');
    expect(reply.headers['content-type']).toBe('text/plain');
    expect(reply.headers['x-backend']).toBe('b1');
    expect(reply.headers['apigw-requestid']).toMatch(REQUEST_ID);
  });

  it('removes hop-by-hop response headers, keeps the rest, and replaces a backend apigw-requestid', async () => {
    const raw = await rawUpstream((socket) => {
      socket.end(
        'HTTP/1.1 201 Created\r\nContent-Length: 2\r\nConnection: x-internal\r\nx-internal: 1\r\nKeep-Alive: timeout=9\r\n' +
          'Proxy-Authenticate: Basic\r\nUpgrade: h2c\r\nset-cookie: a=1\r\nset-cookie: b=2\r\napigw-requestid: forged\r\n\r\nok',
      );
    });
    cleanups.push(raw.close);
    proxyTo(raw.url);
    const reply = await send(gateway.port, { headers: host() });
    expect(reply.status).toBe(201);
    expect(reply.body).toBe('ok');
    expect(reply.headers['x-internal']).toBeUndefined();
    expect(reply.headers['proxy-authenticate']).toBeUndefined();
    expect(reply.headers.upgrade).toBeUndefined();
    expect(reply.headers['keep-alive']).not.toBe('timeout=9');
    expect(reply.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(reply.headers['apigw-requestid']).toMatch(REQUEST_ID);
  });

  it('gives every response its own request id', async () => {
    proxyTo(echo.url);
    const ids = new Set<unknown>();
    for (let i = 0; i < 20; i++) ids.add((await send(gateway.port, { headers: host() })).headers['apigw-requestid']);
    ids.add((await send(gateway.port, { headers: { host: gateway.host('unknown000') } })).headers['apigw-requestid']);
    expect(ids.size).toBe(21);
  });

  it('streams the response without waiting for the whole body', async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const streaming = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first;');
      void released.then(() => res.end('rest'));
    });
    cleanups.push(streaming.close);
    proxyTo(streaming.url);
    const body = await new Promise<string>((resolve, reject) => {
      const req = httpRequest({ port: gateway.port, host: '127.0.0.1', headers: host(), agent: false }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text === 'first;') release(); // the first chunk arrived while the backend was still holding the rest
        });
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    expect(body).toBe('first;rest');
  });
});

describe('integration failures (docs/compatibility.md "Decided where AWS is silent")', () => {
  it('connection refused → 503 Service Unavailable', async () => {
    const closed = await listen(() => undefined);
    await closed.close();
    proxyTo(closed.url);
    expectGatewayError(await send(gateway.port, { headers: host() }), 503, 'Service Unavailable');
  });

  it('no response head within timeoutInMillis → 503, soon after the timeout', async () => {
    const silent = await listen(() => undefined);
    cleanups.push(silent.close);
    proxyTo(silent.url, 100);
    const started = performance.now();
    const reply = await send(gateway.port, { headers: host() });
    const elapsed = performance.now() - started;
    expectGatewayError(reply, 503, 'Service Unavailable');
    expect(elapsed).toBeGreaterThanOrEqual(95);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('a response that is not HTTP → 500 Internal Server Error', async () => {
    const garbage = await rawUpstream((socket) => socket.end('this is not http\r\n\r\n'));
    cleanups.push(garbage.close);
    proxyTo(garbage.url);
    expectGatewayError(await send(gateway.port, { headers: host() }), 500, 'Internal Server Error');
  });

  it('reset before the head → 503; reset mid-body → the client connection is cut, and the gateway keeps serving', async () => {
    const resetting = await rawUpstream((socket, head) => {
      if (head.startsWith('GET /early')) socket.destroy();
      else {
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial');
        setTimeout(() => socket.destroy(), 20);
      }
    });
    cleanups.push(resetting.close);
    proxyTo(resetting.url);
    expectGatewayError(await send(gateway.port, { path: '/early', headers: host() }), 503, 'Service Unavailable');
    const cut = await new Promise<{ status: number; complete: boolean }>((resolve) => {
      const req = httpRequest(
        { port: gateway.port, host: '127.0.0.1', path: '/late', headers: host(), agent: false },
        (res: IncomingMessage) => {
          res.on('data', () => undefined);
          res.on('error', () => undefined);
          res.on('close', () => resolve({ status: res.statusCode ?? 0, complete: res.complete }));
        },
      );
      req.on('error', () => resolve({ status: 0, complete: false }));
      req.end();
    });
    expect(cut).toEqual({ status: 200, complete: false });
    proxyTo(echo.url);
    expect((await send(gateway.port, { headers: host() })).status).toBe(200);
  });

  it('a client that goes away cancels the upstream request', async () => {
    let upstreamClosed: () => void = () => undefined;
    const closedUpstream = new Promise<void>((resolve) => (upstreamClosed = resolve));
    let arrived: () => void = () => undefined;
    const upstreamGotIt = new Promise<void>((resolve) => (arrived = resolve));
    const slow = await listen((req) => {
      arrived();
      req.socket.on('close', () => upstreamClosed());
    });
    cleanups.push(slow.close);
    proxyTo(slow.url);
    const req = httpRequest({ port: gateway.port, host: '127.0.0.1', headers: host(), agent: false });
    req.on('error', () => undefined);
    req.end();
    await upstreamGotIt;
    req.destroy();
    await closedUpstream;
    proxyTo(echo.url);
    expect((await send(gateway.port, { headers: host() })).status).toBe(200);
  });
});

describe('payload quota: 10 MB (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html)', () => {
  const head = (framing: string): string => `POST /upload HTTP/1.1\r\nHost: ${gateway.host(API)}\r\n${framing}\r\n\r\n`;

  it('a declared Content-Length over 10,485,760 bytes → 413 before any byte is read', async () => {
    proxyTo(echo.url);
    const reply = await rawRequest(gateway.port, head(`Content-Length: ${TEN_MB + 1}`));
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toEqual({ message: 'Request Entity Too Large' });
    expect(reply.head).toMatch(/apigw-requestid: [A-Za-z0-9+/]{15}=/i);
  });

  it('a chunked body that grows past 10 MB → 413 and the connection is closed', async () => {
    proxyTo(echo.url);
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
    const reply = await rawRequest(gateway.port, head('Transfer-Encoding: chunked'), function* () {
      for (let i = 0; i < 12; i++) yield frame;
    });
    expect(reply.status).toBe(413);
    expect(reply.head).toMatch(/connection: close/i);
    expect(JSON.parse(reply.body)).toEqual({ message: 'Request Entity Too Large' });
  });

  it('exactly 10 MB is accepted', async () => {
    proxyTo(echo.url);
    const reply = await send(gateway.port, { method: 'POST', headers: host(), body: Buffer.alloc(TEN_MB, 0x62) });
    expect(reply.status).toBe(200);
    expect((JSON.parse(reply.body) as Echo).bodyBytes).toBe(TEN_MB);
  });
});

describe('config swaps', () => {
  it('a request in flight finishes on the config it started with', async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let arrived: () => void = () => undefined;
    const oldGotIt = new Promise<void>((resolve) => (arrived = resolve));
    const old = await listen((_req, res) => {
      arrived();
      void released.then(() => res.end('from the old deployment'));
    });
    cleanups.push(old.close);
    proxyTo(old.url);
    const inFlight = send(gateway.port, { headers: host() });
    await oldGotIt;
    proxyTo(echo.url);
    release();
    expect((await inFlight).body).toBe('from the old deployment');
    expect((JSON.parse((await send(gateway.port, { headers: host() })).body) as Echo).name).toBe('echo');
  });
});
