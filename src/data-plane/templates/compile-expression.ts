import { compileJsonPath, type CompiledJsonPath } from './json-path.js';
import type { RenderState } from './render-state.js';
import { boundedString } from './string-methods.js';
import { contextValue, dynamicPath, inputBody, inputJson, inputParam, inputPath } from './template-input.js';
import { UTIL_FUNCTIONS, callUtil, type UtilFunction } from './template-util.js';
import { TemplateSyntaxError, type Expr, type Modifier, type Node, type Reference } from './vtl-ast.js';
import { SUPPORTED_METHODS, callMethod, getIndex, getProperty } from './vtl-methods.js';
import { binary, range, text, truthy } from './vtl-operators.js';
import { mapKey } from './collection-methods.js';
import { JavaDouble, VtlList, VtlMap, type VtlValue } from './vtl-values.js';

/** A compiled expression: evaluated per rendering, never re-parsed. */
export type Evaluate = (s: RenderState) => VtlValue;
/** A compiled part of a template: writes into the rendering's output. */
export type Emit = (s: RenderState) => void;

/** What expressions need of the template compiler (interpolated strings are templates). */
export interface CompileContext {
  compileNodes(nodes: readonly Node[]): Emit;
}

type Step = (s: RenderState, v: VtlValue) => VtlValue;

function unsupported(message: string, at: number): never {
  throw new TemplateSyntaxError(message, at);
}

/** A JSONPath argument: compiled now when it is a literal, else per distinct text while rendering. */
function pathArgument(arg: Expr | undefined, ctx: CompileContext): (s: RenderState) => CompiledJsonPath {
  if (arg?.kind === 'string') {
    const compiled = compileJsonPath(arg.value);
    if (typeof compiled === 'string') unsupported(compiled, arg.at);
    return () => compiled;
  }
  if (arg === undefined) return () => dynamicPath('$');
  const value = compileExpression(arg, ctx);
  return (s) => dynamicPath(text(value(s)));
}

function inputHead(first: Modifier | undefined, at: number, ctx: CompileContext): Evaluate {
  const call =
    first === undefined
      ? ''
      : first.kind === 'method'
        ? `${first.name}/${first.args.length}`
        : first.kind === 'property'
          ? first.name
          : '[]';
  if (call === 'body') return inputBody;
  if ((call === 'json/1' || call === 'path/1') && first?.kind === 'method') {
    const path = pathArgument(first.args[0], ctx);
    return call === 'json/1' ? (s) => inputJson(s, path(s)) : (s) => inputPath(s, path(s));
  }
  if (call === 'params/0') return (s) => s.params;
  if (call === 'params/1' && first?.kind === 'method') {
    const name = compileExpression(first.args[0] as Expr, ctx);
    return (s) => inputParam(s, text(name(s)));
  }
  return unsupported('$input offers body, json(x), path(x), params() and params(x) (docs/compatibility.md)', first?.at ?? at);
}

function utilHead(first: Modifier | undefined, at: number, ctx: CompileContext): Evaluate {
  const name = first?.kind === 'method' ? first.name : first?.kind === 'property' ? first.name : '';
  if (first?.kind !== 'method' || !(UTIL_FUNCTIONS as readonly string[]).includes(name)) {
    const hint = name === 'toJson' ? " ($util.toJson is AppSync's, not API Gateway's)" : '';
    unsupported(`$util offers ${UTIL_FUNCTIONS.join(', ')}${hint}`, first?.at ?? at);
  }
  if (first.args.length !== 1) unsupported(`$util.${name} takes one argument`, first.at);
  const arg = compileExpression(first.args[0] as Expr, ctx);
  return (s) => callUtil(name as UtilFunction, text(arg(s)));
}

/** `$context.requestOverride` / `responseOverride` are REST API features (apigateway-override-request-response-parameters). */
export function restOnlyContext(ref: Reference): void {
  const [first] = ref.modifiers;
  if (ref.root === 'context' && first?.kind === 'property' && (first.name === 'requestOverride' || first.name === 'responseOverride'))
    unsupported(`$context.${first.name} is a REST API feature that WebSocket APIs do not have`, ref.at);
}

