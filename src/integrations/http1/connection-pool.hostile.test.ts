import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HOSTILE_RESPONSES } from './hostile-responses.test-support.js';
import { bytes, parseWithOurs } from './parser-probe.test-support.js';
import { call, cleanUp, ok, poolFor, serve } from './pool-fixtures.test-support.js';
import { UpstreamError } from './upstream-error.js';

afterEach(cleanUp);

describe('HTTP/1.1 upstream client: hostile responses, end to end through a ConnectionPool', () => {
  for (const hostile of HOSTILE_RESPONSES) {
    const expected = hostile.pool;
    if (expected === undefined) continue;
    it(`${hostile.name}: ${'error' in expected ? `onError(${expected.error})` : `${expected.status}, ${expected.reused ? '' : 'not '}reused`}`, async () => {
      // The backend closes only when the response is meant to end at the close: a refusal must not wait for it.
      const closes = 'error' in expected && expected.error === 'closed';
      let firstClosed: Promise<void> | undefined;
      const server = await serve((socket, _request, index) => {
        if (index > 0) return void socket.write(ok('next'));
        firstClosed = new Promise((resolve) => socket.once('close', () => resolve()));
        if (closes) socket.end(hostile.text, 'latin1');
        else socket.write(hostile.text, 'latin1');
      });
      const pool = poolFor(server);
      const result = await call(pool, hostile.method);
      // onHeaders ran exactly when the parser reported a final head; the body pieces are what it read.
      const parsed = parseWithOurs(hostile.method, [bytes(hostile.text)]);
      expect({ status: result.status, body: result.body }).toEqual({ status: parsed.status, body: parsed.body });
      if ('error' in expected) {
        expect(result.error).toBeInstanceOf(UpstreamError);
        expect((result.error as UpstreamError).code).toBe(expected.error);
      } else {
        expect(result.error).toBeUndefined();
        expect({ status: result.status, body: result.body }).toEqual({ status: expected.status, body: expected.body });
      }
      expect((await call(pool)).body).toBe('next');
      const reused = 'reused' in expected && expected.reused;
      expect(server.connections).toBe(reused ? 1 : 2);
      // A connection that is not reused is closed: by the client whenever the backend kept it open.
      if (!reused) await firstClosed;
    });
  }
});

describe('HTTP/1.1 upstream client: an idle pooled connection that receives a byte is destroyed', () => {
  it('a late, unsolicited response on an idle keep-alive connection never reaches the next request (100 tries)', async () => {
    const late = ['HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nlate', 'HTTP/1.1 100 Continue\r\n\r\n', '\r\n', 'H'];
    let last: Socket | undefined;
    const server = await serve((socket, request, index) => {
      last = socket;
      // Small writes leave at once (Nagle would hold the late bytes for the answer's delayed ACK).
      socket.setNoDelay(true);
      socket.write(ok(`${request.startsWith('GET /first') ? 'first' : 'second'} ${index}`));
    });
    const pool = poolFor(server);
    for (let i = 0; i < 100; i++) {
      expect((await call(pool, 'GET', '/first')).body).toBe(`first ${2 * i}`);
      // The answer is complete and its connection back in the pool, idle; now the backend speaks unasked.
      const socket = last as Socket;
      const closed = new Promise((resolve) => socket.once('close', resolve));
      socket.write(late[i % late.length] as string);
      // The client destroys the connection (no timer involved): the backend sees it close.
      await closed;
      expect((await call(pool, 'GET', '/second')).body).toBe(`second ${2 * i + 1}`);
    }
    // Each /second needed a new connection; each /first reused the previous /second's.
    expect(server.connections).toBe(101);
  });
});
