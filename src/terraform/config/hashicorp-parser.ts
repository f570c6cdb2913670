import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * HashiCorp's HCL parser (hcl2json: Go compiled to WebAssembly), run in a worker thread that ends
 * when its files are read. Its Go runtime takes about half a second to start and some 100 MiB that
 * stay as long as the instance lives; in a worker they are returned when it exits, so a
 * `--watch` session that once met a typo does not carry them for the rest of its life.
 *
 * The program is a string (`eval: true`) so the worker loads the same way from the compiled
 * package and from the TypeScript sources the tests run.
 */
const PROGRAM = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const hcl2json = require(workerData.modulePath);
(async () => {
  const results = [];
  for (const { file, text } of workerData.files) {
    try {
      const value = await hcl2json.parse(file, text);
      results.push({ ok: true, value: typeof value === 'object' && value !== null ? value : {} });
    } catch (error) {
      results.push({ ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  }
  parentPort.postMessage(results);
})();
`;

export type HashicorpReading = { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

/** Reads each file with HashiCorp's parser: its JSON, or its diagnostic text. */
export function parseWithHashicorpParser(files: readonly { file: string; text: string }[]): Promise<HashicorpReading[]> {
  const modulePath = createRequire(import.meta.url).resolve('@cdktf/hcl2json');
  return new Promise((resolve, reject) => {
    let answered = false;
    const worker = new Worker(PROGRAM, { eval: true, workerData: { modulePath, files } });
    worker.once('message', (results: HashicorpReading[]) => {
      answered = true;
      resolve(results);
      // The Go runtime keeps timers of its own: the worker is ended rather than left to finish.
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`HashiCorp's HCL parser stopped before answering (exit code ${code})`));
    });
  });
}
