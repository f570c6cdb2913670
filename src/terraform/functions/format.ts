import { ExprError } from '../terraform-error.js';
import type { TfValue } from '../types.js';
import { jsonEncode } from './json-encode.js';
import { formatNumber, toNum, toStr, typeName } from '../expr/values.js';

/**
 * format()'s verbs, after Go's fmt as Terraform documents them:
 * https://developer.hashicorp.com/terraform/language/functions/format
 */
export function format(spec: string, args: readonly TfValue[]): string {
  let out = '';
  let next = 0;
  const verb = /%([-+ #0]*)(\[\d+\])?(\d+|\*)?(?:\.(\d+))?([a-zA-Z%])/y;
  let i = 0;
  while (i < spec.length) {
    const pct = spec.indexOf('%', i);
    if (pct < 0) {
      out += spec.slice(i);
      break;
    }
    out += spec.slice(i, pct);
    verb.lastIndex = pct;
    const m = verb.exec(spec);
    if (!m) throw new ExprError(`Invalid function argument: format(): invalid format verb at offset ${pct} of ${JSON.stringify(spec)}`);
    i = verb.lastIndex;
    const [, flags = '', explicit, width, precision, letter = ''] = m;
    if (letter === '%') {
      out += '%';
      continue;
    }
    if (explicit) next = Number(explicit.slice(1, -1)) - 1;
    if (next >= args.length)
      throw new ExprError(`Invalid function argument: format(): not enough arguments for the verbs in ${JSON.stringify(spec)}`);
    const value = args[next] ?? null;
    next++;
    const text = applyVerb(letter, flags, precision === undefined ? undefined : Number(precision), value);
    out += pad(text, flags, width === undefined || width === '*' ? 0 : Number(width));
  }
  return out;
}

function pad(text: string, flags: string, width: number): string {
  if (text.length >= width) return text;
  if (flags.includes('-')) return text.padEnd(width);
  if (flags.includes('0') && /^[-+]?[0-9.]/.test(text)) {
    const sign = /^[-+]/.test(text) ? (text[0] ?? '') : '';
    return sign + text.slice(sign.length).padStart(width - sign.length, '0');
  }
  return text.padStart(width);
}

function signed(n: number, text: string, flags: string): string {
  if (n >= 0 && flags.includes('+')) return `+${text}`;
  if (n >= 0 && flags.includes(' ')) return ` ${text}`;
  return text;
}

function applyVerb(letter: string, flags: string, precision: number | undefined, value: TfValue): string {
  const what = `value for format verb %${letter}`;
  switch (letter) {
    case 'v':
      if (flags.includes('#')) return jsonEncode(value);
      return value !== null && typeof value === 'object' ? jsonEncode(value) : value === null ? 'null' : toStr(value);
    case 's': {
      const s = toStr(value, what);
      return precision === undefined ? s : [...s].slice(0, precision).join('');
    }
    case 'q':
      return JSON.stringify(toStr(value, what));
    case 't':
      if (typeof value !== 'boolean' && value !== 'true' && value !== 'false')
        throw new ExprError(`Invalid function argument: format(): %t needs a bool, got ${typeName(value)}`);
      return String(value);
    case 'd': {
      const n = toNum(value, what);
      if (!Number.isInteger(n)) throw new ExprError(`Invalid function argument: format(): %d needs a whole number, got ${formatNumber(n)}`);
      return signed(n, formatNumber(n), flags);
    }
    case 'b':
    case 'o':
    case 'x':
    case 'X': {
      if (typeof value === 'string' && (letter === 'x' || letter === 'X') && !/^-?\d+(\.\d+)?$/.test(value)) {
        const hex = Buffer.from(value, 'utf8').toString('hex');
        return letter === 'X' ? hex.toUpperCase() : hex;
      }
      const n = toNum(value, what);
      const text = Math.trunc(n).toString(letter === 'b' ? 2 : letter === 'o' ? 8 : 16);
      return letter === 'X' ? text.toUpperCase() : text;
    }
    case 'e':
    case 'E': {
      const n = toNum(value, what);
      const text = n.toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
      return signed(n, letter === 'E' ? text.toUpperCase() : text, flags);
    }
    case 'f':
    case 'F': {
      const n = toNum(value, what);
      return signed(n, n.toFixed(precision ?? 6), flags);
    }
    case 'g':
    case 'G': {
      const n = toNum(value, what);
      const text = precision === undefined ? formatNumber(n) : String(Number(n.toPrecision(precision)));
      return signed(n, letter === 'G' ? text.toUpperCase() : text, flags);
    }
    default:
      throw new ExprError(`Invalid function argument: format(): unsupported format verb %${letter}`);
  }
}
