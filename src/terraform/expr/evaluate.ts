import { ExprError, locate, TerraformError } from '../terraform-error.js';
import type { TfValue } from '../types.js';
import type { Body, DynamicBlock, Expr, ForExpr, Step, TemplatePart } from './ast.js';
import { binary, unary } from './operators.js';
import type { Scope } from './scope.js';
import { getAttribute, getIndex, iterate } from './value-access.js';
import { isObject, setEntry, toBool, toStr, typeName, type TfObject } from './values.js';

/** Evaluates an expression: https://developer.hashicorp.com/terraform/language/expressions */
export function evaluate(expr: Expr, scope: Scope): TfValue {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'scope':
      return evaluateScope(expr.root, expr.steps, scope);
    case 'traverse':
      return applySteps(evaluate(expr.target, scope), expr.steps, scope);
    case 'splat':
      return splat(splatSource(expr.source, scope, expr.steps.length > 0), expr.steps, scope);
    case 'call':
      return call(expr.name, expr.args, expr.expandLast, scope);
    case 'unary':
      return unary(expr.op, evaluate(expr.operand, scope));
    case 'binary':
      return binary(
        expr.op,
        () => evaluate(expr.left, scope),
        () => evaluate(expr.right, scope),
      );
    case 'conditional': {
      const condition = evaluate(expr.condition, scope);
      if (condition === null) throw new ExprError('Null condition: the condition value is null; conditions must be true or false');
      return toBool(condition, 'condition') ? evaluate(expr.then, scope) : evaluate(expr.else, scope);
    }
    case 'tuple':
      return expr.items.map((item) => evaluate(item, scope));
    case 'object': {
      const out: TfObject = {};
      for (const item of expr.items) {
        const key = evaluate(item.key, scope);
        if (key === null) throw new ExprError('Invalid object key: a key must not be null');
        setEntry(out, toStr(key, 'object key'), evaluate(item.value, scope));
      }
      return out;
    }
    case 'for':
      return forExpression(expr, scope);
    case 'template':
      return renderParts(expr.parts, scope);
    case 'blocks':
      return expr.bodies.map((body) => evaluateBody(body, scope));
  }
}

function evaluateScope(root: string, steps: readonly Step[], scope: Scope, splatted = false): TfValue {
  const bound = scope.lookup(root);
  if (bound !== undefined) return applySteps(bound, steps, scope, splatted);
  const { value, consumed } = scope.host.resolve(root, steps, scope);
  return applySteps(value, consumed === 0 ? steps : steps.slice(consumed), scope, splatted);
}

/** `splatted`: a splat follows, applying more steps to each element of the result. */
export function applySteps(start: TfValue, steps: readonly Step[], scope: Scope, splatted = false): TfValue {
  let value = start;
  const last = steps.length - 1;
  for (let i = 0; i <= last; i++) {
    const step = steps[i] as Step;
    const splat = splatted && i === last;
    value =
      step.kind === 'attr'
        ? getAttribute(value, step.name, scope.location, steps, i + 1, splat)
        : getIndex(value, evaluate(step.key, scope), scope.location, steps, i + 1, splat);
  }
  return value;
}

/** A splat's source, told that elements are read from it (a stand-in then becomes a list of objects). */
function splatSource(source: Expr, scope: Scope, stepsFollow: boolean): TfValue {
  if (stepsFollow && source.kind === 'scope') return evaluateScope(source.root, source.steps, scope, true);
  if (stepsFollow && source.kind === 'traverse') return applySteps(evaluate(source.target, scope), source.steps, scope, true);
  return evaluate(source, scope);
}

/** https://developer.hashicorp.com/terraform/language/expressions/splat */
function splat(source: TfValue, steps: readonly Step[], scope: Scope): TfValue {
  if (source === null) return [];
  const items = Array.isArray(source) ? source : [source];
  return items.map((item) => applySteps(item, steps, scope));
}

function call(name: string, args: readonly Expr[], expandLast: boolean, scope: Scope): TfValue {
  if (name === 'try' || name === 'can') return lazyCall(name, args, scope);
  const values = args.map((arg) => evaluate(arg, scope));
  if (expandLast) {
    const last = values.pop();
    if (last === undefined || !Array.isArray(last)) {
      throw new ExprError(`Invalid expanding argument value: the final argument of ${name}() before "..." must be a list, tuple or set`);
    }
    values.push(...last);
  }
  return scope.host.call(name, values, scope);
}

