import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portico, startPortico } from '../../src/server/index.js';
import { closed, connect, nextMessage } from '../data-plane/websocket-gateway.js';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'websocket');

/**
 * examples/websocket end to end, as `npx portico up examples/websocket` runs it: the Terraform's
 * WebSocket API, its Lambda functions run locally, a chat between two `ws` clients through the
 * `@connections` API (the functions' AWS SDK v3 client), and `$disconnect` cleaning up.
 */
describe('the WebSocket chat example', () => {
  let portico: Portico;
  let url: string;

  beforeAll(async () => {
    portico = await startPortico({ dir: EXAMPLE, port: 0, state: ':memory:', logLevel: 'silent' });
    const stage = portico.apis[0]?.stages.find((s) => s.stageName === 'dev');
    url = stage?.urls.find((u) => u.includes('/_aws/execute-api/')) ?? '';
  });

  afterAll(async () => {
    await portico?.stop();
  });

  it('prints ws:// stage URLs', () => {
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/_aws\/execute-api\/[a-z0-9]{10}\/dev$/);
  });

  it('broadcasts a message to every client, answers anything else on the two-way $default route, and forgets who left', async () => {
    const alice = await connect(url);
    const bob = await connect(url);
    const toAlice = nextMessage(alice);
    const toBob = nextMessage(bob);
    alice.send(JSON.stringify({ action: 'sendmessage', data: 'hello' }));
    const [a, b] = await Promise.all([toAlice, toBob]);
    expect(a).toMatch(/^.{4}: hello$/);
    expect(b).toBe(a);
    const help = nextMessage(bob);
    bob.send('what can I do?');
    expect(await help).toContain('"action":"sendmessage"');
    const left = closed(bob);
    bob.close();
    await left;
    // $disconnect removed bob; a broadcast now reaches alice alone (and no GoneException surfaces).
    const again = nextMessage(alice);
    alice.send(JSON.stringify({ action: 'sendmessage', data: 'still here?' }));
    expect(await again).toMatch(/: still here\?$/);
    alice.close();
  });
});
