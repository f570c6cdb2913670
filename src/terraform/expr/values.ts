import { ExprError } from '../terraform-error.js';
import type { TfValue } from '../types.js';

/**
 * Terraform's value model on plain JSON-like values. Lists, tuples and sets are arrays; sets are
 * additionally remembered here, because for_each accepts a set of strings but not a list
 * (https://developer.hashicorp.com/terraform/language/meta-arguments/for_each).
 */
export type TfObject = { [key: string]: TfValue };

const sets = new WeakSet<TfValue[]>();

export function isObject(value: TfValue | undefined): value is TfObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isSet(value: TfValue): boolean {
  return Array.isArray(value) && sets.has(value);
}

/** Sets hold each element once, in a stable order (strings sort lexically, as Terraform shows them). */
export function makeSet(items: readonly TfValue[]): TfValue[] {
  const unique: TfValue[] = [];
  for (const item of items) if (!unique.some((u) => equals(u, item))) unique.push(item);
  unique.sort(compareForSet);
  sets.add(unique);
  return unique;
}

function compareForSet(a: TfValue, b: TfValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const sa = JSON.stringify(a);
  const sb = JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Sets a key on a value object; "__proto__" is a plain key in Terraform, not JavaScript's prototype. */
export function setEntry(object: TfObject, key: string, value: TfValue): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

export function sortedKeys(value: TfObject): string[] {
  return Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Type names as Terraform's messages use them. */
export function typeName(value: TfValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return isSet(value) ? 'set' : 'tuple';
  if (typeof value === 'object') return 'object';
  return typeof value === 'boolean' ? 'bool' : typeof value;
}

/** Terraform equality: type-sensitive (1 != "1"), structural for collections. */
export function equals(a: TfValue, b: TfValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => equals(x, b[i] ?? null));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && equals(a[k] ?? null, b[k] ?? null));
  }
  return false;
}

/** How a number prints in a string: integers without ".0", no exponent for ordinary sizes. */
export function formatNumber(n: number): string {
  // Safe integers print the same either way; toLocaleString builds a number formatter per call
  // (half a second for the 20,000 count.index interpolations of a 10,000-route configuration).
  if (Number.isSafeInteger(n) && !Object.is(n, -0)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 0 });
  return String(n);
}

/** Automatic conversion to string, as for template interpolation and string parameters. */
export function toStr(value: TfValue, what = 'value'): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null) throw new ExprError(`Invalid ${what}: a string is required, got null`);
  throw new ExprError(`Invalid ${what}: a string is required, got ${typeName(value)}`);
}

export function toNum(value: TfValue, what = 'value'): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed !== '' && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) return Number(trimmed);
    throw new ExprError(`Invalid ${what}: a number is required, got ${JSON.stringify(value)}`);
  }
  throw new ExprError(`Invalid ${what}: a number is required, got ${value === null ? 'null' : typeName(value)}`);
}

export function toBool(value: TfValue, what = 'value'): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  if (typeof value === 'string') throw new ExprError(`Invalid ${what}: a bool is required, got ${JSON.stringify(value)}`);
  throw new ExprError(`Invalid ${what}: a bool is required, got ${value === null ? 'null' : typeName(value)}`);
}

/** Lists, tuples and sets as an array; anything else is an error. */
export function toList(value: TfValue, what = 'value'): TfValue[] {
  if (Array.isArray(value)) return value;
  throw new ExprError(`Invalid ${what}: a list is required, got ${typeName(value)}`);
}

export function toObject(value: TfValue, what = 'value'): TfObject {
  if (isObject(value)) return value;
  throw new ExprError(`Invalid ${what}: a map or object is required, got ${typeName(value)}`);
}

/** Short rendering of a value for messages. */
export function show(value: TfValue): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
