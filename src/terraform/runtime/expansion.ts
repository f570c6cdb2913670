import type { BodyItem } from '../expr/ast.js';
import { isObject, isSet, makeSet, show, sortedKeys, toNum, typeName, type TfObject } from '../expr/values.js';
import { ExprError, locate } from '../terraform-error.js';
import type { TfValue } from '../types.js';
import { isMadeUp } from './shaped-stand-in.js';

/**
 * count and for_each (https://developer.hashicorp.com/terraform/language/meta-arguments/count,
 * https://developer.hashicorp.com/terraform/language/meta-arguments/for_each): which instances a
 * resource or module call has, their address keys, and the count/each objects they see.
 */
export type Instances = { kind: 'single' } | { kind: 'count'; count: number } | { kind: 'for_each'; entries: [string, TfValue][] };

export interface InstanceKey {
  index: number | string | undefined;
  bindings: Record<string, TfValue>;
}

export function readCount(value: TfValue): Instances {
  if (value === null) throw new ExprError('Invalid count argument: the given "count" value is null; an integer is required');
  const n = toNum(value, 'count argument');
  if (!Number.isInteger(n) || n < 0)
    throw new ExprError(`Invalid count argument: the given "count" value ${n} is not a whole number of zero or more`);
  return { kind: 'count', count: n };
}

export function readForEach(value: TfValue): Instances {
  if (value === null)
    throw new ExprError('Invalid for_each argument: the given "for_each" value is null; a map, or set of strings, is required');
  if (isObject(value)) return { kind: 'for_each', entries: sortedKeys(value).map((k) => [k, value[k] ?? null]) };
  // A made-up list (a stand-in for an output Portico cannot know) is taken as the set it would be.
  if (Array.isArray(value) && isMadeUp(value) && !isSet(value))
    return readForEach(makeSet(value.map((v) => (typeof v === 'string' ? v : show(v)))));
  if (Array.isArray(value) && isSet(value)) {
    const bad = value.find((v) => typeof v !== 'string');
    if (bad !== undefined) {
      throw new ExprError(
        `Invalid for_each set argument: the given "for_each" set contains a ${typeName(bad)}; only a set of strings can be used (convert with toset([for v in ...: tostring(v)]))`,
      );
    }
    return { kind: 'for_each', entries: (value as string[]).map((k) => [k, k]) };
  }
  if (Array.isArray(value)) {
    throw new ExprError(
      'Invalid for_each argument: the "for_each" argument must be a map, or set of strings, and you have provided a list (tuple); convert it with toset() first',
    );
  }
  throw new ExprError(
    `Invalid for_each argument: the "for_each" argument must be a map, or set of strings, and you have provided a value of type ${typeName(value)}`,
  );
}

export function expandWith(
  count: BodyItem | undefined,
  forEach: BodyItem | undefined,
  file: string,
  evaluateItem: (item: BodyItem) => TfValue,
): Instances {
  const item = count ?? forEach;
  if (!item) return { kind: 'single' };
  const value = evaluateItem(item);
  try {
    return count ? readCount(value) : readForEach(value);
  } catch (error) {
    throw locate(error, { file, line: item.line });
  }
}

export function instanceKeys(instances: Instances): InstanceKey[] {
  if (instances.kind === 'single') return [{ index: undefined, bindings: {} }];
  if (instances.kind === 'count')
    return Array.from({ length: instances.count }, (_, i) => ({ index: i, bindings: { count: { index: i } } }));
  return instances.entries.map(([key, value]) => ({ index: key, bindings: { each: { key, value } } }));
}

/** The value a reference to the whole resource or module call sees: one object, a list, or a map by key. */
export function assemble(instances: Instances, values: TfValue[]): TfValue {
  if (instances.kind === 'single') return values[0] ?? null;
  if (instances.kind === 'count') return values;
  const out: TfObject = {};
  instances.entries.forEach(([key], i) => (out[key] = values[i] ?? null));
  return out;
}

/** `[0]` or `["key"]`, as in Terraform addresses. */
export function addressKey(index: number | string | undefined): string {
  if (index === undefined) return '';
  return typeof index === 'number' ? `[${index}]` : `[${JSON.stringify(index)}]`;
}
