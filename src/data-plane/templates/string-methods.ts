import { javaMatches, javaReplace, javaSplit } from './java-regex.js';
import { RenderFailure } from './render-state.js';
import { VtlList, type VtlValue } from './vtl-values.js';

/** Strings a template builds stay below this (concatenation, replace, interpolation), so no rendering can exhaust memory. */
export const MAX_STRING = 16 * 1024 * 1024;

export function boundedString(s: string): string {
  if (s.length > MAX_STRING) throw new RenderFailure(`a string passed ${MAX_STRING} characters`);
  return s;
}

export const isInt = (v: VtlValue | undefined): v is number => typeof v === 'number';

export const STRING_METHODS = [
  'length',
  'isEmpty',
  'substring',
  'indexOf',
  'lastIndexOf',
  'contains',
  'startsWith',
  'endsWith',
  'toLowerCase',
  'toUpperCase',
  'trim',
  'replace',
  'replaceAll',
  'replaceFirst',
  'matches',
  'split',
  'equals',
  'equalsIgnoreCase',
  'charAt',
  'concat',
  'compareTo',
  'toString',
] as const;

function outOfBounds(what: string): never {
  throw new RenderFailure(`StringIndexOutOfBoundsException: ${what}`);
}

/** `String.replace(CharSequence, CharSequence)`: every occurrence, checked for size before it is built. */
function literalReplace(s: string, target: string, replacement: string): string {
  const occurrences = target === '' ? s.length + 1 : s.split(target).length - 1;
  if (s.length + occurrences * (replacement.length - target.length) > MAX_STRING)
    throw new RenderFailure(`a string passed ${MAX_STRING} characters`);
  return s.replaceAll(target, () => replacement);
}

function compareTo(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/**
 * A `java.lang.String` method on `s`, or undefined when String has no such method for these
 * arguments (Velocity then finds none, and the reference prints nothing). Index errors throw as
 * Java does.
 */
export function stringMethod(s: string, name: string, args: readonly VtlValue[]): VtlValue | undefined {
  const [a, b] = args;
  const str = typeof a === 'string';
  switch (args.length === 0 ? name : `${name}/${args.length}`) {
    case 'length':
      return s.length;
    case 'isEmpty':
      return s.length === 0;
    case 'toLowerCase':
      return s.toLowerCase();
    case 'toUpperCase':
      return s.toUpperCase();
    case 'trim':
      // eslint-disable-next-line no-control-regex -- Java's trim() removes every character up to U+0020
      return s.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
    case 'toString':
      return s;
    case 'substring/1':
    case 'substring/2': {
      const end = args.length === 2 ? b : s.length;
      if (!isInt(a) || !isInt(end)) return undefined;
      if (a < 0 || end > s.length || a > end) outOfBounds(`begin ${a}, end ${end}, length ${s.length}`);
      return s.slice(a, end);
    }
    case 'charAt/1':
      if (!isInt(a)) return undefined;
      if (a < 0 || a >= s.length) outOfBounds(`index ${a}, length ${s.length}`);
      return s[a] as string;
    case 'indexOf/1':
      return str ? s.indexOf(a) : undefined;
    case 'indexOf/2':
      return str && isInt(b) ? s.indexOf(a, Math.max(0, b)) : undefined;
    case 'lastIndexOf/1':
      return str ? s.lastIndexOf(a) : undefined;
    case 'contains/1':
      return str ? s.includes(a) : undefined;
    case 'startsWith/1':
      return str ? s.startsWith(a) : undefined;
    case 'startsWith/2':
      return str && isInt(b) ? b >= 0 && s.startsWith(a, b) : undefined;
    case 'endsWith/1':
      return str ? s.endsWith(a) : undefined;
    case 'equals/1':
      return a === s;
    case 'equalsIgnoreCase/1':
      return str && a.length === s.length && a.toUpperCase().toLowerCase() === s.toUpperCase().toLowerCase();
    case 'compareTo/1':
      return str ? compareTo(s, a) : undefined;
    case 'concat/1':
      return str ? boundedString(s + a) : undefined;
    case 'replace/2':
      return str && typeof b === 'string' ? literalReplace(s, a, b) : undefined;
    case 'replaceAll/2':
    case 'replaceFirst/2':
      return str && typeof b === 'string' ? javaReplace(s, a, b, name === 'replaceAll', MAX_STRING) : undefined;
    case 'matches/1':
      return str ? javaMatches(s, a) : undefined;
    case 'split/1':
    case 'split/2':
      if (!str || (args.length === 2 && !isInt(b))) return undefined;
      return new VtlList(javaSplit(s, a, isInt(b) ? b : 0), false);
    default:
      return undefined;
  }
}
