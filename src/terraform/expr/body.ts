import { ExprError, locate, TerraformError } from '../terraform-error.js';
import type { TfValue } from '../types.js';
import type { Body, DynamicBlock } from './ast.js';
import { evaluate, iterate } from './evaluate.js';
import type { Scope } from './scope.js';
import { isObject, typeName, type TfObject } from './values.js';

/**
 * Evaluates a block body into an object: arguments by name, nested blocks as arrays of objects,
 * `dynamic` blocks expanded into more of those
 * (https://developer.hashicorp.com/terraform/language/expressions/dynamic-blocks). Errors are
 * located at the argument's own line.
 */
export function evaluateBody(body: Body, scope: Scope, skip: ReadonlySet<string> = new Set()): TfObject {
  const out: TfObject = {};
  for (const item of body.items) {
    if (skip.has(item.name)) continue;
    const location = { file: body.file, line: item.line };
    try {
      out[item.name] = evaluate(item.value, scope.at(location));
    } catch (error) {
      throw locate(error, location);
    }
  }
  for (const dynamic of body.dynamics) {
    const blocks = expandDynamic(dynamic, body.file, scope);
    const existing = out[dynamic.type];
    out[dynamic.type] = Array.isArray(existing) ? [...existing, ...blocks] : blocks;
  }
  return out;
}

function expandDynamic(dynamic: DynamicBlock, file: string, scope: Scope): TfValue[] {
  const location = { file, line: dynamic.forEachLine };
  let collection: TfValue;
  try {
    collection = evaluate(dynamic.forEach, scope.at(location));
    if (collection === null)
      throw new ExprError(`Invalid dynamic for_each value: for_each of dynamic "${dynamic.type}" is null; a list, set or map is required`);
    if (!Array.isArray(collection) && !isObject(collection)) {
      throw new ExprError(
        `Invalid dynamic for_each value: for_each of dynamic "${dynamic.type}" must be a list, set or map, got ${typeName(collection)}`,
      );
    }
  } catch (error) {
    throw locate(error, location);
  }
  const pairs = iterate(collection, 'dynamic for_each value');
  return pairs.map(([key, value]) => {
    const inner = scope.with({ [dynamic.iterator]: { key, value } });
    try {
      return evaluateBody(dynamic.content, inner);
    } catch (error) {
      if (error instanceof TerraformError) throw error;
      throw locate(error, { file, line: dynamic.line });
    }
  });
}
