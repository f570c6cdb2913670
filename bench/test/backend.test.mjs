import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startProcess, stopProcess } from '../lib/processes.mjs';

const BACKEND = join(import.meta.dirname, '..', 'servers', 'backend.mjs');
let proc;
let port;

beforeAll(async () => {
  port = await freePort();
  proc = await startProcess('backend', [process.execPath, BACKEND, String(port)], { ready: (out) => out.includes('listening') });
});
afterAll(() => stopProcess(proc));

function send(method, path, { body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the benchmark backend', () => {
  it('answers GET with a small JSON body, with a Date and a length', async () => {
    const res = await send('GET', '/orders/42');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['content-length']).toBe('41');
    expect(Number.isNaN(Date.parse(res.headers.date))).toBe(false);
    expect(JSON.parse(res.body.toString())).toEqual({ id: '42', status: 'shipped', items: 3 });
  });

  it('answers /16k with 16 KiB', async () => {
    const res = await send('GET', '/16k');
    expect(res.body.length).toBe(16 * 1024);
  });

  it('echoes a 64 KiB POST byte for byte, then serves the next request on the same connection', async () => {
    const body = randomBytes(64 * 1024);
    const res = await send('POST', '/echo', { body, headers: { 'Content-Length': String(body.length) } });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(body.length));
    expect(res.body.equals(body)).toBe(true);
  });

  it('answers pipelined requests in order, reading past the body of a non-echo POST', async () => {
    // The first POST's body looks like a request: answering it would add a 16 KiB response.
    const smuggled = 'GET /16k HTTP/1.1\r\nHost: x\r\n\r\n';
    const socket = connect(port, '127.0.0.1');
    const text = await new Promise((resolve) => {
      let out = '';
      socket.on('data', (c) => {
        out += c.toString('latin1');
        if (out.endsWith('\r\n\r\nECHO')) resolve(out);
      });
      socket.write(
        `POST /other HTTP/1.1\r\nHost: x\r\nContent-Length: ${smuggled.length}\r\n\r\n${smuggled}` +
          'POST /echo HTTP/1.1\r\nHost: x\r\ncontent-length: 4\r\n\r\nEC',
      );
      // The rest of the echoed body in a later packet.
      setTimeout(() => socket.write('HO'), 20);
    });
    socket.destroy();
    expect([...text.matchAll(/Content-Length: (\d+)/g)].map((m) => m[1])).toEqual(['41', '4']);
  });

  it('refuses a chunked body (501 and close) rather than answer it wrongly', async () => {
    const res = await send('POST', '/echo', { body: 'abc', headers: { 'Transfer-Encoding': 'chunked' } });
    expect(res.status).toBe(501);
  });
});
