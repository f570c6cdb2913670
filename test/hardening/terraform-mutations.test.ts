import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portico, startPortico } from '../../src/server/index.js';
import { listen, type Listening, send } from '../data-plane/servers.js';
import { type Mutant, type MutantKind, mutants } from './terraform-mutants.js';

/**
 * Issue #13, hardening: 200 broken copies of the seed's Terraform (examples/seed), each applied as
 * `portico up` and `--watch` apply a configuration, over a SQLite state that already holds the good
 * one. Every one is refused with a file:line and no stack trace, and nothing of it is applied: the
 * state file's rows are byte for byte what they were, and the good configuration keeps serving.
 * All 200 go through the in-process reload (the loader `portico up` runs); a sample goes through
 * the CLI in a child process, which must exit non-zero.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const SEED = join(ROOT, 'examples', 'seed');
const CLI = join(ROOT, 'dist', 'cli', 'portico.js');
const LISTENER = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:listener/app/my-load-balancer/50dc6c495c0c9188/0467ef3c8400ae65';
const COUNT = 200;
const SEED_NUMBER = 13;
/** A stack frame as Node prints it. */
const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\)|\(<anonymous>\))$/m;
const FILE_LINE = /\b[\w./-]+\.tf:\d+\b/;

const seedFiles = Object.fromEntries(
  readdirSync(SEED)
    .filter((name) => name.endsWith('.tf'))
    .map((name) => [name, readFileSync(join(SEED, name), 'utf8')]),
);
const all: Mutant[] = mutants(seedFiles, COUNT, SEED_NUMBER);
const KINDS: MutantKind[] = ['wrong-type', 'unknown-reference', 'cycle', 'truncated', 'swapped'];

let dir: string;
let stateFile: string;
let backend: Listening;
let portico: Portico;

/**
 * Every row of the state file, as read by another connection (what a restart would find), and with
 * `withSequence` its AUTOINCREMENT counter, which moves with any write, even one that rewrites a
 * row as it was (as a successful reload of an unchanged configuration does).
 */
function stateRows(withSequence = true): string {
  const db = new Database(stateFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT seq, collection, parent, id, json FROM records_v1 ORDER BY seq').all();
    const sequence = withSequence ? db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'records_v1'").all() : [];
    return JSON.stringify({ rows, sequence });
  } finally {
    db.close();
  }
}

const withoutUpdateDates = (rows: string): string => rows.replace(/\\"lastUpdatedDate\\":\\"[^\\]*\\"/g, '');

function writeConfig(mutant?: Mutant): void {
  for (const [name, text] of Object.entries(seedFiles)) writeFileSync(join(dir, name), mutant?.file === name ? mutant.text : text);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'portico-mutants-'));
  cpSync(SEED, dir, { recursive: true });
  stateFile = join(dir, 'state.db');
  backend = await listen((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('good'));
  portico = await startPortico({ dir, port: 0, state: stateFile, targets: { [LISTENER]: [backend.url] }, logLevel: 'silent' });
});
afterAll(async () => {
  await portico?.stop();
  await backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The good configuration's API answers through its $default stage. */
async function servesGood(): Promise<void> {
  const url = new URL(portico.apis[0]?.stages[0]?.urls[0] ?? '');
  const reply = await send(portico.port, { path: `${url.pathname.replace(/\/$/, '')}/anything`, headers: { host: url.host } });
  expect({ status: reply.status, body: reply.body }).toEqual({ status: 200, body: 'good' });
}

describe(`${COUNT} mutated copies of the seed's Terraform (issue #13)`, () => {
  it('the mutants are every kind, deterministic, and all differ from the seed', () => {
    expect(new Set(all.map((m) => m.kind))).toEqual(new Set(KINDS));
    expect(mutants(seedFiles, COUNT, SEED_NUMBER)).toEqual(all);
    expect(all.filter((m) => m.text === seedFiles[m.file])).toEqual([]);
  });

  // Truncations and swapped tokens are syntax errors: Portico's parser refuses them, then asks HashiCorp's
  // (a child process, about half a second each on an idle core) for Terraform's own diagnostic.
  it.each(KINDS)(
    '%s: each is refused with file:line and no stack trace; the state and what is served are unchanged',
    async (kind) => {
      await servesGood();
      const before = stateRows();
      const beforeRows = stateRows(false);
      const apisBefore = JSON.stringify(portico.apis);
      const problems: string[] = [];
      const ofKind = all.filter((mutant) => mutant.kind === kind);
      expect(ofKind).toHaveLength(kind === 'truncated' || kind === 'swapped' ? COUNT / 8 : COUNT / 4);
      for (const mutant of ofKind) {
        writeConfig(mutant);
        const result = await portico.reload();
        const where = `${all.indexOf(mutant)} (${mutant.change})`;
        if (result.ok) {
          problems.push(`${where}: applied`);
          continue;
        }
        if (!FILE_LINE.test(result.error) || result.file === undefined || !(result.line! > 0))
          problems.push(`${where}: no file:line in ${JSON.stringify(result)}`);
        if (STACK_FRAME.test(result.error)) problems.push(`${where}: a stack trace in ${result.error}`);
        if (stateRows() !== before) problems.push(`${where}: the state changed`);
      }
      expect(problems).toEqual([]);
      expect(JSON.stringify(portico.apis)).toBe(apisBefore);
      await servesGood();
      // The loader still applies a good configuration after all of that, and it changes nothing (but the
      // stage's lastUpdatedDate, which a reload of an unchanged configuration stamps again).
      writeConfig();
      expect(await portico.reload()).toMatchObject({ ok: true, created: [], changed: [], deleted: [] });
      expect(withoutUpdateDates(stateRows(false))).toBe(withoutUpdateDates(beforeRows));
    },
    240_000,
  );
});

function porticoUp(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'up', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // A configuration that loads would serve until stopped: stop it once it says so.
    child.stdout.on('data', () => {
      if (output.includes('Portico is serving')) child.kill('SIGTERM');
    });
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('a sample through the CLI (`portico up`)', () => {
  it('exits non-zero with file:line, no stack trace, and leaves the state file as it was', async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does)`);
    await portico.stop(); // the state file is the CLI's now
    const before = stateRows();
    const sample = all.slice(0, 8); // one turn of the rotation: every kind
    expect(new Set(sample.map((m) => m.kind))).toEqual(new Set(KINDS));
    for (const mutant of sample) {
      writeConfig(mutant);
      const run = await porticoUp([dir, '--port', '0', '--state', stateFile, '--target', `${LISTENER}=${backend.url}`]);
      const where = `${mutant.kind} (${mutant.change})`;
      expect({ where, code: run.code }).toEqual({ where, code: 1 });
      expect(run.output, where).toMatch(FILE_LINE);
      expect(run.output, where).not.toMatch(STACK_FRAME);
      expect(stateRows(), where).toBe(before);
    }
    // The same command with the good files starts (so the runs above failed on the mutation, nothing else).
    writeConfig();
    const good = await porticoUp([dir, '--port', '0', '--state', stateFile, '--target', `${LISTENER}=${backend.url}`]);
    expect(good.output).toContain('Portico is serving');
  }, 60_000);
});
