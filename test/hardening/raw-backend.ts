import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A backend on raw TCP that records every byte it receives and answers each request head with a
 * small 200: the hardening suite's witness of what actually reached a backend, independent of any
 * HTTP parser (ours or Node's).
 */
export interface RawBackend {
  readonly url: string;
  /** Everything received, per connection, in arrival order (latin1). */
  readonly received: string[];
  /** Request lines of the request heads received so far (`GET /path HTTP/1.1`), bodies framed by Content-Length. */
  requestLines(): string[];
  close(): Promise<void>;
}

export async function rawBackend(): Promise<RawBackend> {
  const received: string[] = [];
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const index = received.push('') - 1;
    let pending = '';
    /** Body bytes of the current request still to come (Content-Length framing; chunked bodies are not framed). */
    let bodyLeft = 0;
    socket.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      received[index] += text;
      pending += text;
      for (;;) {
        if (bodyLeft > 0) {
          const skipped = Math.min(bodyLeft, pending.length);
          pending = pending.slice(skipped);
          bodyLeft -= skipped;
          if (bodyLeft > 0) return;
        }
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = pending.slice(0, end);
        requests.push(head.split('\r\n', 1)[0] ?? '');
        bodyLeft = Number(/^content-length:\s*(\d+)/im.exec(head)?.[1] ?? 0);
        pending = pending.slice(end + 4);
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\n\r\nok');
      }
    });
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    requestLines: () => [...requests],
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
