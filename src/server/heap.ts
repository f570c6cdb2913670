import { setFlagsFromString } from 'node:v8';

/**
 * V8 grows the young generation (two semi-spaces) from 1 MiB up to 16 MiB each as a proxy's
 * in-flight objects survive scavenges under load: ~30 MiB of RSS that stays after the load. A
 * gateway's garbage is short-lived per request, so the young generation is kept at its start size
 * (more frequent, smaller scavenges; the bench shows no CPU cost per request, docs/performance.md).
 * `--max-semi-space-size` can only be given on node's command line; the growth factor is read
 * whenever V8 considers growing, so it can be set from here. A user's own V8 flags win
 * (`node --semi-space-growth-factor=N` or NODE_OPTIONS), as does PORTICO_YOUNG_GENERATION=grow.
 */
export function keepYoungGenerationSmall(): void {
  if (process.env.PORTICO_YOUNG_GENERATION === 'grow') return;
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (given.some((flag) => /^--(?:semi[-_]space[-_]growth[-_]factor|max[-_]semi[-_]space[-_]size)/.test(flag))) return;
  setFlagsFromString('--semi-space-growth-factor=1');
}