/**
 * try() and can() evaluate their arguments themselves, catching dynamic errors only:
 * https://developer.hashicorp.com/terraform/language/functions/try
 */
function lazyCall(name: 'try' | 'can', args: readonly Expr[], scope: Scope): TfValue {
  if (name === 'can' && args.length !== 1)
    throw new ExprError(`Invalid function call: can() takes exactly one argument, got ${args.length}`, true);
  if (args.length === 0) throw new ExprError('Invalid function call: try() needs at least one argument', true);
  let lastError = '';
  for (const arg of args) {
    try {
      const value = evaluate(arg, scope);
      return name === 'can' ? true : value;
    } catch (error) {
      if (!(error instanceof ExprError) || error.fatal) throw error;
      lastError = error.message;
    }
  }
  if (name === 'can') return false;
  throw new ExprError(`Invalid function argument: no expression given to try() succeeded; the last error was: ${lastError}`);
}

/** https://developer.hashicorp.com/terraform/language/expressions/for */
function forExpression(expr: ForExpr, scope: Scope): TfValue {
  const pairs = iterate(evaluate(expr.collection, scope), 'for expression collection');
  const list: TfValue[] = [];
  const object: TfObject = {};
  const groups: Record<string, TfValue[]> = {};
  for (const [key, value] of pairs) {
    const inner = scope.with(expr.keyVar === undefined ? { [expr.valueVar]: value } : { [expr.keyVar]: key, [expr.valueVar]: value });
    if (expr.condition && !toBool(evaluate(expr.condition, inner), 'for expression condition')) continue;
    if (expr.keyExpr === undefined) {
      list.push(evaluate(expr.valueExpr, inner));
      continue;
    }
    const rawKey = evaluate(expr.keyExpr, inner);
    if (rawKey === null) throw new ExprError('Invalid object key: the key expression of a for expression produced null');
    const k = toStr(rawKey, 'object key');
    const v = evaluate(expr.valueExpr, inner);
    if (expr.group) {
      (groups[k] ??= []).push(v);
    } else {
      if (Object.hasOwn(object, k)) {
        throw new ExprError(
          `Duplicate object key: two different items produced the key "${k}" in this 'for' expression; if duplicates are expected, use the ellipsis (...) after the value expression to group them by key`,
        );
      }
      setEntry(object, k, v);
    }
  }
  if (expr.keyExpr === undefined) return list;
  return expr.group ? groups : object;
}

/** Renders template parts to a string (a template of only `${x}` never gets here: it is x itself). */
export function renderParts(parts: readonly TemplatePart[], scope: Scope): string {
  let out = '';
  for (const part of parts) {
    if (part.kind === 'literal') out += part.value;
    else if (part.kind === 'interpolation') out += interpolate(evaluate(part.expr, scope));
    else if (part.kind === 'if') {
      out += renderParts(toBool(evaluate(part.condition, scope), 'template if condition') ? part.then : part.else, scope);
    } else {
      for (const [key, value] of iterate(evaluate(part.collection, scope), 'template for collection')) {
        const inner = scope.with(part.keyVar === undefined ? { [part.valueVar]: value } : { [part.keyVar]: key, [part.valueVar]: value });
        out += renderParts(part.body, inner);
      }
    }
  }
  return out;
}

function interpolate(value: TfValue): string {
  if (value === null)
    throw new ExprError(
      'Invalid template interpolation value: the expression result is null; a null value cannot be included in a string template',
    );
  if (typeof value === 'object') {
    throw new ExprError(
      `Invalid template interpolation value: cannot include a ${typeName(value)} in a string template; a string is required (use jsonencode() or join() to turn it into one)`,
    );
  }
  return toStr(value);
}

/**
 * Evaluates a block body into an object: arguments by name, nested blocks as arrays of objects,
 * `dynamic` blocks expanded into more of those
 * (https://developer.hashicorp.com/terraform/language/expressions/dynamic-blocks). Errors are
 * located at the argument's own line. Bodies are evaluated here, with expressions, because each
 * contains the other: nested blocks are a `blocks` expression.
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
