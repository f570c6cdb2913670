import { afterEach, describe, expect, it } from 'vitest';
import { UpstreamError } from './upstream-error.js';
import { call, cleanUp, ok, poolFor, serve } from './pool-fixtures.test-support.js';

afterEach(cleanUp);

describe('HTTP/1.1 upstream client: response framing (RFC 9112 §6.3)', () => {
  it('reads Content-Length bodies and reuses the connection for the next request', async () => {
    const server = await serve((socket, _request, i) => socket.write(ok(`answer ${i}`, 'X-Backend: raw\r\n')));
    const pool = poolFor(server);
    const first = await call(pool);
    const second = await call(pool, 'GET', '/again');
    expect([first.status, first.body, second.body]).toEqual([200, 'answer 0', 'answer 1']);
    expect(first.headers).toEqual(['Content-Length', '8', 'X-Backend', 'raw']);
    expect(server.connections).toBe(1);
  });

  it('decodes chunked bodies split anywhere across reads, with extensions and trailers dropped', async () => {
    const response = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n';
    const server = await serve((socket) => {
      // One byte per write, each in its own read on the client's side.
      let at = 0;
      const next = (): void => {
        if (at < response.length) socket.write(response[at++] as string, () => setImmediate(next));
      };
      next();
    });
    const pool = poolFor(server);
    const result = await call(pool);
    expect([result.status, result.body]).toEqual([200, 'hello, world']);
    expect((await call(pool)).body).toBe('hello, world');
    expect(server.connections).toBe(1);
  });

  it('reads a body without length or chunking until the connection closes, and does not reuse it', async () => {
    const server = await serve((socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end'));
    const pool = poolFor(server);
    expect((await call(pool)).body).toBe('until the end');
    expect((await call(pool)).body).toBe('until the end');
    expect(server.connections).toBe(2);
  });

  it('reads no body after HEAD, 204 and 304, whatever Content-Length says; HEAD ends the connection', async () => {
    const server = await serve((socket, request) => {
      if (request.startsWith('HEAD')) socket.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n');
      else if (request.startsWith('GET /204')) socket.write('HTTP/1.1 204 No Content\r\n\r\n');
      else socket.write('HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\nETag: "x"\r\n\r\n');
    });
    const pool = poolFor(server);
    const head = await call(pool, 'HEAD');
    expect([head.status, head.body]).toEqual([200, '']);
    const noContent = await call(pool, 'GET', '/204');
    const notModified = await call(pool, 'GET', '/304');
    expect([noContent.status, notModified.status, notModified.body]).toEqual([204, 304, '']);
    // HEAD's connection was closed (a server might wrongly send a body); 204 and 304 shared the next one.
    expect(server.connections).toBe(2);
  });

  it('skips interim 1xx responses', async () => {
    const server = await serve((socket) =>
      socket.write(`HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n${ok('final')}`),
    );
    const result = await call(poolFor(server));
    expect([result.status, result.body, result.headers]).toEqual([200, 'final', ['Content-Length', '5']]);
  });

  it('does not reuse a connection after Connection: close, an HTTP/1.0 answer, or bytes after the response', async () => {
    const answers = [
      ok('one', 'Connection: close\r\n'),
      'HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\ntwo',
      `${ok('three')}HTTP/1.1 200 OK\r\n`,
      ok('four'),
    ];
    const server = await serve((socket, _request, i) => socket.write(answers[i] as string));
    const pool = poolFor(server);
    const bodies = [];
    for (let i = 0; i < 4; i++) bodies.push((await call(pool)).body);
    expect(bodies).toEqual(['one', 'two', 'three', 'four']);
    expect(server.connections).toBe(4);
  });

  it('keeps the bytes of concurrent responses apart, whole and in order, while the reader holds every piece', async () => {
    const bodies = ['a', 'b', 'c', 'd'].map((letter, i) => letter.repeat(200_000 + i * 7_919));
    const server = await serve((socket, request) => {
      const body = bodies[Number(request.slice(5, 6))] as string;
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`);
      // Written in pieces so that reads of the four connections interleave.
      for (let at = 0; at < body.length; at += 10_000) socket.write(body.slice(at, at + 10_000));
    });
    const pool = poolFor(server);
    const results = await Promise.all(bodies.map((_, i) => call(pool, 'GET', `/${i}`, null, [], true)));
    expect(results.map((r) => r.body === bodies[results.indexOf(r)])).toEqual([true, true, true, true]);
  });

  it('streams a large body under backpressure, in order and whole', async () => {
    const body = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < body.length; i++) body[i] = 97 + (i % 26);
    const server = await serve((socket) => {
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`);
      socket.write(body);
    });
    const result = await call(poolFor(server), 'GET', '/', null, [], true);
    expect(result.body.length).toBe(body.length);
    expect(result.body === body.toString('latin1')).toBe(true);
  });
});

describe('HTTP/1.1 upstream client: what is not HTTP, or could be read two ways, is malformed', () => {
  const cases: [string, string][] = [
    ['not HTTP', 'this is not http\r\n\r\n'],
    [
      'Transfer-Encoding with Content-Length',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
    ],
    ['duplicate Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc'],
    ['invalid Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: +3\r\n\r\nabc'],
    ['invalid chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n'],
    ['chunk data not ended by CRLF', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n'],
    ['folded header line', 'HTTP/1.1 200 OK\r\nX-A: 1\r\n  continued\r\nContent-Length: 0\r\n\r\n'],
    ['whitespace before a colon', 'HTTP/1.1 200 OK\r\nContent-Length : 0\r\n\r\n'],
    ['unsupported version', 'HTTP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n'],
    ['unsolicited 101', 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n'],
    ['a head over 16 KiB', `HTTP/1.1 200 OK\r\nX-Big: ${'b'.repeat(17_000)}\r\nContent-Length: 0\r\n\r\n`],
  ];
  for (const [name, response] of cases)
    it(name, async () => {
      const server = await serve((socket) => socket.write(response));
      const result = await call(poolFor(server));
      expect(result.error).toBeInstanceOf(UpstreamError);
      expect((result.error as UpstreamError).code).toBe('malformed');
    });
});
