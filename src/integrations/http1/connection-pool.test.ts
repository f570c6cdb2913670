import { createServer as createHttpServer, request as httpRequest, type IncomingMessage } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CountedBody } from '../counted-body.js';
import { ConnectionPool, type ConnectionPoolOptions } from './connection-pool.js';
import type { ExchangeControl, ExchangeHandler } from './exchange.js';
import { buildRequestHead } from './request-head.js';
import { UpstreamError } from './upstream-error.js';

/** A TCP server whose answers the test writes byte for byte; it records every request's bytes and each connection. */
interface RawServer {
  readonly url: string;
  readonly port: number;
  /** Connections accepted so far. */
  connections: number;
  /** Everything received, per connection. */
  readonly received: string[];
  close(): Promise<void>;
}

type Responder = (socket: Socket, request: string, index: number) => void;

async function rawServer(respond: Responder): Promise<RawServer> {
  const sockets = new Set<Socket>();
  let requests = 0;
  const state: RawServer = {
    url: '',
    port: 0,
    connections: 0,
    received: [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((socket) => {
    const connection = state.connections++;
    state.received[connection] = '';
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let pending = '';
    socket.on('data', (chunk: Buffer) => {
      state.received[connection] += chunk.toString('latin1');
      pending += chunk.toString('latin1');
      // One request per head; a body (Content-Length or chunked) is answered once it is complete.
      for (;;) {
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = pending.slice(0, end);
        const length = /\r\ncontent-length: (\d+)/i.exec(head);
        let total = end + 4 + (length ? Number(length[1]) : 0);
        if (/\r\ntransfer-encoding: chunked/i.test(head)) {
          const last = pending.indexOf('\r\n0\r\n\r\n', end);
          if (last < 0) return;
          total = last + 7;
        }
        if (pending.length < total) return;
        const request = pending.slice(0, total);
        pending = pending.slice(total);
        respond(socket, request, requests++);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(state, { port, url: `http://127.0.0.1:${port}` });
}

interface Result {
  status: number;
  headers: string[];
  body: string;
  connected: boolean;
  error?: Error;
}

/** Collects one exchange; `slowReader` returns false from onData and resumes later, to exercise backpressure. */
class Collector implements ExchangeHandler {
  connected = false;
  status = 0;
  headers: string[] = [];
  chunks: Buffer[] = [];
  control: ExchangeControl | undefined;
  readonly done: Promise<Result>;
  #resolve: (result: Result) => void = () => undefined;

  constructor(private readonly slowReader = false) {
    this.done = new Promise((resolve) => (this.#resolve = resolve));
  }

  onConnect(control: ExchangeControl): void {
    this.connected = true;
    this.control = control;
  }

  onHeaders(status: number, headers: string[]): void {
    this.status = status;
    this.headers = headers;
  }

  onData(chunk: Buffer): boolean {
    // Kept as handed over (a client response keeps them too until they are written): the client must not reuse their bytes.
    this.chunks.push(chunk);
    if (!this.slowReader) return true;
    setTimeout(() => this.control?.resume(), 1);
    return false;
  }

  onComplete(last: Buffer | undefined): void {
    if (last !== undefined) this.chunks.push(last);
    this.#resolve({
      status: this.status,
      headers: this.headers,
      body: Buffer.concat(this.chunks).toString('latin1'),
      connected: this.connected,
    });
  }

  onError(error: Error): void {
    this.#resolve({
      status: this.status,
      headers: this.headers,
      body: Buffer.concat(this.chunks).toString('latin1'),
      connected: this.connected,
      error,
    });
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function serve(respond: Responder): Promise<RawServer> {
  const server = await rawServer(respond);
  cleanups.push(server.close);
  return server;
}

function poolFor(server: { url: string }, options: ConnectionPoolOptions = {}): ConnectionPool {
  const pool = new ConnectionPool(server.url, options);
  cleanups.push(() => pool.close(0));
  return pool;
}

function call(
  pool: ConnectionPool,
  method = 'GET',
  path = '/',
  body: Buffer | CountedBody | null = null,
  headers: string[] = [],
  slowReader = false,
): Promise<Result> {
  const collector = new Collector(slowReader);
  pool.dispatch({ head: buildRequestHead(method, path, ['host', 'backend.test', ...headers], 'origin.test'), body }, collector);
  return collector.done;
}

const ok = (body: string, extra = ''): string => `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n${extra}\r\n${body}`;

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

describe('HTTP/1.1 upstream client: request framing', () => {
  it('sends content-length: 0 for a POST without body, none for a GET, and the length of a buffered body', async () => {
    const server = await serve((socket) => socket.write(ok('')));
    const pool = poolFor(server);
    await call(pool, 'POST');
    await call(pool, 'GET');
    await call(pool, 'PUT', '/put', Buffer.from('buffered'));
    expect(server.received[0]).toBe(
      'POST / HTTP/1.1\r\nhost: backend.test\r\nconnection: keep-alive\r\ncontent-length: 0\r\n\r\n' +
        'GET / HTTP/1.1\r\nhost: backend.test\r\nconnection: keep-alive\r\n\r\n' +
        'PUT /put HTTP/1.1\r\nhost: backend.test\r\nconnection: keep-alive\r\ncontent-length: 8\r\n\r\nbuffered',
    );
  });

  it("streams a client's body with its Content-Length, or chunked when it had none", async () => {
    const server = await serve((socket) => socket.write(ok('')));
    const pool = poolFor(server);
    // Real client requests (IncomingMessage) through a node:http server, as the gateway gets them.
    const front = createHttpServer((req: IncomingMessage, res) => {
      const length = req.headers['content-length'];
      void call(pool, 'POST', '/up', new CountedBody(req), length === undefined ? [] : ['content-length', length]).then((result) =>
        res.end(String(result.status)),
      );
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => front.close(() => resolve())));
    const port = (front.address() as AddressInfo).port;
    const post = (chunks: string[], headers: Record<string, string>): Promise<void> =>
      new Promise((resolve, reject) => {
        const req = httpRequest({ port, host: '127.0.0.1', method: 'POST', headers, agent: false }, (res) =>
          res.resume().on('end', resolve),
        );
        req.on('error', reject);
        for (const chunk of chunks) req.write(chunk);
        req.end();
      });
    await post(['abc', 'def'], { 'content-length': '6' });
    await post(['abc', 'defg'], {});
    const received = server.received.join('');
    expect(received).toContain('content-length: 6\r\n\r\nabcdef');
    expect(received).toMatch(/transfer-encoding: chunked\r\n\r\n(3\r\nabc\r\n4\r\ndefg\r\n|7\r\nabcdefg\r\n)0\r\n\r\n$/);
  });
});
