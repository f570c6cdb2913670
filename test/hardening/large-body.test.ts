import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEdge, type EdgeServer } from './edge-server.js';
import { rawBackend, type RawBackend } from './raw-backend.js';

/**
 * Issue #13: a body over the 10 MB payload quota is answered 413 while the client is still sending
 * it. Closing the connection at once made the kernel reset it under the unread upload, and a client
 * that reads the response only after its upload (Node's `fetch`) got EPIPE/ECONNRESET instead of the
 * 413. The gateway now closes as nginx does ("lingering close"): it answers, stops sending, and
 * reads and discards what the client still sends, for a bounded time and number of bytes.
 */
let backend: RawBackend;
let server: EdgeServer;
const API = 'large00001';
const MB = 1024 * 1024;

beforeAll(async () => {
  backend = await rawBackend();
  server = await startEdge(API, backend.url);
});
afterAll(async () => {
  await server.close();
  await backend.close();
});

async function expect413(response: Response): Promise<void> {
  expect(response.status).toBe(413);
  expect(await response.json()).toEqual({ message: 'Request Entity Too Large' });
  expect(response.headers.get('apigw-requestid')).toMatch(/^[A-Za-z0-9+/]{15}=$/);
  expect(backend.requestLines()).toEqual([]);
}

describe('a body over 10 MB: the 413 reaches Node’s fetch (issue #13)', () => {
  it('with a declared Content-Length of 11 MB (refused before reading)', async () => {
    await expect413(await fetch(`${server.url}/upload`, { method: 'POST', body: Buffer.alloc(64 * MB, 1) }));
  });

  it('with a chunked body that passes the quota while it is read', async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 64 * MB) return controller.close();
        sent += 256 * 1024;
        controller.enqueue(new Uint8Array(256 * 1024).fill(2));
      },
    });
    await expect413(await fetch(`${server.url}/upload`, { method: 'POST', body, duplex: 'half' } as RequestInit));
  });

  it('the gateway keeps serving afterwards', async () => {
    const response = await fetch(`${server.url}/after`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
  });
});
