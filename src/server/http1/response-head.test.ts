import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../../../test/data-plane/raw-http.js';
import { listen, type Listening } from '../listen.js';

/**
 * The own server's response heads against node:http's, byte for byte (but `Date`): the same answer
 * to the same request, written once through node:http's ServerResponse and once through the own
 * server's sink, over real sockets.
 */
interface Answer {
  readonly status: number;
  readonly headers: string[];
  readonly body?: string;
}

const ANSWERS: Record<string, Answer> = {
  '/length': { status: 200, headers: ['content-type', 'text/plain', 'content-length', '5'], body: 'hello' },
  '/chunked': { status: 201, headers: ['x-a', 'b'], body: 'unknown length' },
  '/empty': { status: 204, headers: ['x-a', 'b'] },
  '/not-modified': { status: 304, headers: ['etag', '"x"'] },
  '/close': { status: 400, headers: ['content-length', '2', 'connection', 'close'], body: '{}' },
  '/odd-status': { status: 599, headers: ['content-length', '0'] },
  '/date': { status: 200, headers: ['date', 'Thu, 01 Jan 2026 00:00:00 GMT', 'content-length', '1'], body: 'x' },
};

function answer(path: string): Answer {
  return ANSWERS[path] ?? { status: 404, headers: ['content-length', '0'] };
}

let node: Listening;
let own: Listening;
beforeAll(async () => {
  node = await listen('127.0.0.1', 0, (req, res) => {
    const { status, headers, body } = answer(req.url ?? '');
    res.writeHead(status, headers).end(body);
  });
  own = await listen(
    '127.0.0.1',
    0,
    (_req, res) => res.writeHead(500).end(),
    {},
    undefined,
    undefined,
    (request) => (sink) => {
      const { status, headers, body } = answer(request.url ?? '');
      sink.head(status, headers);
      sink.end(body === undefined ? undefined : Buffer.from(body));
    },
  );
});
afterAll(async () => {
  await node.close();
  await own.close();
});

const withoutDate = (text: string): string => text.replace(/^Date: [^\r]*\r\n/m, 'Date: *\r\n');

describe('response heads: the own HTTP/1.1 server writes what node:http writes', () => {
  const requests = Object.keys(ANSWERS).flatMap((path) => [
    `GET ${path} HTTP/1.1\r\nhost: a\r\nconnection: close\r\n\r\n`,
    `HEAD ${path} HTTP/1.1\r\nhost: a\r\nconnection: close\r\n\r\n`,
    `GET ${path} HTTP/1.0\r\nhost: a\r\n\r\n`,
    // Keep-alive over HTTP/1.0, then the next request closes.
    `GET ${path} HTTP/1.0\r\nhost: a\r\nconnection: keep-alive\r\n\r\nGET ${path} HTTP/1.1\r\nhost: a\r\nconnection: close\r\n\r\n`,
    `GET ${path} HTTP/1.1\r\nhost: a\r\n\r\nGET ${path} HTTP/1.1\r\nhost: a\r\nconnection: close\r\n\r\n`,
  ]);
  it.each(requests)('%j', async (request) => {
    const [fromNode, fromOwn] = await Promise.all([rawRequest(node.port, request), rawRequest(own.port, request)]);
    expect(withoutDate(`${fromOwn.head}\r\n\r\n${fromOwn.body}`)).toBe(withoutDate(`${fromNode.head}\r\n\r\n${fromNode.body}`));
  });

  it('refuses what node:http refuses before anything is sent', async () => {
    const bad: [number, string[]][] = [
      [99, []],
      [1000, []],
      [200, ['bad name', 'v']],
      [200, ['x-a', 'line\r\nbreak']],
    ];
    for (const [status, headers] of bad) {
      let refusedHere: unknown;
      const server = await listen(
        '127.0.0.1',
        0,
        () => undefined,
        {},
        undefined,
        undefined,
        () => (sink) => {
          try {
            sink.head(status, headers);
          } catch (error) {
            refusedHere = error;
            sink.head(502, ['content-length', '0']);
          }
          sink.end();
        },
      );
      try {
        const reply = await rawRequest(server.port, 'GET / HTTP/1.1\r\nhost: a\r\nconnection: close\r\n\r\n');
        expect(reply.status).toBe(502);
        expect(refusedHere).toBeInstanceOf(Error);
      } finally {
        await server.close();
      }
    }
  });
});
