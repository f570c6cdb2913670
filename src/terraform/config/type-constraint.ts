import type { Expr } from '../expr/ast.js';
import { ExprError } from '../terraform-error.js';

/**
 * Variable type constraints:
 * https://developer.hashicorp.com/terraform/language/expressions/type-constraints
 */
export type TypeConstraint =
  | { kind: 'any' }
  | { kind: 'string' }
  | { kind: 'number' }
  | { kind: 'bool' }
  | { kind: 'list' | 'set' | 'map'; element: TypeConstraint }
  | { kind: 'tuple'; elements: TypeConstraint[] }
  | { kind: 'object'; attributes: Record<string, ObjectAttribute> };

export interface ObjectAttribute {
  type: TypeConstraint;
  optional: boolean;
  /** The default of optional(type, default), still an expression of constants. */
  default: Expr | undefined;
}

export const anyType: TypeConstraint = { kind: 'any' };

const primitive = ['string', 'number', 'bool', 'any'] as const;

/** Reads a type constraint from its expression (`map(string)`, `object({a = optional(number, 1)})`). */
export function parseTypeConstraint(expr: Expr): TypeConstraint {
  // Before Terraform 0.12 types were quoted strings: "string", "list", "map".
  if (expr.kind === 'literal' && typeof expr.value === 'string') {
    if (expr.value === 'string') return { kind: 'string' };
    if (expr.value === 'list') return { kind: 'list', element: anyType };
    if (expr.value === 'map') return { kind: 'map', element: anyType };
  }
  if (expr.kind === 'scope' && expr.steps.length === 0) {
    const name = primitive.find((p) => p === expr.root);
    if (name) return { kind: name };
    if (['list', 'set', 'map'].includes(expr.root)) return { kind: expr.root as 'list' | 'set' | 'map', element: anyType };
  }
  if (expr.kind === 'call') {
    const [first] = expr.args;
    if ((expr.name === 'list' || expr.name === 'set' || expr.name === 'map') && expr.args.length === 1 && first) {
      return { kind: expr.name, element: parseTypeConstraint(first) };
    }
    if (expr.name === 'tuple' && expr.args.length === 1 && first?.kind === 'tuple') {
      return { kind: 'tuple', elements: first.items.map(parseTypeConstraint) };
    }
    if (expr.name === 'object' && expr.args.length === 1 && first?.kind === 'object') {
      const attributes: Record<string, ObjectAttribute> = {};
      for (const item of first.items) {
        if (item.key.kind !== 'literal' || typeof item.key.value !== 'string')
          throw new ExprError('Invalid type specification: object attribute names must be plain names');
        attributes[item.key.value] = parseAttribute(item.value);
      }
      return { kind: 'object', attributes };
    }
    if (expr.name === 'optional')
      throw new ExprError('Invalid type specification: optional() is allowed only for attributes of object({...})');
  }
  throw new ExprError(
    'Invalid type specification: expected string, number, bool, any, list(T), set(T), map(T), tuple([...]) or object({...})',
  );
}

function parseAttribute(expr: Expr): ObjectAttribute {
  if (expr.kind === 'call' && expr.name === 'optional') {
    const [type, def] = expr.args;
    if (!type || expr.args.length > 2)
      throw new ExprError('Invalid type specification: optional() takes a type and an optional default value');
    return { type: parseTypeConstraint(type), optional: true, default: def };
  }
  return { type: parseTypeConstraint(expr), optional: false, default: undefined };
}

/** Whether --var / TF_VAR_ strings are taken literally (primitive types) or parsed as HCL. */
export function takesRawString(type: TypeConstraint): boolean {
  return type.kind === 'string' || type.kind === 'number' || type.kind === 'bool' || type.kind === 'any';
}

export function typeString(type: TypeConstraint): string {
  switch (type.kind) {
    case 'list':
    case 'set':
    case 'map':
      return `${type.kind}(${typeString(type.element)})`;
    case 'tuple':
      return `tuple([${type.elements.map(typeString).join(', ')}])`;
    case 'object':
      return `object({${Object.entries(type.attributes)
        .map(([k, a]) => `${k} = ${a.optional ? `optional(${typeString(a.type)})` : typeString(a.type)}`)
        .join(', ')}})`;
    default:
      return type.kind;
  }
}
