import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  GetApiCommand,
  NotFoundException,
  UpdateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../support/http.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'portico.js');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'e2e', 'workers');

interface Cli {
  child: ChildProcess;
  endpoint: string;
  apiId: string;
  pids: number[];
  stdout(): string;
  stderr(): string;
  /** Resolves once stderr (Portico's JSON log and the CLI's lines) matches. */
  untilStderr(pattern: RegExp): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
}

/** `portico …` from the build, as a user runs it; resolves with the start-up table read. */
function startCli(args: string[]): Promise<Cli> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does)`);
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const untilStderr = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve) => {
      const check = () => {
        const match = pattern.exec(err);
        if (match) resolve(match);
        else child.stderr?.once('data', check);
      };
      check();
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`portico did not start: ${out}${err}`)), 20_000);
    const check = () => {
      const endpoint = /Portico is serving on (http:\/\/[0-9.]+:\d+)/.exec(out)?.[1];
      const pids = /pids ([\d, ]+)\n/.exec(out)?.[1];
      if (endpoint === undefined || pids === undefined) return;
      clearTimeout(timer);
      child.stdout?.off('data', check);
      const apiId = /\(id ([a-z0-9]{10})\)/.exec(out)?.[1] ?? '';
      resolve({ child, endpoint, apiId, pids: pids.split(', ').map(Number), stdout: () => out, stderr: () => err, untilStderr, exited });
    };
    child.stdout?.on('data', check);
    void exited.then((code) => reject(new Error(`portico exited with ${code}: ${out}${err}`)));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface WorkersJson {
  stages: { apiId: string; stage: string; metrics: { Count: number }; routes: { route: string; metrics: { Count: number } }[] }[];
  workers: { pid: number; Count: number }[];
}

/** A backend that answers with its path, after `?delay=ms` when asked. */
async function startBackend(): Promise<{ url: string; seen: string[]; close(): Promise<void>; server: Server }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.url ?? '');
    const delay = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('delay') ?? 0);
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end(`backend ${req.url}`), delay);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A throwaway self-signed certificate (EC P-256), as the TLS conformance test makes one. */
function selfSigned(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:*.execute-api.localhost',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** One HTTPS request on a connection of its own; resolves with the status. */
function getTls(port: number, host: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      { host: '127.0.0.1', port, path, servername: host, headers: { host }, rejectUnauthorized: false, agent: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('portico up --workers 2', () => {
  let backend: Awaited<ReturnType<typeof startBackend>>;
  const work = mkdtempSync(join(tmpdir(), 'portico-workers-'));
  const running: Cli[] = [];

  beforeAll(async () => {
    backend = await startBackend();
  });

  afterAll(async () => {
    for (const cli of running) if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    await backend.close();
    rmSync(work, { recursive: true, force: true });
  });

  async function up(name: string, flags: string[] = []): Promise<{ cli: Cli; dir: string }> {
    const dir = join(work, name);
    cpSync(FIXTURE, dir, { recursive: true });
    const cli = await startCli(['up', dir, '--port', '0', '--workers', '2', '--var', `backend=${backend.url}`, ...flags]);
    running.push(cli);
    return { cli, dir };
  }

  it("serves from both processes; metrics, access logs and reloads are the whole gateway's; SIGTERM stops everything", async () => {
    const { cli, dir } = await up('whole', ['--state', ':memory:', '--log-level', 'info', '--log-to-stdout', '--watch']);
    expect(cli.pids).toHaveLength(2);
    const base = `${cli.endpoint}/_aws/execute-api/${cli.apiId}`;
    // Each request on a connection of its own: node:cluster hands connections to the workers in turn.
    for (let i = 0; i < 20; i++) expect((await send(`${base}/orders/${i}`)).status).toBe(200);
    // Whichever worker answers, the counters are the gateway's.
    for (let i = 0; i < 4; i++) {
      const metrics = (await send(`${cli.endpoint}/_portico/metrics.json`)).json<WorkersJson>();
      expect(metrics.stages[0]?.metrics.Count).toBe(20);
      expect(metrics.stages[0]?.routes.map((r) => [r.route, r.metrics.Count])).toEqual([['GET /orders/{proxy+}', 20]]);
      expect(metrics.workers.map((w) => w.pid).sort()).toEqual([...cli.pids].sort());
      expect(metrics.workers.every((w) => w.Count > 0)).toBe(true);
      expect(metrics.workers.reduce((sum, w) => sum + w.Count, 0)).toBe(20);
    }
    const prometheus = (await send(`${cli.endpoint}/_portico/metrics`)).body;
    expect(prometheus).toContain(`apigateway_count_total{api_id="${cli.apiId}",stage="$default"} 20\n`);
    expect(prometheus).toMatch(/portico_worker_requests_total\{pid="\d+"\} \d+\n/);

    // A reload (--watch) is the primary's: reported once, followed by both workers.
    appendFileSync(
      join(dir, 'main.tf'),
      `\nresource "aws_apigatewayv2_route" "added" {\n  api_id    = aws_apigatewayv2_api.orders.id\n  route_key = "GET /added"\n  target    = "integrations/\${aws_apigatewayv2_integration.plain.id}"\n}\n`,
    );
    await cli.untilStderr(/portico: reloaded in \d+ ms: 1 created/);
    expect([(await send(`${base}/added`)).status, (await send(`${base}/added`)).status]).toEqual([200, 200]);
    expect(cli.stderr().match(/portico: reloaded/g)).toHaveLength(1);

    const temporary = (await cli.untilStderr(/"stateFile":"([^"]+)"/))[1] ?? '';
    expect(existsSync(temporary)).toBe(true);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(cli.pids.filter(alive)).toEqual([]);
    // --state :memory: stood in for by a temporary file, gone with the gateway.
    expect(existsSync(temporary)).toBe(false);
    // One access-log line a request from both processes, none cut by the other's, in the file and on stdout.
    const file = readFileSync(join(dir, '.portico', 'logs', 'aws', 'http-api', 'orders.log'), 'utf8')
      .split('\n')
      .filter(Boolean);
    const paths = file.map((line) => (JSON.parse(line) as { path: string }).path).sort();
    expect(paths).toEqual([...[...Array(20).keys()].map((i) => `/orders/${i}`), '/added', '/added'].sort());
    const stdoutLines = cli
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith('{') && line.includes('"requestId"'));
    expect(stdoutLines.map((line) => (JSON.parse(line) as { status: string }).status)).toEqual(new Array(22).fill('200'));
  });

  it("takes control-plane writes through any worker: the SDK's answer comes once both workers serve the change", async () => {
    const state = join(work, 'sdk.db');
    const cli = await startCli(['serve', '--port', '0', '--workers', '2', '--state', state, '--log-level', 'silent']);
    running.push(cli);
    const client = new ApiGatewayV2Client({
      endpoint: cli.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
    try {
      const api = await client.send(new CreateApiCommand({ Name: 'written', ProtocolType: 'HTTP' }));
      const integration = await client.send(
        new CreateIntegrationCommand({
          ApiId: api.ApiId,
          IntegrationType: 'HTTP_PROXY',
          IntegrationMethod: 'ANY',
          IntegrationUri: `${backend.url}/a`,
          PayloadFormatVersion: '1.0',
        }),
      );
      await client.send(
        new CreateRouteCommand({ ApiId: api.ApiId, RouteKey: 'GET /a', Target: `integrations/${integration.IntegrationId}` }),
      );
      await client.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: '$default', AutoDeploy: true }));
      // Two new connections, one to each worker: both serve the new route at once.
      const url = `${cli.endpoint}/_aws/execute-api/${api.ApiId}/a`;
      expect([(await send(url)).status, (await send(url)).status]).toEqual([200, 200]);
      const metrics = (await send(`${cli.endpoint}/_portico/metrics.json`)).json<WorkersJson>();
      expect(metrics.workers.map((w) => w.Count)).toEqual([1, 1]);
      // Throttling settings are live on both workers as soon as UpdateStage answers.
      await client.send(
        new UpdateStageCommand({
          ApiId: api.ApiId,
          StageName: '$default',
          RouteSettings: { 'GET /a': { ThrottlingBurstLimit: 0, ThrottlingRateLimit: 0 } },
        }),
      );
      expect([(await send(url)).status, (await send(url)).status]).toEqual([429, 429]);
      // The service's errors come back through the worker unchanged.
      await expect(client.send(new GetApiCommand({ ApiId: 'nosuchapi0' }))).rejects.toBeInstanceOf(NotFoundException);
    } finally {
      client.destroy();
    }
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    expect(existsSync(state)).toBe(true);
  });

  it("keeps a route's limit for the whole gateway: ±5% of rate × time + burst at twice the limit, over both workers", async () => {
    const { cli } = await up('throttle', ['--state', ':memory:', '--log-level', 'silent', '--var', 'rate=100', '--var', 'burst=20']);
    const base = `${cli.endpoint}/_aws/execute-api/${cli.apiId}`;
    // No refill, a burst of three: three requests in all, however the connections fall on the workers.
    const three: number[] = [];
    for (let i = 0; i < 8; i++) three.push((await send(`${base}/three`)).status);
    expect(three.filter((s) => s === 200)).toHaveLength(3);
    // 200 requests a second for 1.5 s against 100 rps with a burst of 20.
    const rate = 100;
    const perSecond = 2 * rate;
    const total = 300;
    const started = performance.now();
    const replies: Promise<number>[] = [];
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / perSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      replies.push(send(`${base}/limited`).then((r) => r.status));
    }
    const seconds = (performance.now() - started) / 1000;
    const statuses = await Promise.all(replies);
    const accepted = statuses.filter((s) => s === 200).length;
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    const expected = rate * seconds + 20;
    expect(Math.abs(accepted - expected)).toBeLessThanOrEqual(expected * 0.05);
    const metrics = (await send(`${cli.endpoint}/_portico/metrics.json`)).json<WorkersJson>();
    expect(metrics.workers.every((w) => w.Count > 50)).toBe(true);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });

  it('shares the account bucket and the HTTPS port between the workers; they end with the primary, whatever ends it', async () => {
    const tls = selfSigned(work);
    const tlsPort = await freePort();
    const state = join(work, 'account.db');
    const { cli } = await up('account', [
      '--state',
      state,
      '--log-level',
      'silent',
      '--account-rate',
      '0',
      '--account-burst',
      '5',
      '--tls-cert',
      tls.cert,
      '--tls-key',
      tls.key,
      '--tls-port',
      String(tlsPort),
    ]);
    const host = `${cli.apiId}.execute-api.localhost`;
    // Over TLS, on two connections (one a worker): the same API.
    expect([await getTls(tlsPort, host, '/orders/a'), await getTls(tlsPort, host, '/orders/b')]).toEqual([200, 200]);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await send(`${cli.endpoint}/_aws/execute-api/${cli.apiId}/orders/${i}`)).status);
    // Five in all, for the whole gateway: two over TLS, three here.
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    // A primary that is killed outright takes its workers with it (their channel to it closes).
    cli.child.kill('SIGKILL');
    await cli.exited;
    for (const pid of cli.pids) while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(cli.pids.filter(alive)).toEqual([]);
  });

  it('refuses to start, and leaves no process behind, when a worker cannot open a port or the configuration is broken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    const dir = join(work, 'taken');
    cpSync(FIXTURE, dir, { recursive: true });
    const child = spawn(
      process.execPath,
      [
        CLI,
        'up',
        dir,
        '--port',
        '0',
        '--workers',
        '2',
        '--state',
        ':memory:',
        '--api-port',
        String(port),
        '--var',
        `backend=${backend.url}`,
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    taken.close();
    expect(code).toBe(1);
    expect(err).toMatch(new RegExp(`portico: .*EADDRINUSE.*${port}`));
    const pids = [...err.matchAll(/"pid":(\d+)/g)].map((m) => Number(m[1]));
    expect(pids.length).toBeGreaterThan(0);
    expect(pids.filter(alive)).toEqual([]);
    // A broken configuration is the primary's to refuse, at its file:line, with the workers stopped.
    const broken = spawn(
      process.execPath,
      [CLI, 'up', dir, '--port', '0', '--workers', '2', '--state', ':memory:', '--log-level', 'silent'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let brokenErr = '';
    broken.stderr?.on('data', (chunk: Buffer) => (brokenErr += chunk.toString()));
    expect(await new Promise<number | null>((resolve) => broken.once('exit', resolve))).toBe(1);
    expect(brokenErr).toMatch(/^portico: main\.tf:\d+: No value for required variable "backend"/m);
  });

  it('replaces a worker that dies while the other keeps serving, and lets in-flight requests finish on SIGTERM', async () => {
    const { cli } = await up('replace', ['--state', ':memory:', '--log-level', 'info']);
    const base = `${cli.endpoint}/_aws/execute-api/${cli.apiId}`;
    const [victim, survivor] = cli.pids as [number, number];
    process.kill(victim, 'SIGKILL');
    await cli.untilStderr(new RegExp(`"event":"worker-exited","pid":${victim}`));
    for (let i = 0; i < 6; i++) expect((await send(`${base}/orders/${i}`)).status).toBe(200);
    const ready = await cli.untilStderr(/"event":"worker-ready","pid":(\d+)/);
    const replacement = Number(ready[1]);
    expect(replacement).not.toBe(victim);
    const metrics = (await send(`${cli.endpoint}/_portico/metrics.json`)).json<WorkersJson>();
    expect(metrics.workers.map((w) => w.pid).sort()).toEqual([survivor, replacement].sort());
    expect(alive(victim)).toBe(false);

    // Stopping: a request already at the backend is answered before the processes end.
    const seen = backend.seen.length;
    const slow = send(`${base}/orders/slow?delay=400`);
    while (backend.seen.length === seen) await new Promise((resolve) => setImmediate(resolve));
    cli.child.kill('SIGTERM');
    const reply = await slow;
    expect([reply.status, reply.body]).toEqual([200, 'backend /slow?delay=400']);
    expect(await cli.exited).toBe(0);
    expect([survivor, replacement].filter(alive)).toEqual([]);
  });
});
