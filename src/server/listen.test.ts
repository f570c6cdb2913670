import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listen, type Listening } from './listen.js';

let server: Listening | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('client connections', () => {
  it('are kept alive without a Keep-Alive header (API Gateway sends none), and closed once idle for idleTimeoutMs', async () => {
    server = await listen('127.0.0.1', 0, (_req, res) => res.writeHead(200, ['content-length', '2']).end('ok'), { idleTimeoutMs: 100 });
    const socket = connect(server.port, '127.0.0.1');
    let received = '';
    let answered: () => void = () => undefined;
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      answered();
    });
    const answers = (count: number) =>
      new Promise<void>((resolve) => {
        answered = () => {
          if ((received.match(/HTTP\/1\.1 200 OK/g) ?? []).length >= count) resolve();
        };
        answered();
      });
    const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(performance.now())));
    // Two requests on one connection: the second goes out as soon as the first is answered.
    socket.write('GET / HTTP/1.1\r\nHost: a\r\n\r\n');
    await answers(1);
    socket.write('GET / HTTP/1.1\r\nHost: a\r\n\r\n');
    await answers(2);
    const lastAnswer = performance.now();
    expect(received).toMatch(/\r\nConnection: keep-alive\r\n/);
    expect(received).not.toMatch(/\r\nKeep-Alive:/i);
    const closedAt = await closed;
    // Node's socket timer has no injectable clock: the close is measured, not awaited for.
    expect(closedAt - lastAnswer).toBeGreaterThanOrEqual(90);
    expect(closedAt - lastAnswer).toBeLessThan(1_000);
  });
});
