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
  /** Request lines seen so far (`GET /path HTTP/1.1`). */
  requestLines(): string[];
  close(): Promise<void>;
}

export async function rawBackend(): Promise<RawBackend> {
  const received: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const index = received.push('') - 1;
    let pending = '';
    socket.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      received[index] += text;
      pending += text;
      // One answer per request head; bodies are recorded but not framed (the tests send none, or read `received`).
      let end = pending.indexOf('\r\n\r\n');
      while (end >= 0) {
        pending = pending.slice(end + 4);
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\n\r\nok');
        end = pending.indexOf('\r\n\r\n');
      }
    });
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    requestLines: () => received.flatMap((text) => [...text.matchAll(/^[A-Z]+ \S+ HTTP\/1\.1$/gm)].map((m) => m[0])),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
