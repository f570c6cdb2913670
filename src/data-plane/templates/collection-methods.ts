import { toJsonText } from './json-write.js';
import { RenderFailure } from './render-state.js';
import { isInt } from './string-methods.js';
import {
  JavaDouble,
  LoopStatus,
  MapEntry,
  VtlList,
  VtlMap,
  isNumber,
  javaEquals,
  javaText,
  numericValue,
  type VtlValue,
} from './vtl-values.js';

/**
 * Methods of the Java collections a template holds — `java.util.List` (JSON arrays, list literals,
 * `split` results), `LinkedHashMap` (JSON objects, map literals, `$input.params()`,
 * `$stageVariables`), `Map.Entry`, `Number`, `Boolean`, and Velocity's `$foreach` — returning
 * undefined when the receiver has no such method. A `void` method gives '' (Velocity prints
 * nothing for it); index errors throw as Java's IndexOutOfBoundsException does.
 */
export const COLLECTION_METHODS = [
  'size',
  'isEmpty',
  'get',
  'contains',
  'indexOf',
  'lastIndexOf',
  'add',
  'addAll',
  'set',
  'remove',
  'clear',
  'subList',
  'containsKey',
  'containsValue',
  'keySet',
  'values',
  'entrySet',
  'put',
  'putAll',
  'getOrDefault',
  'getKey',
  'getValue',
  'intValue',
  'longValue',
  'doubleValue',
  'booleanValue',
  'hasNext',
  'getCount',
  'getIndex',
  'isFirst',
  'isLast',
  'getParent',
  'equals',
  'toString',
] as const;

/** A map key as Java would find it: keys are kept as their text. */
export const mapKey = (v: VtlValue): string => (typeof v === 'string' ? v : javaText(v, toJsonText));

function checkIndex(i: number, size: number, inclusive = false): void {
  if (i < 0 || i > size || (i === size && !inclusive))
    throw new RenderFailure(`IndexOutOfBoundsException: Index ${i} out of bounds for length ${size}`);
}

function listMethod(list: VtlList, call: string, a: VtlValue | undefined, b: VtlValue | undefined): VtlValue | undefined {
  const items = list.items;
  switch (call) {
    case 'size/0':
      return items.length;
    case 'isEmpty/0':
      return items.length === 0;
    case 'get/1':
      if (!isInt(a)) return undefined;
      checkIndex(a, items.length);
      return items[a] ?? null;
    case 'contains/1':
      return items.some((item) => javaEquals(item, a ?? null));
    case 'indexOf/1':
      return items.findIndex((item) => javaEquals(item, a ?? null));
    case 'lastIndexOf/1':
      return items.findLastIndex((item) => javaEquals(item, a ?? null));
    case 'add/1':
      items.push(a ?? null);
      return true;
    case 'add/2':
      if (!isInt(a)) return undefined;
      checkIndex(a, items.length, true);
      items.splice(a, 0, b ?? null);
      return '';
    case 'addAll/1':
      if (!(a instanceof VtlList)) return undefined;
      items.push(...a.items);
      return a.items.length > 0;
    case 'set/2': {
      if (!isInt(a)) return undefined;
      checkIndex(a, items.length);
      const old = items[a] ?? null;
      items[a] = b ?? null;
      return old;
    }
    case 'remove/1': {
      if (isInt(a)) {
        checkIndex(a, items.length);
        return items.splice(a, 1)[0] ?? null;
      }
      const at = items.findIndex((item) => javaEquals(item, a ?? null));
      if (at >= 0) items.splice(at, 1);
      return at >= 0;
    }
    case 'clear/0':
      items.length = 0;
      return '';
    case 'subList/2':
      if (!isInt(a) || !isInt(b)) return undefined;
      if (a < 0 || b > items.length || a > b)
        throw new RenderFailure(`IndexOutOfBoundsException: fromIndex ${a}, toIndex ${b}, size ${items.length}`);
      return new VtlList(items.slice(a, b), list.fromJson);
    default:
      return undefined;
  }
}

function mapMethod(map: VtlMap, call: string, a: VtlValue | undefined, b: VtlValue | undefined): VtlValue | undefined {
  const entries = map.entries;
  switch (call) {
    case 'size/0':
      return entries.size;
    case 'isEmpty/0':
      return entries.size === 0;
    case 'get/1':
      return entries.get(mapKey(a ?? null)) ?? null;
    case 'getOrDefault/2': {
      const key = mapKey(a ?? null);
      return entries.has(key) ? (entries.get(key) ?? null) : (b ?? null);
    }
    case 'containsKey/1':
      return entries.has(mapKey(a ?? null));
    case 'containsValue/1':
      return [...entries.values()].some((value) => javaEquals(value, a ?? null));
    case 'keySet/0':
      return new VtlList([...entries.keys()], false);
    case 'values/0':
      return new VtlList([...entries.values()], false);
    case 'entrySet/0':
      return new VtlList(
        [...entries].map(([key, value]) => new MapEntry(key, value)),
        false,
      );
    case 'put/2': {
      const key = mapKey(a ?? null);
      const old = entries.get(key) ?? null;
      entries.set(key, b ?? null);
      return old;
    }
    case 'putAll/1':
      if (!(a instanceof VtlMap)) return undefined;
      for (const [key, value] of a.entries) entries.set(key, value);
      return '';
    case 'remove/1': {
      const key = mapKey(a ?? null);
      const old = entries.get(key) ?? null;
      entries.delete(key);
      return old;
    }
    case 'clear/0':
      entries.clear();
      return '';
    default:
      return undefined;
  }
}

function scalarMethod(receiver: VtlValue, call: string): VtlValue | undefined {
  if (receiver instanceof MapEntry) {
    if (call === 'getKey/0') return receiver.key;
    if (call === 'getValue/0') return receiver.value;
    return undefined;
  }
  if (receiver instanceof LoopStatus) {
    if (call === 'hasNext/0') return receiver.hasNext;
    if (call === 'getCount/0') return receiver.index + 1;
    if (call === 'getIndex/0') return receiver.index;
    if (call === 'isFirst/0') return receiver.index === 0;
    if (call === 'isLast/0') return !receiver.hasNext;
    if (call === 'getParent/0') return receiver.parent;
    return undefined;
  }
  if (receiver !== null && isNumber(receiver)) {
    if (call === 'intValue/0' || call === 'longValue/0') return Math.trunc(numericValue(receiver));
    if (call === 'doubleValue/0') return new JavaDouble(numericValue(receiver));
    return undefined;
  }
  if (typeof receiver === 'boolean' && call === 'booleanValue/0') return receiver;
  return undefined;
}

/** A method of a collection, number, boolean, map entry or `$foreach`; undefined when it has none. */
export function collectionMethod(receiver: VtlValue, name: string, args: readonly VtlValue[]): VtlValue | undefined {
  const call = `${name}/${args.length}`;
  const [a, b] = args;
  if (call === 'toString/0') return javaText(receiver, toJsonText);
  if (call === 'equals/1') return javaEquals(receiver, a ?? null);
  if (receiver instanceof VtlList) return listMethod(receiver, call, a, b);
  if (receiver instanceof VtlMap) return mapMethod(receiver, call, a, b);
  return scalarMethod(receiver, call);
}
