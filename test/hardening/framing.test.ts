import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rawRequest } from '../data-plane/raw-http.js';
import { startEdge, type EdgeKind, type EdgeServer } from './edge-server.js';
import { rawBackend, type RawBackend } from './raw-backend.js';

/**
 * Issue #13: the framing and smuggling table, run against both servers the client side can run on
 * (Portico's own HTTP/1.1 server and node:http). Each vector is sent raw on one connection; what the
 * client got back (the statuses, in order) and what a raw recording backend received (request lines
 * and bytes) must be the same on both, and the same as the row says: no vector may make the gateway
 * forward something other than what it answered for.
 */
interface Vector {
  readonly name: string;
  /** `{host}` is replaced with the API's Host. */
  readonly send: string;
  /** Statuses the client gets, in order. */
  readonly statuses: readonly number[];
  /** Request lines the backend receives, in order. */
  readonly forwarded: readonly string[];
  /** node:http serves pipelined requests at once (answering in order): the backend may see them in any order. */
  readonly anyOrder?: boolean;
  /** Text the backend must have received (a body, a field). */
  readonly backendSaw?: readonly string[];
  /** Text the backend must never have received. */
  readonly backendNeverSaw?: readonly string[];
}

const H = 'host: {host}';
const VECTORS: readonly Vector[] = [
  { name: 'a plain GET', send: `GET /a HTTP/1.1\r\n${H}\r\nconnection: close\r\n\r\n`, statuses: [200], forwarded: ['GET /a HTTP/1.1'] },
  {
    name: 'Content-Length and Transfer-Encoding together (CL.TE)',
    send: `POST /clte HTTP/1.1\r\n${H}\r\ncontent-length: 6\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\nG`,
    statuses: [400],
    forwarded: [],
  },
  {
    name: 'Transfer-Encoding before Content-Length (TE.CL)',
    send: `POST /tecl HTTP/1.1\r\n${H}\r\ntransfer-encoding: chunked\r\ncontent-length: 3\r\n\r\n8\r\nSMUGGLED\r\n0\r\n\r\n`,
    statuses: [400],
    forwarded: [],
  },
  {
    name: 'two different Content-Lengths',
    send: `POST /cl2 HTTP/1.1\r\n${H}\r\ncontent-length: 3\r\ncontent-length: 8\r\n\r\nabcdefgh`,
    statuses: [400],
    forwarded: [],
  },
  {
    name: 'a Transfer-Encoding that does not end in chunked',
    send: `POST /te HTTP/1.1\r\n${H}\r\ntransfer-encoding: chunked, identity\r\n\r\n3\r\nabc\r\n0\r\n\r\n`,
    statuses: [400],
    forwarded: [],
  },
  { name: 'obs-fold', send: `GET /fold HTTP/1.1\r\n${H}\r\nx-a: one\r\n  two\r\n\r\n`, statuses: [400], forwarded: [] },
  { name: 'bare LF line ends', send: `GET /lf HTTP/1.1\n${H}\n\n`, statuses: [400], forwarded: [] },
  { name: 'a space before the colon', send: `GET /sp HTTP/1.1\r\n${H}\r\nx-a : b\r\n\r\n`, statuses: [400], forwarded: [] },
  { name: 'a NUL in a value', send: `GET /nul HTTP/1.1\r\n${H}\r\nx-a: b\u0000c\r\n\r\n`, statuses: [400], forwarded: [] },
  { name: 'a signed Content-Length', send: `POST /plus HTTP/1.1\r\n${H}\r\ncontent-length: +3\r\n\r\nabc`, statuses: [400], forwarded: [] },
  {
    name: 'an invalid chunk size',
    send: `POST /chunk HTTP/1.1\r\n${H}\r\ntransfer-encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n`,
    statuses: [400],
    forwarded: [],
  },
  {
    name: 'a chunk size past 64 bits',
    send: `POST /huge HTTP/1.1\r\n${H}\r\ntransfer-encoding: chunked\r\n\r\nfffffffffffffffffff\r\nabc\r\n0\r\n\r\n`,
    statuses: [400],
    forwarded: [],
  },
  {
    name: 'a chunked body with an extension and a trailer is forwarded whole, once',
    send: `POST /ext HTTP/1.1\r\n${H}\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n5;name=v\r\nhello\r\n6\r\n world\r\n0\r\nx-trailer: t\r\n\r\n`,
    statuses: [200],
    forwarded: ['POST /ext HTTP/1.1'],
    backendSaw: ['hello world'],
    backendNeverSaw: ['x-trailer', 'name=v'],
  },
  {
    name: 'a request inside a GET body stays body (Content-Length frames it)',
    send: `GET /outer HTTP/1.1\r\n${H}\r\ncontent-length: 35\r\nconnection: close\r\n\r\nGET /inner HTTP/1.1\r\nhost: evil\r\n\r\n`,
    statuses: [200],
    forwarded: ['GET /outer HTTP/1.1'],
  },
  {
    name: 'three pipelined requests are answered in order',
    send: `GET /p1 HTTP/1.1\r\n${H}\r\n\r\nPOST /p2 HTTP/1.1\r\n${H}\r\ncontent-length: 5\r\n\r\nhelloGET /p3 HTTP/1.1\r\n${H}\r\nconnection: close\r\n\r\n`,
    statuses: [200, 200, 200],
    forwarded: ['GET /p1 HTTP/1.1', 'POST /p2 HTTP/1.1', 'GET /p3 HTTP/1.1'],
    anyOrder: true,
    backendSaw: ['hello'],
  },
  {
    name: 'a framing error behind a good request: the good one is answered, then 400 and the close',
    send: `GET /good HTTP/1.1\r\n${H}\r\n\r\nPOST /bad HTTP/1.1\r\n${H}\r\ncontent-length: 1\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n`,
    statuses: [200, 400],
    forwarded: ['GET /good HTTP/1.1'],
  },
  {
    name: 'HTTP/1.0 without keep-alive is answered and closed',
    send: `GET /ten HTTP/1.0\r\n${H}\r\n\r\n`,
    statuses: [200],
    forwarded: ['GET /ten HTTP/1.1'],
  },
  { name: 'CONNECT (no proxy tunnel here)', send: `CONNECT example.com:443 HTTP/1.1\r\n${H}\r\n\r\n`, statuses: [400], forwarded: [] },
  {
    name: 'a head past the size bound is 431',
    send: `GET /big HTTP/1.1\r\n${H}\r\nx-big: ${'v'.repeat(70_000)}\r\n\r\n`,
    statuses: [431],
    forwarded: [],
  },
];

