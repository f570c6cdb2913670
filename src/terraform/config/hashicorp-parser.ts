import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { constants, setPriority } from 'node:os';

/**
 * HashiCorp's HCL parser (hcl2json: Go compiled to WebAssembly), run in a child process that ends
 * when its files are read. Its Go runtime takes about half a second to start and some tens of MiB.
 * A worker thread was tried first: the memory it touched stayed in the gateway's malloc arenas
 * after it ended (+35 MiB resident for the rest of a `portico up`); a process gives all of it back.
 *
 * The program is a string (`node -e`) so the child loads the same way from the compiled package
 * and from the TypeScript sources the tests run. Files go in as JSON on stdin, readings come back
 * as JSON on stdout.
 */
const PROGRAM = String.raw`
'use strict';
const hcl2json = require(process.argv[1]);
const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', async () => {
  const results = [];
  for (const { file, text } of JSON.parse(Buffer.concat(chunks).toString('utf8'))) {
    try {
      const value = await hcl2json.parse(file, text);
      results.push({ ok: true, value: typeof value === 'object' && value !== null ? value : {} });
    } catch (error) {
      results.push({ ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  }
  // The Go runtime keeps timers of its own: the process ends once the answer is out.
  process.stdout.write(JSON.stringify(results), () => process.exit(0));
});
`;

export type HashicorpReading = { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

/**
 * Reads each file with HashiCorp's parser: its JSON, or its diagnostic text. `background`: the
 * process runs at the lowest CPU priority, so a check while traffic flows takes only idle time
 * from the gateway's core.
 */
export function parseWithHashicorpParser(
  files: readonly { file: string; text: string }[],
  { background = false }: { background?: boolean } = {},
): Promise<HashicorpReading[]> {
  const modulePath = createRequire(import.meta.url).resolve('@cdktf/hcl2json');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', PROGRAM, modulePath], { stdio: ['pipe', 'pipe', 'pipe'] });
    if (background && child.pid !== undefined) {
      try {
        setPriority(child.pid, constants.priority.PRIORITY_LOW);
      } catch {
        // Not allowed here (some containers): the check still runs, at normal priority.
      }
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      try {
        if (code !== 0) throw new Error(`exit code ${code}`);
        resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as HashicorpReading[]);
      } catch (error) {
        const detail = Buffer.concat(err).toString('utf8').trim().split('\n').slice(-3).join(' ');
        reject(new Error(`HashiCorp's HCL parser stopped before answering (${(error as Error).message})${detail ? `: ${detail}` : ''}`));
      }
    });
    // A child that died at once closes stdin early: its exit, not this write, is what is reported.
    child.stdin.on('error', () => undefined);
    child.stdin.end(JSON.stringify(files));
  });
}
