import { createServer as createHttpServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CountedBody } from '../counted-body.js';
import { call, cleanUp, ok, onCleanUp, poolFor, serve } from './pool-fixtures.test-support.js';

afterEach(cleanUp);

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
    onCleanUp(() => new Promise<void>((resolve) => front.close(() => resolve())));
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
