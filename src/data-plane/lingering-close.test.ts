import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { lingerOnClose } from './lingering-close.js';

let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
});

/** A server that answers 413 with `connection: close` after 1 MiB of the body, lingering with the given byte bound. */
async function answering413(maxBytes: number): Promise<number> {
  server = createServer((req, res) => {
    // As the gateway's body reader does: read up to a limit (1 MiB here), pause, answer.
    let read = 0;
    req.on('data', (chunk: Buffer) => {
      read += chunk.length;
      if (read < 1024 * 1024 || res.headersSent) return;
      req.pause();
      lingerOnClose(res.socket!, req, { idleMs: 60_000, totalMs: 60_000, maxBytes });
      const body = '{"message":"Request Entity Too Large"}';
      res.writeHead(413, { 'content-type': 'application/json', 'content-length': body.length, connection: 'close' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Sends a chunked body without end; resolves with what came back and how much was sent before the server closed. */
function endlessUpload(port: number): Promise<{ answer: string; sent: number }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const piece = Buffer.concat([Buffer.from('10000\r\n'), Buffer.alloc(0x10000, 1), Buffer.from('\r\n')]);
    let sent = 0;
    let answer = '';
    let closed = false;
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      closed = true;
      resolve({ answer, sent });
    });
    const pump = (): void => {
      while (!closed && !socket.destroyed) {
        sent += piece.length;
        if (!socket.write(piece)) return void socket.once('drain', pump);
      }
    };
    socket.write('POST /upload HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n');
    pump();
  });
}

describe('lingering close', () => {
  it('answers, then reads and drops the upload until the byte bound, then closes', async () => {
    const port = await answering413(4 * 1024 * 1024);
    const { answer, sent } = await endlessUpload(port);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.endsWith('{"message":"Request Entity Too Large"}')).toBe(true);
    // The server kept reading past its answer, and stopped not long after the bound.
    expect(sent).toBeGreaterThan(5 * 1024 * 1024);
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });
});
