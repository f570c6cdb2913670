import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionPool } from './connection-pool.js';
import { buildRequestHead } from './request-head.js';
import { UpstreamError } from './upstream-error.js';
import { call, cleanUp, ok, poolFor, serve } from './pool-fixtures.test-support.js';

afterEach(cleanUp);

describe('HTTP/1.1 upstream client: failures', () => {
  it('a refused connection fails without onConnect (nothing was sent)', async () => {
    const server = await serve(() => undefined);
    await server.close();
    const result = await call(poolFor(server));
    expect(result.connected).toBe(false);
    expect((result.error as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });

  it('a reset before the head, and a reset mid-body, fail the exchange after onConnect', async () => {
    const server = await serve((socket, request) => {
      if (request.startsWith('GET /early')) socket.destroy();
      else {
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial');
        setTimeout(() => socket.destroy(), 10);
      }
    });
    const pool = poolFor(server);
    const early = await call(pool, 'GET', '/early');
    expect([early.connected, early.status, early.error?.message]).toEqual([true, 0, 'other side closed']);
    const late = await call(pool, 'GET', '/late');
    expect([late.status, late.body, late.error !== undefined]).toEqual([200, 'partial', true]);
  });

  it('sends an idempotent request again when a kept-alive connection closes under it, never a POST', async () => {
    const server = await serve((socket, request) => {
      // The first request on each connection is answered; the second one finds the connection closing.
      const answered = (socket as Socket & { answered?: boolean }).answered === true;
      if (answered) socket.destroy();
      else {
        (socket as Socket & { answered?: boolean }).answered = true;
        socket.write(ok(request.slice(0, request.indexOf(' '))));
      }
    });
    const pool = poolFor(server);
    expect((await call(pool)).body).toBe('GET');
    expect((await call(pool)).body).toBe('GET'); // retried on a new connection
    expect(server.connections).toBe(2);
    const post = await call(pool, 'POST');
    expect(post.error?.message).toBe('other side closed');
  });

  it('fails a body that stalls past the body timeout; closes idle connections after their keep-alive time', async () => {
    const server = await serve((socket, request) => {
      if (request.startsWith('GET /stall')) socket.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc');
      else socket.write(ok('fine'));
    });
    const pool = poolFor(server, { bodyTimeoutMs: 40, keepAliveMs: 30, sweepMs: 10 });
    const stalled = await call(pool, 'GET', '/stall');
    expect([stalled.status, (stalled.error as UpstreamError).code]).toEqual([200, 'body-timeout']);
    await call(pool);
    expect(pool.size).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(pool.size).toBe(0);
    expect((await call(pool)).body).toBe('fine');
    expect(server.connections).toBe(3);
  });

  it('does not keep a connection whose Keep-Alive timeout leaves no margin', async () => {
    const server = await serve((socket) => socket.write(ok('short', 'Keep-Alive: timeout=1\r\n')));
    const pool = poolFor(server);
    await call(pool);
    await call(pool);
    expect(server.connections).toBe(2);
  });

  it('refuses a head that a CR or LF in a header would split (request smuggling), a bad method or target, before connecting', () => {
    for (const value of ['rex\r\nx-evil: 1', 'rex\nx-evil: 1', 'rex\rx-evil: 1'])
      expect(() => buildRequestHead('GET', '/', ['x-pet', value], 'h')).toThrow('a header name or value holds CR or LF');
    expect(() => buildRequestHead('GET', '/', ['x-evil: 1\r\nx-pet', 'rex'], 'h')).toThrow(UpstreamError);
    expect(() => buildRequestHead('GET', '/a b', [], 'h')).toThrow('invalid request path');
    expect(() => buildRequestHead('GET /x HTTP/1.1\r\n', '/', [], 'h')).toThrow('invalid request method');
    expect(buildRequestHead('GET', '/a?b=c', ['x-pet', 'rex', 'content-length', '3'], 'h')).toEqual({
      method: 'GET',
      text: 'GET /a?b=c HTTP/1.1\r\nhost: h\r\nconnection: keep-alive\r\nx-pet: rex\r\n',
      contentLength: 3,
    });
  });

  it('lets exchanges in flight finish when the pool closes, then refuses new ones', async () => {
    let release: () => void = () => undefined;
    const server = await serve((socket) => (release = () => socket.write(ok('late'))));
    const pool = new ConnectionPool(server.url);
    const inFlight = call(pool);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const closing = pool.close(1_000);
    release();
    expect((await inFlight).body).toBe('late');
    await closing;
    expect(((await call(pool)).error as UpstreamError).code).toBe('closed-pool');
  });
});
