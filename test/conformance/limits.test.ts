import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_ERROR, itRows, type Row } from './conformance.js';
import { startFixture, type PorticoTarget } from './target.js';

const S35 = 'docs/reference/dataplane.md §3.5';
const S13 = 'docs/reference/dataplane.md §13';

/** Write raw bytes (optionally in steps), collect everything until the server closes. */
function raw(port: number, parts: string[]): Promise<{ status: number; text: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      if (!text.startsWith('HTTP/1.1 ')) return reject(new Error(`no response: ${JSON.stringify(text.slice(0, 100))}`));
      resolve({ status: Number(text.slice(9, 12)), text, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
    for (const part of parts) socket.write(part);
  });
}

const rows: Row[] = [
  {
    ref: S13,
    name: 'request line + header values over 10,240 bytes: 431 {"message":"Request Header Fields Too Large"}',
    request: { path: '/a', headers: { 'x-big': 'a'.repeat(10_300) } },
    expect: {
      status: 431,
      body: GATEWAY_ERROR.RequestHeaderFieldsTooLarge,
      headers: { 'content-type': 'application/json' },
      upstream: 'not reached',
    },
  },
  {
    ref: S13,
    name: "a head far over Node's own limit gets the same 431",
    request: { path: '/a', headers: { 'x-big': 'a'.repeat(40_000) } },
    expect: { status: 431, body: GATEWAY_ERROR.RequestHeaderFieldsTooLarge, upstream: 'not reached' },
  },
];

describe('conformance: limits and slow clients', () => {
  let target: PorticoTarget;
  beforeAll(async () => {
    target = await startFixture('proxy', { clientLimits: { headersTimeoutMs: 200, requestTimeoutMs: 400 } });
  });
  afterAll(async () => {
    await target?.close();
  });
  itRows(rows, () => target);

  it(`${S13}: the quota counts the request line and header values, not names: exactly 10,240 bytes pass, one more does not`, async () => {
    const host = `${target.apiId()}.execute-api.localhost:${target.port}`;
    const line = 'GET /limit HTTP/1.1';
    const head = (pad: number) => `${line}\r\nHost: ${host}\r\nConnection: close\r\nX-Pad: ${'p'.repeat(pad)}\r\n\r\n`;
    const fixed = line.length + host.length + 'close'.length;
    expect((await raw(target.port, [head(10_240 - fixed)])).status).toBe(200);
    const over = await raw(target.port, [head(10_241 - fixed)]);
    expect(over.status).toBe(431);
    expect(JSON.parse(over.body)).toEqual(GATEWAY_ERROR.RequestHeaderFieldsTooLarge);
  });

  it(`${S35}: a client that does not finish its head in time gets 408 {"message":"Request Timeout"}`, async () => {
    const reply = await raw(target.port, [`GET /a HTTP/1.1\r\nHost: ${target.apiId()}.execute-api.localhost\r\nX-Slow: `]);
    expect(reply.status).toBe(408);
    expect(JSON.parse(reply.body)).toEqual(GATEWAY_ERROR.RequestTimeout);
    expect(reply.text).toMatch(/\r\nconnection: close\r\n/i);
  });

  it(`${S35}: a client that does not finish its body in time gets 408, and the backend's exchange is abandoned`, async () => {
    const before = target.backend.received.length;
    const reply = await raw(target.port, [
      `POST /fixed HTTP/1.1\r\nHost: ${target.apiId()}.execute-api.localhost\r\nContent-Length: 100\r\n\r\n`,
      'only part of the body',
    ]);
    expect(reply.status).toBe(408);
    expect(JSON.parse(reply.body)).toEqual(GATEWAY_ERROR.RequestTimeout);
    expect(target.backend.received.length).toBe(before);
  });
});
