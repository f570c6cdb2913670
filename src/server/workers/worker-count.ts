import { availableParallelism } from 'node:os';

/** The most gateway processes `--workers` starts: far more than cores only adds memory and context switches. */
const MAX_WORKERS = 256;

/**
 * `--workers N` (1 = one process, no cluster at all) or `--workers auto` (one per core, as
 * `os.availableParallelism()` counts them, which honours CPU affinity).
 */
export function parseWorkers(value: unknown, cores: () => number = availableParallelism): number {
  const text = String(value ?? '1').trim();
  if (text === 'auto') return Math.max(1, Math.min(MAX_WORKERS, cores()));
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS)
    throw new Error(`--workers ${text}: expected a number of gateway processes from 1 to ${MAX_WORKERS}, or "auto" (one per core)`);
  return n;
}
