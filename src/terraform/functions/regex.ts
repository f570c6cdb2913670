import { ExprError } from '../terraform-error.js';
import type { TfValue } from '../types.js';

/**
 * Terraform's regular expressions are RE2 (https://developer.hashicorp.com/terraform/language/functions/regex).
 * JavaScript's are close; we translate the RE2 spellings configs use: (?P<name>...) named groups
 * and a leading (?i)/(?s)/(?m) flag group.
 */
const cache = new Map<string, RegExp>();

export function compileRegex(pattern: string, global = false): RegExp {
  const key = `${global ? 'g' : '-'}${pattern}`;
  const cached = cache.get(key);
  if (cached) {
    cached.lastIndex = 0;
    return cached;
  }
  let source = pattern.replace(/\(\?P</g, '(?<');
  let flags = global ? 'gu' : 'u';
  const leading = /^\(\?([ims]+)\)/.exec(source);
  if (leading?.[1]) {
    flags += leading[1];
    source = source.slice(leading[0].length);
  }
  try {
    const re = new RegExp(source, flags);
    cache.set(key, re);
    return re;
  } catch (error) {
    throw new ExprError(`Invalid function argument: invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}`);
  }
}

/** A match as regex() returns it: the whole match, a list of captures, or a map of named captures. */
export function matchValue(match: RegExpExecArray): TfValue {
  if (match.groups && Object.keys(match.groups).length > 0) {
    const out: Record<string, TfValue> = {};
    for (const [name, value] of Object.entries(match.groups)) out[name] = value ?? null;
    return out;
  }
  if (match.length > 1) return match.slice(1).map((v) => v ?? null);
  return match[0];
}

/** RE2 replacement syntax ($1, ${1}, ${name}) to JavaScript's ($1, $<name>). */
export function replacementTemplate(replacement: string): string {
  return replacement.replace(/\$\{(\d+)\}/g, '$$$1').replace(/\$\{([A-Za-z_]\w*)\}/g, '$$<$1>');
}
