import { evaluate } from '../expr/evaluate.js';
import type { Scope } from '../expr/scope.js';
import { isObject, isSet, makeSet, setEntry, typeName, toStr, type TfObject } from '../expr/values.js';
import type { TfValue } from '../types.js';
import type { TypeConstraint } from './type-constraint.js';

/** A value that does not fit a type constraint; the message reads "a number is required, got "abc"". */
export class ConversionError extends Error {}

/**
 * Converts a value to a type constraint the way Terraform does for variables: primitives convert
 * between each other where the text allows, objects lose attributes the type does not name, and
 * optional attributes get their defaults
 * (https://developer.hashicorp.com/terraform/language/expressions/type-constraints#conversion-of-primitive-types).
 */
export function convert(value: TfValue, type: TypeConstraint, constants: Scope, path = ''): TfValue {
  if (value === null || type.kind === 'any') return value;
  const fail = (expected: string): never => {
    const got = typeof value === 'string' && (type.kind === 'number' || type.kind === 'bool') ? JSON.stringify(value) : describe(value);
    throw new ConversionError(`${path}${expected} is required, got ${got}`);
  };
  switch (type.kind) {
    case 'string':
      return typeof value === 'object' ? fail('a string') : toStr(value);
    case 'number':
      if (typeof value === 'number') return value;
      if (typeof value === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) return Number(value);
      return fail('a number');
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return fail('a bool');
    case 'list':
    case 'set': {
      if (!Array.isArray(value)) return fail(`a ${type.kind}`);
      const items = value.map((v, i) => convert(v, type.element, constants, `${path}element ${i}: `));
      return type.kind === 'set' ? makeSet(items) : items;
    }
    case 'map': {
      if (!isObject(value)) return fail('a map');
      const out: TfObject = {};
      for (const [k, v] of Object.entries(value))
        setEntry(out, k, convert(v, type.element, constants, `${path}element ${JSON.stringify(k)}: `));
      return out;
    }
    case 'tuple':
      if (!Array.isArray(value) || value.length !== type.elements.length) return fail(`a tuple of ${type.elements.length} elements`);
      return type.elements.map((t, i) => convert(value[i] ?? null, t, constants, `${path}element ${i}: `));
    case 'object': {
      if (!isObject(value)) return fail('an object');
      const out: TfObject = {};
      for (const [name, attr] of Object.entries(type.attributes)) {
        const given = Object.hasOwn(value, name) ? (value[name] ?? null) : undefined;
        if (given === undefined && !attr.optional) throw new ConversionError(`${path}attribute ${JSON.stringify(name)} is required`);
        let v = given ?? null;
        if (v === null && attr.default) v = evaluate(attr.default, constants);
        out[name] = convert(v, attr.type, constants, `${path}attribute ${JSON.stringify(name)}: `);
      }
      return out;
    }
  }
}

function describe(value: TfValue): string {
  if (Array.isArray(value)) return isSet(value) ? 'set' : 'list';
  return isObject(value) ? 'object' : typeName(value);
}
