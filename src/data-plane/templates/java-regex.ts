import { RenderFailure } from './render-state.js';

/**
 * Java regular expressions (java.util.regex.Pattern) for `replaceAll`, `replaceFirst`, `matches` and
 * `split`, as JS RegExps: the syntax both share is most of what templates use; Java's leading inline
 * flags (`(?i)`), `\Q…\E` quoting and the POSIX classes (`\p{Alpha}`, …) are translated; what has no JS
 * equivalent (possessive quantifiers, atomic groups, other `\p{…}`) fails the rendering as a
 * PatternSyntaxException fails it in Java. Compiled patterns are cached (patterns are mostly literals).
 */
const POSIX: Readonly<Record<string, string>> = {
  Lower: '[a-z]',
  Upper: '[A-Z]',
  ASCII: '[\\x00-\\x7F]',
  Alpha: '[A-Za-z]',
  Digit: '[0-9]',
  Alnum: '[A-Za-z0-9]',
  Punct: '[!-\\/:-@[-`{-~]',
  Graph: '[!-~]',
  Print: '[ -~]',
  Blank: '[ \\t]',
  Cntrl: '[\\x00-\\x1F\\x7F]',
  XDigit: '[0-9a-fA-F]',
  Space: '[ \\t\\n\\x0B\\f\\r]',
};

const CACHE_SIZE = 256;
const cache = new Map<string, RegExp>();

function translate(pattern: string): { source: string; flags: string } {
  let source = pattern;
  let flags = '';
  const inline = /^\(\?([imsx]+)\)/.exec(source);
  if (inline !== null) {
    for (const f of inline[1] ?? '') {
      if (f === 'x') throw new RenderFailure(`regular expression "${pattern}": the (?x) flag is not supported`);
      if (!flags.includes(f)) flags += f;
    }
    source = source.slice(inline[0].length);
  }
  source = source.replace(/\\Q([\s\S]*?)(?:\\E|$)/g, (_, literal: string) => literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'));
  source = source.replace(/(\\\\)|\\p\{(?:Is)?([A-Za-z]+)\}/g, (whole, escaped: string | undefined, name: string | undefined) => {
    if (escaped !== undefined) return whole;
    const cls = POSIX[name ?? ''];
    if (cls === undefined) throw new RenderFailure(`regular expression "${pattern}": \\p{${name}} is not supported`);
    return cls;
  });
  if (/(?:[*+?}])\+/.test(source.replace(/\\./g, '')) || source.includes('(?>'))
    throw new RenderFailure(`regular expression "${pattern}": possessive quantifiers and atomic groups are not supported`);
  return { source, flags };
}

/** The pattern as a RegExp with `extraFlags` ('g' for scanning); a pattern JS cannot take fails the rendering. */
export function javaRegex(pattern: string, extraFlags = ''): RegExp {
  const key = `${extraFlags}/${pattern}`;
  const hit = cache.get(key);
  if (hit !== undefined) {
    hit.lastIndex = 0;
    return hit;
  }
  const { source, flags } = translate(pattern);
  let re: RegExp;
  try {
    re = new RegExp(source, flags + extraFlags);
  } catch (error) {
    throw new RenderFailure(`regular expression "${pattern}" is not valid: ${(error as Error).message}`);
  }
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, re);
  return re;
}

type ReplacementPart = string | number;

/** A Java replacement string (`$1`, `${name}`, `\$`): `\x` is x, `$n` takes the longest group number that exists. */
function replacementParts(replacement: string, groups: number): ReplacementPart[] {
  const parts: ReplacementPart[] = [];
  let literal = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    if (c === '\\') {
      i++;
      if (i >= replacement.length) throw new RenderFailure('character to be escaped is missing in the replacement');
      literal += replacement[i];
    } else if (c === '$') {
      const digits = /^\d+/.exec(replacement.slice(i + 1));
      if (digits === null) throw new RenderFailure(`illegal group reference in the replacement "${replacement}"`);
      let n = Number(digits[0][0]);
      let used = 1;
      while (used < digits[0].length && n * 10 + Number(digits[0][used]) <= groups) n = n * 10 + Number(digits[0][used++]);
      if (n > groups) throw new RenderFailure(`no group ${n} in the replacement "${replacement}"`);
      if (literal !== '') parts.push(literal);
      literal = '';
      parts.push(n);
      i += used;
    } else literal += c;
  }
  if (literal !== '') parts.push(literal);
  return parts;
}

/** `replaceAll` / `replaceFirst` with Java's replacement syntax; a result longer than `maxLength` fails. */
export function javaReplace(input: string, pattern: string, replacement: string, all: boolean, maxLength: number): string {
  const re = javaRegex(pattern, 'g');
  const groups = new RegExp(`${re.source}|`).exec('')?.length ?? 1;
  const parts = replacementParts(replacement, groups - 1);
  let out = '';
  let last = 0;
  for (const m of input.matchAll(re)) {
    out += input.slice(last, m.index);
    for (const part of parts) out += typeof part === 'string' ? part : (m[part] ?? '');
    last = m.index + m[0].length;
    if (out.length > maxLength) throw new RenderFailure(`a string passed ${maxLength} characters`);
    if (!all) break;
  }
  return out + input.slice(last);
}

/** `String.split(regex, limit)`: no leading empty string for a zero-width match at 0; limit 0 drops trailing empties. */
export function javaSplit(input: string, pattern: string, limit = 0): string[] {
  const re = javaRegex(pattern, 'g');
  const parts: string[] = [];
  let last = 0;
  for (const m of input.matchAll(re)) {
    if (m[0].length === 0 && m.index === 0) continue;
    if (limit > 0 && parts.length === limit - 1) break;
    parts.push(input.slice(last, m.index));
    last = m.index + m[0].length;
  }
  // No match at all: the string itself, even when empty.
  if (parts.length === 0) return [input];
  parts.push(input.slice(last));
  if (limit === 0) while (parts.length > 0 && parts.at(-1) === '') parts.pop();
  return parts;
}

/** `String.matches(regex)`: the whole string must match. */
export function javaMatches(input: string, pattern: string): boolean {
  const re = javaRegex(pattern);
  const whole = new RegExp(`^(?:${re.source})$`, re.flags);
  return whole.test(input);
}
