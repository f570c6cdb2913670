import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayUnderTest } from '../data-plane/servers.js';
import { httpProxy, route, servingConfig } from '../data-plane/serving-config.js';
import { rawRequest } from '../data-plane/raw-http.js';
import { rawBackend, type RawBackend } from './raw-backend.js';

/**
 * Issue #17, finding 4: upload time was charged to the integration's timeout and every slow
 * uploader held a backend connection. AWS receives the whole request before it calls the
 * integration; so does Portico now. The raw backend counts the connections it accepted, so these
 * tests prove what reached it, not only what the client saw.
 */
let backend: RawBackend;
/** Stalls given up on after STALL_MS. */
let gateway: GatewayUnderTest;
/** The default stall timeout (10 s): a loaded machine never makes its slow-but-live uploads stall. */
let patient: GatewayUnderTest;
const API = 'uploads001';
/** Short here so the stalled uploaders are given up on quickly; the default is 10 s. */
const STALL_MS = 150;

beforeAll(async () => {
  backend = await rawBackend();
  gateway = await startGateway({ bodyStallTimeoutMs: STALL_MS });
  patient = await startGateway();
  const config = servingConfig([
    { apiId: API, routes: [route('POST /upload', 'backend')], integrations: [httpProxy('backend', backend.url)] },
  ]);
  gateway.gateway.setConfig(config);
  patient.gateway.setConfig(config);
});
afterAll(async () => {
  await gateway.close();
  await patient.close();
  await backend.close();
});

function forwardedUploads(): number {
  return backend.requestLines().filter((line) => line === 'POST /upload HTTP/1.1').length;
}

function head(length: number): string {
  return `POST /upload HTTP/1.1\r\nhost: ${API}.execute-api.localhost\r\ncontent-length: ${length}\r\nconnection: close\r\n\r\n`;
}

interface Uploader {
  readonly socket: Socket;
  /** Everything the gateway sent, once the connection has closed. */
  readonly answer: Promise<string>;
}

/** A client that sends the head and `sent` of the body's bytes, then nothing more until told. */
function partialUpload(to: GatewayUnderTest, length: number, sent: number): Promise<Uploader> {
  return new Promise((resolve, reject) => {
    const socket = connect(to.port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', () => undefined);
    const answer = new Promise<string>((done) => socket.on('close', () => done(Buffer.concat(received).toString('latin1'))));
    socket.once('connect', () => {
      socket.write(head(length) + 'x'.repeat(sent), () => resolve({ socket, answer }));
    });
    socket.once('error', reject);
  });
}

describe('uploads (issue #17, finding 4)', () => {
  it('no backend connection is taken while the body is still arriving; the whole body is forwarded once it has', async () => {
    const before = { connections: backend.received.length, requests: forwardedUploads() };
    const uploader = await partialUpload(patient, 64 * 1024, 40 * 1024);
    // A request that completes meanwhile proves the gateway has read (and acted on) what came before it.
    const probe = await rawRequest(patient.port, head(2) + 'ok');
    expect(probe.status).toBe(200);
    expect(backend.received.length - before.connections).toBe(1); // the probe's connection only
    expect(forwardedUploads() - before.requests).toBe(1);

    uploader.socket.write('y'.repeat(24 * 1024));
    const answer = await uploader.answer;
    expect(answer.slice(0, 12)).toBe('HTTP/1.1 200');
    // The pooled connection carried the probe first: the upload is the last request on it.
    const connection = backend.received.at(-1) ?? '';
    const forwarded = connection.slice(connection.lastIndexOf('POST /upload'));
    expect(forwarded.length - forwarded.indexOf('\r\n\r\n') - 4).toBe(64 * 1024);
    expect(forwarded.endsWith('x'.repeat(40 * 1024) + 'y'.repeat(24 * 1024))).toBe(true);
  });

  it('1,000 stalled uploaders get 408 and never reach the backend, while a normal client is served', async () => {
    const before = { connections: backend.received.length, requests: forwardedUploads() };
    const uploaders: Uploader[] = [];
    for (let batch = 0; batch < 10; batch++)
      uploaders.push(...(await Promise.all(Array.from({ length: 100 }, () => partialUpload(gateway, 1024 * 1024, 100)))));
    const normal = await rawRequest(gateway.port, head(2) + 'ok');
    expect(normal.status).toBe(200);

    const answers = await Promise.all(uploaders.map((uploader) => uploader.answer));
    const statuses = new Map<string, number>();
    for (const answer of answers) statuses.set(answer.slice(9, 12), (statuses.get(answer.slice(9, 12)) ?? 0) + 1);
    expect(Object.fromEntries(statuses)).toEqual({ '408': 1000 });
    const body = answers[0]!.slice(answers[0]!.indexOf('\r\n\r\n') + 4);
    expect(JSON.parse(body)).toEqual({ message: 'Request Timeout' });
    expect(answers[0]).toMatch(/\r\napigw-requestid: /i);
    // The normal client's request only, on at most one connection (an idle pooled one may carry it).
    expect(forwardedUploads() - before.requests).toBe(1);
    expect(backend.received.length - before.connections).toBeLessThanOrEqual(1);
  }, 30_000);
});
