import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A TCP server that answers each request head with bytes chosen by the test (malformed responses, resets). */
export async function rawUpstream(
  onRequest: (socket: Socket, head: string) => void,
): Promise<{ port: number; url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffered = '';
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      const end = buffered.indexOf('\r\n\r\n');
      if (end >= 0) {
        const head = buffered.slice(0, end);
        buffered = '';
        onRequest(socket, head);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface RawReply {
  status: number;
  head: string;
  body: string;
}

/**
 * Send a request head, then body chunks produced by `chunks` until the server has answered (or the
 * producer is exhausted), and collect everything the server sends until it closes the connection.
 */
export function rawRequest(port: number, head: string, chunks: () => Iterable<Buffer> = () => []): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    let answered = false;
    socket.on('error', () => undefined); // EPIPE/ECONNRESET once the gateway stops reading are expected
    socket.on('data', (chunk: Buffer) => {
      answered = true;
      received.push(chunk);
    });
    socket.on('close', () => {
      const text = Buffer.concat(received).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      if (split < 0) return reject(new Error(`no response head in ${JSON.stringify(text.slice(0, 200))}`));
      const status = Number(text.slice(9, 12));
      resolve({ status, head: text.slice(0, split), body: text.slice(split + 4) });
    });
    socket.write(head);
    const iterator = chunks()[Symbol.iterator]();
    const pump = (): void => {
      while (!answered && !socket.destroyed) {
        const next = iterator.next();
        if (next.done) return;
        if (!socket.write(next.value)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}
