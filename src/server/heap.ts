import { setFlagsFromString } from 'node:v8';

/**
 * V8 grows the young generation (two semi-spaces) from 1 MiB up to 16 MiB each as a proxy's
 * in-flight objects survive scavenges under load: ~20–30 MiB of RSS that stays after the load.
 * `PORTICO_YOUNG_GENERATION=small` keeps it at its start size (the growth factor is read whenever V8
 * considers growing, so it can be set from here; `--max-semi-space-size` works only on node's
 * command line). It is not the default: small requests then cost ~15% more CPU (more scavenges),
 * and RSS after 64 KiB POSTs stays over 100 MiB anyway (docs/performance.md). A user's own
 * V8 flags (`node --semi-space-growth-factor=N`, NODE_OPTIONS) always win.
 */
export function keepYoungGenerationSmall(): void {
  if (process.env.PORTICO_YOUNG_GENERATION !== 'small') return;
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (given.some((flag) => /^--(?:semi[-_]space[-_]growth[-_]factor|max[-_]semi[-_]space[-_]size)/.test(flag))) return;
  setFlagsFromString('--semi-space-growth-factor=1');
}
