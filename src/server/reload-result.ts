import { printable, printableLines } from '../model/index.js';

/** What one reload of the configuration did: applied whole, or refused whole (the last good one keeps serving). */
export type ReloadResult = ReloadApplied | ReloadRefused;

export interface ReloadApplied {
  readonly ok: true;
  /** Terraform addresses created, whose arguments changed, and deleted by this reload. */
  readonly created: readonly string[];
  readonly changed: readonly string[];
  readonly deleted: readonly string[];
  /** portico.json targets, `ca` or the Terraform addresses used as target keys changed: private integrations were re-resolved. */
  readonly targetsChanged: boolean;
  /** What Terraform would warn about, and settings that need a restart. */
  readonly warnings: readonly string[];
  readonly durationMs: number;
}

export interface ReloadRefused {
  readonly ok: false;
  /** "file:line: what was wrong", ready to print. */
  readonly error: string;
  readonly file?: string;
  readonly line?: number;
  readonly durationMs: number;
}

/** One line for a terminal: what a reload did, or why it was refused. */
export function describeReload(result: ReloadResult): string {
  if (!result.ok) return `reload refused, still serving the last good configuration: ${printableLines(result.error)}`;
  const parts = [`${result.created.length} created`, `${result.changed.length} changed`, `${result.deleted.length} deleted`];
  if (result.targetsChanged) parts.push('targets changed');
  const warnings = result.warnings.map((warning) => `\n  warning: ${printable(warning)}`).join('');
  return `reloaded in ${result.durationMs} ms: ${parts.join(', ')}${warnings}`;
}
