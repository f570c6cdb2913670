import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { afterEach, describe, expect, it } from 'vitest';
import { createSigV4Verifier } from '../../src/control-plane/index.js';
import { awsSigner } from '../e2e/control-plane/aws-signer.js';
import { type Harness, REGION, startControlPlane, TEST_KEYS } from '../e2e/control-plane/harness.js';

/**
 * Issue #17, finding 2: with `--auth`, the control plane read a whole body (up to 10 MB) before it
 * checked who was asking, so 100 unsigned 10 MB uploads held ~1 GB. What the head proves is now
 * checked first, a refused body is never read, and the bodies held at once have a budget.
 */
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ALMOST_10_MB = 10 * 1024 * 1024 - 1;

interface Exchange {
  socket: Socket;
  /** Resolves with the response head and body once the server has ended the connection or answered in full. */
  answer: Promise<{ status: number; head: string; body: string; closedByServer: boolean }>;
}

/** A raw HTTP/1.1 request: the head and the first `sent` bytes of a body of `declared` bytes; the rest only if `rest` is written. */
function open(port: number, headers: Record<string, string>, declared: number, first: Buffer | string): Exchange {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  const head = ['POST /v2/apis HTTP/1.1', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), `content-length: ${declared}`];
  socket.write(`${head.join('\r\n')}\r\n\r\n`);
  socket.write(first);
  const answer = new Promise<{ status: number; head: string; body: string; closedByServer: boolean }>((resolve) => {
    let text = '';
    let ended = false;
    const settle = (): void => {
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      const headText = text.slice(0, end);
      const length = Number(/^content-length: (\d+)/im.exec(headText)?.[1] ?? '0');
      const body = text.slice(end + 4);
      if (body.length < length && !ended) return;
      resolve({ status: Number(headText.slice(9, 12)), head: headText, body, closedByServer: ended });
    };
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      settle();
    });
    socket.on('end', () => {
      ended = true;
      settle();
    });
    socket.on('close', () => {
      ended = true;
      settle();
    });
  });
  return { socket, answer };
}

/** Resolves when the server has closed `socket` (its end or a reset). */
function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.readableEnded || socket.destroyed) return resolve();
    socket.once('end', resolve);
    socket.once('close', () => resolve());
  });
}

async function signedHeaders(
  endpoint: string,
  body: string,
  options: { region?: string; accessKeyId?: string; signingDate?: Date } = {},
): Promise<Record<string, string>> {
  const url = new URL(endpoint);
  const signer = awsSigner({
    ...TEST_KEYS,
    accessKeyId: options.accessKeyId ?? TEST_KEYS.accessKeyId,
    region: options.region ?? REGION,
    service: 'apigateway',
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: '/v2/apis',
      query: {},
      headers: { host: url.host, 'content-type': 'application/json' },
      body,
    },
    options.signingDate ? { signingDate: options.signingDate } : {},
  );
  return signed.headers as Record<string, string>;
}

