import type { TfValue } from '../types.js';
import { isObject, makeSet, toBool, toNum, toStr, typeName, type TfObject } from '../expr/values.js';
import type { FunctionSpec } from './args.js';

/** Type conversion functions: https://developer.hashicorp.com/terraform/language/functions (Type Conversion Functions). */
export const typeFunctions: Record<string, FunctionSpec> = {
  tostring: {
    params: ['v'],
    impl: (a) => {
      const v = a.any(0);
      if (v !== null && typeof v === 'object')
        a.fail(`cannot convert ${typeName(v)} to string; only primitive values can be (use jsonencode() for structures)`);
      return v === null ? null : toStr(v, 'value for tostring()');
    },
  },
  tonumber: { params: ['v'], impl: (a) => (a.any(0) === null ? null : toNum(a.any(0), 'value for tonumber()')) },
  tobool: { params: ['v'], impl: (a) => (a.any(0) === null ? null : toBool(a.any(0), 'value for tobool()')) },
  tolist: { params: ['v'], impl: (a) => (a.any(0) === null ? null : unify([...a.list(0)])) },
  toset: { params: ['v'], impl: (a) => (a.any(0) === null ? null : makeSet(unify([...a.list(0)]))) },
  tomap: {
    params: ['v'],
    impl: (a) => {
      if (a.any(0) === null) return null;
      const input = a.obj(0);
      const keys = Object.keys(input);
      const values = unify(keys.map((k) => input[k] ?? null));
      const out: TfObject = {};
      keys.forEach((k, i) => (out[k] = values[i] ?? null));
      return out;
    },
  },
  sensitive: { params: ['value'], impl: (a) => a.any(0) },
  nonsensitive: { params: ['value'], impl: (a) => a.any(0) },
  issensitive: { params: ['value'], impl: () => false },
  ephemeralasnull: { params: ['value'], impl: (a) => a.any(0) },
};

/**
 * Collections hold one element type: when primitives are mixed, Terraform converts them all to
 * string (tolist([1, "a"]) is ["1", "a"]). Structural mixes are left alone.
 */
function unify(values: TfValue[]): TfValue[] {
  const kinds = new Set(values.filter((v) => v !== null).map((v) => (isObject(v) || Array.isArray(v) ? 'structural' : typeof v)));
  if (kinds.size <= 1 || kinds.has('structural')) return values;
  return values.map((v) => (v === null ? null : toStr(v)));
}
