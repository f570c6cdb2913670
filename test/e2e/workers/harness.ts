import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** What the `portico up --workers 2` suites share: the built CLI run as a user runs it, a backend, certificates. */
export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const CLI = join(ROOT, 'dist', 'cli', 'portico.js');
export const FIXTURE = join(ROOT, 'test', 'fixtures', 'e2e', 'workers');

export interface Cli {
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
export function startCli(args: string[]): Promise<Cli> {
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

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface WorkersJson {
  stages: { apiId: string; stage: string; metrics: { Count: number }; routes: { route: string; metrics: { Count: number } }[] }[];
  workers: { pid: number; Count: number }[];
}

/** A backend that answers with its path, after `?delay=ms` when asked. */
export async function startBackend(): Promise<{ url: string; seen: string[]; close(): Promise<void>; server: Server }> {
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
export function selfSigned(dir: string): { cert: string; key: string } {
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

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** One HTTPS request on a connection of its own; resolves with the status. */
export function getTls(port: number, host: string, path: string): Promise<number> {
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

/**
 * Inside a describe: a backend and a work directory for the suite, and `up(name, flags)`, which copies
 * the fixture into the work directory and starts `portico up DIR --workers 2` on it. Every Portico
 * started (or `track`ed) is killed after the suite if it is still running.
 */
export interface WorkersSuite {
  readonly work: string;
  /** Answers with its path (after `?delay=ms`); started before the suite's tests. */
  readonly backend: Backend;
  up(name: string, flags?: string[]): Promise<{ cli: Cli; dir: string }>;
  /** Kill this Portico after the suite if it still runs. */
  track(cli: Cli): Cli;
}

export type Backend = Awaited<ReturnType<typeof startBackend>>;

export function workersSuite(): WorkersSuite {
  let backend: Backend | undefined;
  const work = mkdtempSync(join(tmpdir(), 'portico-workers-'));
  const running: Cli[] = [];

  beforeAll(async () => {
    backend = await startBackend();
  });

  afterAll(async () => {
    for (const cli of running) if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    await backend?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const started = (): Backend => {
    if (backend === undefined) throw new Error('the backend starts before the tests');
    return backend;
  };
  const track = (cli: Cli): Cli => {
    running.push(cli);
    return cli;
  };
  return {
    work,
    get backend() {
      return started();
    },
    track,
    async up(name, flags = []) {
      const dir = join(work, name);
      cpSync(FIXTURE, dir, { recursive: true });
      const cli = track(await startCli(['up', dir, '--port', '0', '--workers', '2', '--var', `backend=${started().url}`, ...flags]));
      return { cli, dir };
    },
  };
}