describe.each<EdgeKind>(['own', 'node'])('framing and smuggling vectors, on the %s server (issue #13)', (kind) => {
  let backend: RawBackend;
  let server: EdgeServer;
  let seenBefore = 0;
  let bytesBefore = '';

  beforeAll(async () => {
    backend = await rawBackend();
    server = await startEdge('frame00001', backend.url, { kind });
  });
  afterAll(async () => {
    await server.close();
    await backend.close();
  });
  beforeEach(() => {
    seenBefore = backend.requestLines().length;
    bytesBefore = backend.received.join('');
  });

  it.each(VECTORS)('$name', async (vector) => {
    const reply = await rawRequest(server.port, vector.send.replaceAll('{host}', server.host));
    const text = `${reply.head}\r\n\r\n${reply.body}`;
    expect(text.match(/HTTP\/1\.1 \d{3}(?= )/g)?.map((line) => Number(line.slice(9)))).toEqual(vector.statuses);
    const forwarded = backend.requestLines().slice(seenBefore);
    if (vector.anyOrder === true && kind === 'node') expect(forwarded.sort()).toEqual([...vector.forwarded].sort());
    else expect(forwarded).toEqual(vector.forwarded);
    const received = backend.received.join('').slice(bytesBefore.length);
    for (const seen of vector.backendSaw ?? []) expect(received).toContain(seen);
    for (const never of vector.backendNeverSaw ?? []) expect(received).not.toContain(never);
    if (vector.statuses.some((status) => status >= 400)) expect(reply.body).toMatch(/\{"message":"[A-Za-z ]+"\}$/);
  });

  it('a client that half-closes after its request is gone: the connection ends, the exchange in flight is abandoned', async () => {
    const silent = await silentBackend();
    const edge = await startEdge('frame00003', silent.url, { kind });
    try {
      const socket = connect(edge.port, '127.0.0.1');
      const closed = new Promise<string>((resolve) => {
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
        socket.on('close', () => resolve(text));
      });
      socket.end(`GET /half HTTP/1.1\r\nhost: ${edge.host}\r\n\r\n`);
      // The backend got the request and never answers; the client is gone, so the gateway lets go of it too.
      expect(await closed).toBe('');
      await silent.closedOnce;
    } finally {
      await edge.close();
      await silent.close();
    }
  });

  it('a client that sends its head too slowly gets 408 (headers timeout)', async () => {
    const slow = await startEdge('frame00002', backend.url, { kind, limits: { headersTimeoutMs: 200, requestTimeoutMs: 400 } });
    try {
      const reply = await rawRequest(slow.port, `GET /slow HTTP/1.1\r\n${slow.host.replace('{host}', '')}\r\n`);
      expect(reply.status).toBe(408);
      expect(JSON.parse(reply.body)).toEqual({ message: 'Request Timeout' });
    } finally {
      await slow.close();
    }
  });
});

/** A backend that accepts, reads and never answers; `closedOnce` resolves when a connection to it closes. */
async function silentBackend(): Promise<{ url: string; closedOnce: Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let closedOnce: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (closedOnce = resolve));
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => closedOnce());
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    closedOnce: closed,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
