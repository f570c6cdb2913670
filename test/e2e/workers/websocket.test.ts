import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, nextMessage } from '../../data-plane/websocket-gateway.js';
import { ROOT, startCli, type Cli } from './harness.js';

/**
 * WebSocket connections live in the worker that accepted them; a `@connections` call reaching
 * another worker goes through the primary to the one that holds the connection (the id says
 * which). examples/websocket's chat, with its clients spread over both workers.
 */
describe('portico up --workers 2 with a WebSocket API', () => {
  let cli: Cli | undefined;

  afterAll(() => {
    if (cli?.child.exitCode === null) cli.child.kill('SIGKILL');
  });

  it('broadcasts through @connections to clients held by either worker', async () => {
    cli = await startCli(['up', join(ROOT, 'examples', 'websocket'), '--workers', '2', '--port', '0', '--state', ':memory:']);
    const url = `ws://${cli.endpoint.slice('http://'.length)}/_aws/execute-api/${cli.apiId}/dev`;
    // node:cluster hands connections to the workers in turn: six clients sit on both.
    const clients = [];
    for (let i = 0; i < 6; i++) clients.push(await connect(url));
    const received = clients.map((ws) => nextMessage(ws));
    clients[0]?.send(JSON.stringify({ action: 'sendmessage', data: 'to everyone' }));
    const texts = await Promise.all(received);
    expect(texts.every((text) => text.endsWith(': to everyone'))).toBe(true);
    for (const ws of clients) ws.close();
    cli.child.kill('SIGTERM');
    await cli.exited;
  });
});
