import { ExprError } from '../terraform-error.js';
import type { SourceLocation, TfValue } from '../types.js';
import type { Step } from './ast.js';
import { readAttribute } from './lazy-attributes.js';
import { isObject, isSet, sortedKeys, toNum, toStr, typeName } from './values.js';

/**
 * Reading into a value: an attribute, an index, or its elements in order. The rules depend on the
 * value alone, not on the expression it came from, so they live apart from the evaluator; only a
 * lazy object's resolver is told the steps that follow (`steps` from `next`), to shape a stand-in.
 */
export function getAttribute(
  value: TfValue,
  name: string,
  location: SourceLocation,
  steps?: readonly Step[],
  next?: number,
  splat?: boolean,
): TfValue {
  if (isObject(value)) {
    const found = readAttribute(value, name, location, steps, next, splat);
    if (found === undefined) throw new ExprError(`Unsupported attribute: this object does not have an attribute named "${name}"`);
    return found;
  }
  if (value === null)
    throw new ExprError(`Attempt to get attribute "${name}" from null value: this value is null, so it does not have any attributes`);
  if (Array.isArray(value)) {
    throw new ExprError(
      `Unsupported attribute: can't access attribute "${name}" on a list; use [N].${name} for one element or [*].${name} for all of them`,
    );
  }
  throw new ExprError(`Unsupported attribute: can't access attribute "${name}" on a ${typeName(value)} value`);
}

export function getIndex(
  value: TfValue,
  key: TfValue,
  location: SourceLocation,
  steps?: readonly Step[],
  next?: number,
  splat?: boolean,
): TfValue {
  if (value === null) throw new ExprError('Attempt to index null value: this value is null, so it does not have any indices');
  if (key === null) throw new ExprError('Invalid index: an index must not be null');
  if (Array.isArray(value)) {
    if (isSet(value))
      throw new ExprError('Invalid index: elements of a set are identified only by their value and cannot be indexed; use tolist() first');
    const index = toNum(key, 'index');
    const item = Number.isInteger(index) ? value[index] : undefined;
    if (item === undefined) {
      throw new ExprError(
        `Invalid index: the given key does not identify an element in this collection value: index ${toStr(key)} of a list with ${value.length} elements`,
      );
    }
    return item;
  }
  if (isObject(value)) {
    const name = toStr(key, 'index');
    const found = readAttribute(value, name, location, steps, next, splat);
    if (found === undefined)
      throw new ExprError(`Invalid index: the given key ${JSON.stringify(name)} does not identify an element in this collection value`);
    return found;
  }
  throw new ExprError(`Invalid index: this value (a ${typeName(value)}) does not have any indices`);
}

/** Key/value pairs in Terraform's iteration order: lists by index, maps and objects by sorted key. */
export function iterate(collection: TfValue, what: string): [TfValue, TfValue][] {
  if (Array.isArray(collection)) return collection.map((v, i) => [isSet(collection) ? v : i, v]);
  if (isObject(collection)) return sortedKeys(collection).map((k) => [k, collection[k] ?? null]);
  if (collection === null) throw new ExprError(`Iteration over null value: the ${what} is null; a list, set, map or object is required`);
  throw new ExprError(`Iteration over non-iterable value: the ${what} must be a list, set, map or object, got ${typeName(collection)}`);
}