describe('control-plane bodies with --auth (issue #17)', () => {
  it('100 connections holding 10 MB − 1 byte uploads are refused on their heads, bodies unread, connections closed', async () => {
    h = await startControlPlane({ auth: createSigV4Verifier([{ ...TEST_KEYS }]), store: 'memory' });
    const port = Number(new URL(h.endpoint).port);
    const host = new URL(h.endpoint).host;
    const big = '{"name":"x"}'.padEnd(ALMOST_10_MB, ' ');
    // What the head alone can prove wrong, one kind per connection in turn.
    const kinds: [string, Record<string, string>][] = [
      ['MissingAuthenticationTokenException', { host, 'content-type': 'application/json' }],
      ['IncompleteSignatureException', { host, authorization: 'AWS4-HMAC-SHA256 Credential=AKIDPORTICOE2E/20260101/us-east-2/apigateway' }],
      ['UnrecognizedClientException', await signedHeaders(h.endpoint, big, { accessKeyId: 'AKIDSOMEONEELSE' })],
      ['InvalidSignatureException', await signedHeaders(h.endpoint, big, { signingDate: new Date(Date.now() - 3_600_000) })],
      ['InvalidSignatureException', await signedHeaders(h.endpoint, big, { region: 'eu-west-1' })],
    ];
    const exchanges = Array.from({ length: 100 }, (_, i) => {
      const [type, headers] = kinds[i % kinds.length] as [string, Record<string, string>];
      return { type, exchange: open(port, headers, ALMOST_10_MB, Buffer.alloc(64 * 1024, 0x20)) };
    });
    for (const { type, exchange } of exchanges) {
      const reply = await exchange.answer;
      expect(reply.status).toBe(403);
      expect(reply.head).toMatch(new RegExp(`^x-amzn-errortype: ${type}\\r?$`, 'im'));
      expect(reply.head).toMatch(/^connection: close\r?$/im);
      // The client never finished its body: the server closed the connection instead of waiting to drain it.
      await closed(exchange.socket);
    }
    expect(h.controlPlane.servingConfig().apis).toEqual([]);
  });

  it('bodies held at once have a budget: past it TooManyRequestsException, until a body is done', async () => {
    h = await startControlPlane({ auth: createSigV4Verifier([{ ...TEST_KEYS }]), store: 'memory', bodyBudgetBytes: 1024 * 1024 });
    const port = Number(new URL(h.endpoint).port);
    const body = (name: string): string => JSON.stringify({ name, protocolType: 'HTTP' }).padEnd(700_000, ' ');
    // Loads the protocol (it loads with the first request), so the next request takes its budget as its head arrives.
    expect((await h.client().send(new GetApisCommand({}))).Items).toEqual([]);
    const first = body('first');
    const headSeen = new Promise((resolve) => h?.server.once('request', resolve));
    const held = open(port, await signedHeaders(h.endpoint, first), first.length, first.slice(0, 1000));
    // The second request's head arrives while the first body is still being received.
    await headSeen;
    const second = body('second');
    const refused = await open(port, await signedHeaders(h.endpoint, second), second.length, second).answer;
    expect(refused.status).toBe(429);
    expect(refused.head).toMatch(/^x-amzn-errortype: TooManyRequestsException\r?$/im);
    expect(JSON.parse(refused.body)).toEqual({
      message:
        "Too Many Requests: the control-plane request bodies being received at once would pass this endpoint's budget of 1048576 bytes. Retry the request later.",
    });
    held.socket.write(first.slice(1000));
    expect((await held.answer).status).toBe(201);
    // The budget is given back once a request is answered.
    expect((await open(port, await signedHeaders(h.endpoint, second), second.length, second).answer).status).toBe(201);
    expect(
      h.controlPlane
        .servingConfig()
        .apis.map((api) => api.name)
        .sort(),
    ).toEqual(['first', 'second']);
  });

  it('with --workers, a worker forwards the refusal and closes the client connection (no 503, no crash)', async () => {
    const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'portico.js');
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" first (npm test does)`);
    const args = ['serve', '--port', '0', '--workers', '2', '--state', ':memory:', '--auth', 'AKIDX:secret', '--log-level', 'silent'];
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const endpoint = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /Portico is serving on (http:\/\/[0-9.]+:\d+)/.exec(out);
          if (match?.[1] && /pids/.test(out)) resolve(match[1]);
        });
        child.on('exit', (code) => reject(new Error(`portico exited with ${code}: ${out}`)));
      });
      const port = Number(new URL(endpoint).port);
      const exchanges = Array.from({ length: 20 }, () =>
        open(port, { host: 'x', 'content-type': 'application/json' }, ALMOST_10_MB, Buffer.alloc(64 * 1024, 0x20)),
      );
      for (const exchange of exchanges) {
        const reply = await exchange.answer;
        expect(reply.status).toBe(403);
        expect(reply.head).toMatch(/^x-amzn-errortype: MissingAuthenticationTokenException\r?$/im);
        await closed(exchange.socket);
      }
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGTERM');
    }
  });
});
