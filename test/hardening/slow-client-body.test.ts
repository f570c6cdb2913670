import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEdge, type EdgeKind } from './edge-server.js';

// Upstream connections read into one buffer the process reuses (integrations/http1/connection-pool.ts):
// a body piece that is still queued for a client that cannot take it at once, or collected for a
// mapping that reads the body, must be a copy, or the next read overwrites it. A client that stops
// reading while a large body streams through, and a body collected from more than one read, must
// still arrive with every byte in its place, on both servers of the edge.

const BODY_BYTES = 8 * 1024 * 1024;

/** Every 4-byte word holds its own index: a piece overwritten or moved shows. */
function patterned(bytes: number): Buffer {
  const body = Buffer.allocUnsafe(bytes);
  for (let word = 0; word < bytes / 4; word++) body.writeUInt32BE(word, word * 4);
  return body;
}

const BODY = patterned(BODY_BYTES);
/** JSON for a mapping that reads the body (under the 100 KB AWS evaluates, more than one read): collected whole before it is mapped and sent. */
const JSON_BODY = Buffer.from(JSON.stringify({ a: 'first', pad: patterned(64 * 1024).toString('base64') }));
let backend: Server;
let backendUrl: string;

beforeAll(async () => {
  backend = createServer((req, res) => {
    if (req.url?.endsWith('/json') === true) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': JSON_BODY.length });
      for (let at = 0; at < JSON_BODY.length; at += 48 * 1024) res.write(JSON_BODY.subarray(at, at + 48 * 1024));
      return void res.end();
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': BODY_BYTES });
    // Many pieces, as a backend streaming from disk sends them.
    for (let at = 0; at < BODY_BYTES; at += 48 * 1024) res.write(BODY.subarray(at, Math.min(at + 48 * 1024, BODY_BYTES)));
    res.end();
  });
  backend.listen(0, '127.0.0.1');
  await once(backend, 'listening');
  backendUrl = `http://127.0.0.1:${(backend.address() as { port: number }).port}`;
});

afterAll(async () => {
  backend.closeAllConnections();
  await new Promise((resolve) => backend.close(resolve));
});

async function turns(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe.each<EdgeKind>(['own', 'node'])('a client that stops reading while a large body streams through (%s server)', (kind) => {
  it('gets every byte in its place once it reads again', async () => {
    const edge = await startEdge('slowclient', backendUrl, { kind });
    try {
      const client = connect(edge.port, '127.0.0.1');
      await once(client, 'connect');
      client.pause();
      client.write(`GET /_aws/execute-api/slowclient/big HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      // The body fills the client's socket and the gateway's: writes queue behind it, reads go on.
      await turns(300);
      const chunks: Buffer[] = [];
      client.on('data', (chunk: Buffer) => chunks.push(chunk));
      client.resume();
      await once(client, 'end');
      const received = Buffer.concat(chunks);
      const headEnd = received.indexOf('\r\n\r\n');
      expect(received.subarray(0, headEnd).toString('latin1')).toMatch(/^HTTP\/1\.1 200 /);
      const body = received.subarray(headEnd + 4);
      expect(body.length).toBe(BODY_BYTES);
      // Compared in one go (a mismatch reports the first word out of place, not 8 MiB of bytes).
      const firstWrong = body.equals(BODY) ? -1 : body.findIndex((byte, at) => byte !== BODY[at]);
      expect(firstWrong).toBe(-1);
    } finally {
      await edge.close();
    }
  });
});

describe.each<EdgeKind>(['own', 'node'])('a response mapping that reads a large body (%s server)', (kind) => {
  it('maps it and forwards every byte of it, collected from more than one read', async () => {
    const edge = await startEdge('mapsbody', backendUrl, {
      kind,
      integration: { responseParameters: { '200': { 'append:header.x-first': '$response.body.a' } } },
    });
    try {
      const response = await fetch(`${edge.url}/json`);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-first')).toBe('first');
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.length).toBe(JSON_BODY.length);
      expect(body.equals(JSON_BODY)).toBe(true);
    } finally {
      await edge.close();
    }
  });
});