/** `$context.a.b`: the names up to the first method call or index, looked up as one dotted name. */
function contextHead(ref: Reference): { head: Evaluate; used: number } {
  const names: string[] = [];
  for (const m of ref.modifiers) {
    if (m.kind !== 'property') break;
    names.push(m.name);
  }
  if (names.length === 0) unsupported('$context must be followed by a variable name, such as $context.connectionId', ref.at);
  restOnlyContext(ref);
  const dotted = names.map((_, i) => names.slice(0, i + 1).join('.'));
  return { head: (s) => contextValue(s, names, dotted), used: names.length };
}

function step(m: Modifier, ctx: CompileContext): Step {
  if (m.kind === 'property') {
    const name = m.name;
    return (_, v) => getProperty(v, name);
  }
  if (m.kind === 'index') {
    const index = compileExpression(m.index, ctx);
    return (s, v) => getIndex(v, index(s));
  }
  if (!SUPPORTED_METHODS.has(m.name))
    unsupported(`.${m.name}() is not a method mapping templates offer (docs/compatibility.md lists them)`, m.at);
  const name = m.name;
  const args = m.args.map((a) => compileExpression(a, ctx));
  return (s, v) =>
    callMethod(
      v,
      name,
      args.map((a) => a(s)),
    );
}

/**
 * A reference, compiled: its value, or null when some step found nothing (callers print '' then,
 * as API Gateway does — see reference()).
 */
export function compileReferenceValue(ref: Reference, ctx: CompileContext): Evaluate {
  let head: Evaluate;
  let used = 0;
  const [first] = ref.modifiers;
  if (ref.root === 'input') [head, used] = [inputHead(first, ref.at, ctx), 1];
  else if (ref.root === 'util') [head, used] = [utilHead(first, ref.at, ctx), 1];
  else if (ref.root === 'context') ({ head, used } = contextHead(ref));
  else if (ref.root === 'stageVariables') head = (s) => s.stageVariables;
  else {
    const name = ref.root;
    head = (s) => s.vars.get(name) ?? null;
  }
  const steps = ref.modifiers.slice(used).map((m) => step(m, ctx));
  if (steps.length === 0) return head;
  return (s) => {
    let v = head(s);
    for (const next of steps) {
      if (v === null) return null;
      v = next(s, v);
    }
    return v;
  };
}

/**
 * A reference as an expression: a null result reads as '' — API Gateway prints nothing for a
 * reference that finds nothing, and compares it equal to "" (AWS-recorded: `$result == ""` is true
 * and `$result.nested` prints nothing for `$input.path("$.nonExisting")`, localstack/localstack
 * test_apigateway_common.py::test_input_path_template_formatting; `$foo.bar.stuff != ''` is false for an
 * undefined `$foo`, test_apigateway_kinesis.py).
 */
export function reference(ref: Reference, ctx: CompileContext): Evaluate {
  const value = compileReferenceValue(ref, ctx);
  return (s) => value(s) ?? '';
}

export function compileExpression(expr: Expr, ctx: CompileContext): Evaluate {
  switch (expr.kind) {
    case 'string':
    case 'integer':
    case 'boolean': {
      const v = expr.value;
      return () => v;
    }
    case 'double': {
      const v = new JavaDouble(expr.value);
      return () => v;
    }
    case 'interpolated': {
      const emit = ctx.compileNodes(expr.parts);
      return (s) => {
        const outer = s.out;
        s.out = '';
        emit(s);
        const inner = s.out;
        s.out = outer;
        return boundedString(inner);
      };
    }
    case 'list': {
      const items = expr.items.map((e) => compileExpression(e, ctx));
      return (s) =>
        new VtlList(
          items.map((e) => e(s)),
          false,
        );
    }
    case 'range': {
      const from = compileExpression(expr.from, ctx);
      const to = compileExpression(expr.to, ctx);
      return (s) => range(from(s), to(s));
    }
    case 'map': {
      const entries = expr.entries.map(([k, v]) => [compileExpression(k, ctx), compileExpression(v, ctx)] as const);
      return (s) => new VtlMap(new Map(entries.map(([k, v]) => [mapKey(k(s)), v(s)])));
    }
    case 'reference':
      return reference(expr.ref, ctx);
    case 'not': {
      const operand = compileExpression(expr.operand, ctx);
      return (s) => !truthy(operand(s));
    }
    case 'binary': {
      const left = compileExpression(expr.left, ctx);
      const right = compileExpression(expr.right, ctx);
      const op = expr.op;
      if (op === '&&') return (s) => truthy(left(s)) && truthy(right(s));
      if (op === '||') return (s) => truthy(left(s)) || truthy(right(s));
      return (s) => binary(op, left(s), right(s));
    }
  }
}
