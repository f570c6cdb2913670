import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../support/http.js';
import { startUpstream, type Upstream } from '../support/upstream.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'portico.js');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'e2e', 'observability');

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** `portico up` as a user runs it, with the access-log and throttling flags. */
describe('portico up --log-to-stdout --log-dir --account-burst', () => {
  let upstream: Upstream;
  let dir: string;
  let logDir: string;

  beforeAll(async () => {
    upstream = await startUpstream();
    dir = mkdtempSync(join(tmpdir(), 'portico-cli-logs-'));
    logDir = join(dir, 'elsewhere');
    cpSync(FIXTURE, dir, { recursive: true });
  });

  afterAll(async () => {
    await upstream.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes each access-log line to stdout and to the log directory, and throttles at the account burst', async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does)`);
    const args = ['up', dir, '--port', '0', '--state', ':memory:', '--log-level', 'silent', '--log-to-stdout', '--log-dir', logDir];
    const child = spawn(
      process.execPath,
      [
        CLI,
        ...args,
        '--account-rate',
        '0',
        '--account-burst',
        '2',
        '--var',
        `backend=${upstream.url}`,
        '--var',
        `unreachable=${upstream.url}`,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const endpoint = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`portico did not start: ${out}${err}`)), 15_000);
      child.stdout?.on('data', () => {
        const match = /Portico is serving on (http:\/\/[0-9.]+:\d+)/.exec(out);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`portico exited with ${code}: ${out}${err}`)));
    });
    try {
      const apiId = /\(id ([a-z0-9]{10})\)/.exec(out)?.[1] ?? '';
      const base = `${endpoint}/_aws/execute-api/${apiId}/prod`;
      const replies = [await send(`${base}/pets`), await send(`${base}/pets`), await send(`${base}/pets`)];
      expect(replies.map((r) => r.status)).toEqual([200, 200, 429]);
      const ids = replies.map((r) => String(r.headers['apigw-requestid']));
      const lineOf = (id: string) => new RegExp(`^\\{[^\\n]*"requestId":"${id.replace(/[+/=]/g, '\\$&')}"[^\\n]*\\}$`, 'm');
      // stdout is written off the request path: wait for the third line rather than for time.
      await new Promise<void>((resolve) => {
        const check = () => (lineOf(ids[2] ?? '').test(out) ? resolve() : child.stdout?.once('data', check));
        check();
      });
      for (const id of ids) expect(out).toMatch(lineOf(id));
      child.kill('SIGTERM');
      expect(await exited(child)).toBe(0);
      // Stopping flushed the file.
      const file = readFileSync(join(logDir, 'aws', 'http-api', 'pets.log'), 'utf8')
        .split('\n')
        .filter(Boolean);
      expect(file.map((line) => (JSON.parse(line) as { requestId: string; status: string }).status)).toEqual(['200', '200', '429']);
      expect(existsSync(join(dir, '.portico', 'logs'))).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
