import { formatNumber, isObject, typeName } from '../expr/values.js';
import type { TfValue } from '../types.js';
import type { SchemaType } from './provider-schema.js';

/**
 * Terraform's conversion of a value to the type an attribute's schema declares
 * (https://developer.hashicorp.com/terraform/language/expressions/type-constraints#conversion-of-primitive-types):
 * numbers and bools become strings, "true"/"false" become bools, numeric strings numbers,
 * element by element in collections. What cannot convert is an error, as `terraform validate`
 * reports it: "yes" for a bool, a list for a string.
 */
export function convertValue(value: TfValue, type: SchemaType): { value: TfValue } | { problem: string } {
  if (value === null || type === 'dynamic') return { value };
  if (typeof type === 'string') return primitive(value, type);
  const [kind, element] = type;
  if (kind === 'list' || kind === 'set') {
    if (!Array.isArray(value)) return { problem: `a ${kind} of ${describe(element)} is required, got ${typeName(value)}` };
    return collect(
      value.map((v, i) => [String(i), v] as const),
      element,
      (entries) => entries.map(([, v]) => v),
    );
  }
  if (kind === 'map') {
    if (!isObject(value)) return { problem: `a map of ${describe(element)} is required, got ${typeName(value)}` };
    return collect(Object.entries(value), element, (entries) => Object.fromEntries(entries));
  }
  if (kind === 'object' && typeof element === 'object' && !Array.isArray(element)) {
    if (!isObject(value)) return { problem: `an object is required, got ${typeName(value)}` };
    const out: Record<string, TfValue> = {};
    for (const key of Object.keys(value))
      if (!Object.hasOwn(element, key)) return { problem: `attribute "${key}" is not expected in this object` };
    for (const [key, attributeType] of Object.entries(element)) {
      const converted = convertValue(value[key] ?? null, attributeType);
      if ('problem' in converted) return { problem: `attribute "${key}": ${converted.problem}` };
      out[key] = converted.value;
    }
    return { value: out };
  }
  return { value };
}

function collect(
  entries: (readonly [string, TfValue])[],
  element: SchemaType,
  build: (entries: [string, TfValue][]) => TfValue,
): { value: TfValue } | { problem: string } {
  const out: [string, TfValue][] = [];
  for (const [key, item] of entries) {
    if (item === null) return { problem: `element ${JSON.stringify(key)}: null values are not allowed in this collection` };
    const converted = convertValue(item, element);
    if ('problem' in converted) return { problem: `element ${JSON.stringify(key)}: ${converted.problem}` };
    out.push([key, converted.value]);
  }
  return { value: build(out) };
}

function primitive(value: TfValue, type: string): { value: TfValue } | { problem: string } {
  const got = typeof value === 'string' ? JSON.stringify(value) : typeName(value);
  if (type === 'string') {
    if (typeof value === 'string') return { value };
    if (typeof value === 'number') return { value: formatNumber(value) };
    if (typeof value === 'boolean') return { value: value ? 'true' : 'false' };
    return { problem: `a string is required, got ${got}` };
  }
  if (type === 'number') {
    if (typeof value === 'number') return { value };
    if (typeof value === 'string' && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value.trim())) return { value: Number(value) };
    return { problem: `a number is required, got ${got}` };
  }
  if (type === 'bool') {
    if (typeof value === 'boolean') return { value };
    if (value === 'true' || value === 'false') return { value: value === 'true' };
    return { problem: `a bool is required, got ${got}` };
  }
  return { value };
}

function describe(type: SchemaType): string {
  if (typeof type === 'string') return type === 'dynamic' ? 'any' : type;
  return `${type[0]}s`;
}
