import type { TfValue } from '../types.js';
import { equals, isObject, makeSet, setEntry, sortedKeys, toBool, toNum, toStr, typeName, type TfObject } from '../expr/values.js';
import type { Args, FunctionSpec } from './args.js';

/** Collection functions: https://developer.hashicorp.com/terraform/language/functions (Collection Functions). */
export const collectionFunctions: Record<string, FunctionSpec> = {
  alltrue: { params: ['list'], impl: (a) => a.list(0).every((v) => toBool(v, 'element of alltrue() list')) },
  anytrue: { params: ['list'], impl: (a) => a.list(0).some((v) => v !== null && toBool(v, 'element of anytrue() list')) },
  chunklist: {
    params: ['list', 'size'],
    impl: (a) => {
      const list = a.list(0);
      const size = a.int(1);
      if (size < 0) a.fail('the chunk size must not be negative');
      if (size === 0) return [list];
      const out: TfValue[] = [];
      for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
      return out;
    },
  },
  coalesce: {
    params: [],
    variadic: 'vals',
    impl: (a) => {
      const found = a.values.find((v) => v !== null && v !== '');
      if (found === undefined) return a.fail('no non-null, non-empty-string arguments');
      return found;
    },
  },
  coalescelist: {
    params: [],
    variadic: 'vals',
    impl: (a) => a.values.find((v, i) => a.list(i).length > 0 && v !== null) ?? [],
  },
  compact: { params: ['list'], impl: (a) => a.list(0).filter((v) => v !== null && v !== '') },
  concat: { params: [], variadic: 'seqs', impl: (a) => a.values.flatMap((_, i) => a.list(i)) },
  contains: { params: ['list', 'value'], impl: (a) => a.list(0).some((v) => equals(v, a.any(1))) },
  distinct: {
    params: ['list'],
    impl: (a) => a.list(0).filter((v, i, all) => all.findIndex((w) => equals(v, w)) === i),
  },
  element: {
    params: ['list', 'index'],
    impl: (a) => {
      const list = a.list(0);
      if (list.length === 0) a.fail('cannot use element() with an empty list');
      const index = a.int(1);
      if (index < 0) a.fail('the index must not be negative');
      return list[index % list.length] ?? null;
    },
  },
  flatten: { params: ['list'], impl: (a) => flatten(a.list(0)) },
  index: {
    params: ['list', 'value'],
    impl: (a) => {
      const i = a.list(0).findIndex((v) => equals(v, a.any(1)));
      if (i < 0) a.fail('the given value is not in the list');
      return i;
    },
  },
  keys: { params: ['inputMap'], impl: (a) => sortedKeys(a.obj(0)) },
  values: { params: ['mapping'], impl: (a) => sortedKeys(a.obj(0)).map((k) => a.obj(0)[k] ?? null) },
  length: {
    params: ['value'],
    impl: (a) => {
      const v = a.notNull(0);
      if (typeof v === 'string') return [...v].length;
      if (Array.isArray(v)) return v.length;
      if (isObject(v)) return Object.keys(v).length;
      return a.fail(`a string, list, set, map or object is required, got ${typeName(v)}`);
    },
  },
  lookup: {
    params: ['inputMap', 'key', 'default'],
    optional: 1,
    impl: (a) => {
      const map = a.obj(0);
      const key = a.str(1);
      if (Object.hasOwn(map, key)) return map[key] ?? null;
      if (a.length > 2) return a.any(2);
      return a.fail(`the given key ${JSON.stringify(key)} does not exist in the map and no default was given`);
    },
  },
  matchkeys: {
    params: ['values', 'keys', 'searchset'],
    impl: (a) => {
      const [values, keys, search] = [a.list(0), a.list(1), a.list(2)];
      if (values.length !== keys.length) a.fail('the values and keys lists must have the same length');
      return values.filter((_, i) => search.some((s) => equals(s, keys[i] ?? null)));
    },
  },
  merge: {
    params: [],
    variadic: 'maps',
    impl: (a) => {
      const out: TfObject = {};
      a.values.forEach((v, i) => {
        if (v !== null) for (const [k, value] of Object.entries(a.obj(i))) setEntry(out, k, value);
      });
      return out;
    },
  },
  one: {
    params: ['list'],
    impl: (a) => {
      const list = a.list(0);
      if (list.length > 1) a.fail(`the list must have zero or one elements, got ${list.length}`);
      return list[0] ?? null;
    },
  },
  range: { params: ['start'], variadic: 'rest', impl: range },
  reverse: { params: ['list'], impl: (a) => [...a.list(0)].reverse() },
  setintersection: {
    params: ['first_set'],
    variadic: 'other_sets',
    impl: (a) => makeSet(a.list(0).filter((v) => a.values.every((_, i) => a.list(i).some((w) => equals(v, w))))),
  },
  setproduct: {
    params: [],
    variadic: 'sets',
    impl: (a) => a.values.reduce<TfValue[][]>((acc, _, i) => acc.flatMap((prefix) => a.list(i).map((v) => [...prefix, v])), [[]]),
  },
  setsubtract: { params: ['a', 'b'], impl: (a) => makeSet(a.list(0).filter((v) => !a.list(1).some((w) => equals(v, w)))) },
  setunion: { params: ['first_set'], variadic: 'other_sets', impl: (a) => makeSet(a.values.flatMap((_, i) => a.list(i))) },
  slice: {
    params: ['list', 'start_index', 'end_index'],
    impl: (a) => {
      const list = a.list(0);
      const [start, end] = [a.int(1), a.int(2)];
      if (start < 0 || end > list.length || start > end) a.fail(`invalid slice [${start}:${end}] of a list with ${list.length} elements`);
      return list.slice(start, end);
    },
  },
  sort: { params: ['list'], impl: (a) => a.strings(0).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)) },
  sum: {
    params: ['list'],
    impl: (a) => {
      const list = a.list(0);
      if (list.length === 0) a.fail('cannot sum an empty list');
      return list.reduce<number>((acc, v) => acc + toNum(v, 'element of sum() list'), 0);
    },
  },
  transpose: {
    params: ['values'],
    impl: (a) => {
      const out: Record<string, string[]> = {};
      const input = a.obj(0);
      for (const key of sortedKeys(input)) {
        const list = input[key] ?? null;
        if (!Array.isArray(list))
          return a.fail(`the value for key ${JSON.stringify(key)} must be a list of strings, got ${typeName(list)}`);
        for (const v of list) (out[toStr(v, 'element of transpose() list')] ??= []).push(key);
      }
      return out;
    },
  },
  zipmap: {
    params: ['keys', 'values'],
    impl: (a) => {
      const [keys, values] = [a.strings(0), a.list(1)];
      if (keys.length !== values.length) a.fail('the keys and values lists must have the same length');
      const out: TfObject = {};
      keys.forEach((k, i) => (out[k] = values[i] ?? null));
      return out;
    },
  },
};

function flatten(list: readonly TfValue[]): TfValue[] {
  return list.flatMap((v) => (Array.isArray(v) ? flatten(v) : [v]));
}

function range(a: Args): TfValue {
  if (a.length > 3) a.fail('takes at most three arguments: start, limit and step');
  let [start, limit, step] = [0, a.num(0), 1];
  if (a.length >= 2) [start, limit] = [a.num(0), a.num(1)];
  if (a.length === 3) step = a.num(2);
  if (a.length >= 2 && a.length < 3 && limit < start) step = -1;
  if (step === 0) a.fail('the step must not be zero');
  if ((step > 0 && limit < start) || (step < 0 && limit > start)) a.fail('the step moves away from the limit');
  const out: number[] = [];
  for (let v = start; step > 0 ? v < limit : v > limit; v += step) {
    out.push(v);
    if (out.length > 1024) a.fail('more than 1024 values');
  }
  return out;
}
