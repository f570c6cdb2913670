import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EdgeServer, startEdge } from './edge-server.js';
import { type RawBackend, rawBackend } from './raw-backend.js';

/**
 * Issue #13, hardening: 3,000 idle client connections and a slowloris client (one header byte every
 * 100 ms) held open against the edge port while a normal client keeps being answered, and the
 * slowloris cut by the headers timeout. Sockets only, so it holds whatever server the edge port runs.
 * Memory per idle connection is measured by bench/idle-connections.mjs (docs/reliability.md).
 */
const API = 'idle000001';
const IDLE = 3_000;
const NORMAL = 50;
/** Short enough to see the slowloris cut within the test, long enough to hold it through the normal requests. */
const HEADERS_TIMEOUT_MS = 10_000;

let backend: RawBackend;
let edge: EdgeServer;
const sockets: Socket[] = [];
const connectedAt = new Map<Socket, number>();

beforeAll(async () => {
  backend = await rawBackend();
  edge = await startEdge(API, backend.url, { limits: { headersTimeoutMs: HEADERS_TIMEOUT_MS } });
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await edge.close();
  await backend.close();
});

function open(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(edge.port, '127.0.0.1');
    sockets.push(socket);
    socket.once('connect', () => {
      connectedAt.set(socket, performance.now());
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** One GET over a fresh connection: its status and how long the answer took, in ms. */
function timedGet(path: string): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request({ host: '127.0.0.1', port: edge.port, path, headers: { host: edge.host }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Everything the server sends on `socket` until it closes it, and when it closed (ms after `since`). */
function untilClosed(socket: Socket, since: number): Promise<{ text: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ text, closedAfterMs: performance.now() - since }));
  });
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

describe('idle connections and a slowloris client (issue #13)', () => {
  it(`${IDLE} idle connections and a slowloris held open; a normal client is still answered`, async () => {
    for (let opened = 0; opened < IDLE; opened += 250) await Promise.all(Array.from({ length: 250 }, open));
    const idle = sockets.slice(0, IDLE);
    const idleClosed = idle.map((socket) => untilClosed(socket, connectedAt.get(socket) ?? NaN));

    const slowloris = await open();
    const slowStarted = performance.now();
    const slowAnswer = untilClosed(slowloris, slowStarted);
    const header = `GET /slow HTTP/1.1\r\nhost: ${edge.host}\r\nx-slow: `;
    let sent = 0;
    const drip = setInterval(() => {
      if (!slowloris.destroyed) slowloris.write(sent < header.length ? header[sent++]! : 'a');
    }, 100);

    try {
      const latencies: number[] = [];
      for (let i = 0; i < NORMAL; i++) {
        const reply = await timedGet(`/normal/${i}`);
        expect(reply.status).toBe(200);
        latencies.push(reply.ms);
      }
      latencies.sort((a, b) => a - b);
      const figures = { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), max: latencies.at(-1) ?? NaN };
      console.log(
        `normal client beside ${IDLE} idle + 1 slowloris: ${JSON.stringify(figures, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v))} ms`,
      );
      // The goal is < 100 ms (docs/reliability.md has the figures); the bound asserted is loose so that a shared CI core cannot make it flaky.
      expect(figures.max).toBeLessThan(1_000);
      // Still held: neither the idle connections nor the slowloris were answered or dropped meanwhile.
      expect(slowloris.destroyed || slowloris.readableEnded).toBe(false);
      expect(idle.filter((socket) => socket.destroyed || socket.readableEnded)).toHaveLength(0);
      expect(backend.requestLines().filter((line) => line.startsWith('GET /normal/'))).toHaveLength(NORMAL);

      // The slowloris is cut with a 408 once the headers timeout passes, never forwarded.
      const slow = await slowAnswer;
      expect(slow.text).toMatch(/^HTTP\/1\.1 408 /);
      expect(slow.closedAfterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 100);
      expect(backend.requestLines().some((line) => line.startsWith('GET /slow'))).toBe(false);
    } finally {
      clearInterval(drip);
    }
    // Idle connections that never sent a byte are closed by the same timeout, not kept forever.
    const closed = await Promise.all(idleClosed);
    expect(closed.filter((c) => !/^HTTP\/1\.1 408 /.test(c.text))).toHaveLength(0);
    expect(closed.filter((c) => c.closedAfterMs < HEADERS_TIMEOUT_MS - 100)).toHaveLength(0);
  }, 30_000);
});
