import type { ModuleConfig } from '../config/module-config.js';
import type { Body, Expr, TemplatePart } from '../expr/ast.js';
import { isKnownFunction, unknownFunctionMessage } from '../functions/index.js';
import { TerraformError } from '../terraform-error.js';
import type { SourceLocation } from '../types.js';
import { closest } from './did-you-mean.js';

const checked = new WeakSet<ModuleConfig>();

/**
 * Terraform validates every reference and function name before evaluating anything, so a typo in
 * a branch that is never taken is still an error. Evaluation is lazy here, so this walk does that
 * check up front, once per module directory.
 */
export function checkReferences(config: ModuleConfig): void {
  if (checked.has(config)) return;
  checked.add(config);
  const at = (location: SourceLocation) => (expr: Expr) =>
    walk(expr, new Set(), (message) => new TerraformError(location, message), config);
  for (const local of config.locals.values()) at(local.location)(local.expr);
  for (const output of config.outputs.values()) at(output.location)(output.expr);
  for (const variable of config.variables.values()) for (const v of variable.validations) at(v.location)(v.condition);
  for (const decl of config.order) {
    const file = decl.location.file;
    for (const item of [decl.count, decl.forEach]) if (item) at({ file, line: item.line })(item.value);
    walkBody(decl.body, new Set(decl.count ? ['count'] : decl.forEach ? ['each'] : []), config);
  }
  if (config.providerRegion) at(config.providerRegion.location)(config.providerRegion.expr);
}

function walkBody(body: Body, bound: ReadonlySet<string>, config: ModuleConfig): void {
  for (const item of body.items)
    walk(item.value, bound, (message) => new TerraformError({ file: body.file, line: item.line }, message), config);
  for (const dynamic of body.dynamics) {
    walk(dynamic.forEach, bound, (message) => new TerraformError({ file: body.file, line: dynamic.forEachLine }, message), config);
    walkBody(dynamic.content, new Set([...bound, dynamic.iterator]), config);
  }
}

type Fail = (message: string) => TerraformError;

function walk(expr: Expr, bound: ReadonlySet<string>, fail: Fail, config: ModuleConfig): void {
  const sub = (e: Expr | undefined, names: ReadonlySet<string> = bound): void => {
    if (e) walk(e, names, fail, config);
  };
  switch (expr.kind) {
    case 'literal':
      return;
    case 'scope': {
      for (const step of expr.steps) if (step.kind === 'index') sub(step.key);
      if (bound.has(expr.root)) return;
      checkRoot(
        expr.root,
        expr.steps.map((s) => (s.kind === 'attr' ? s.name : undefined)),
        fail,
        config,
      );
      return;
    }
    case 'traverse':
    case 'splat':
      sub(expr.kind === 'traverse' ? expr.target : expr.source);
      for (const step of expr.steps) if (step.kind === 'index') sub(step.key);
      return;
    case 'call':
      if (!isKnownFunction(expr.name)) throw fail(unknownFunctionMessage(expr.name));
      expr.args.forEach((a) => sub(a));
      return;
    case 'unary':
      return sub(expr.operand);
    case 'binary':
      sub(expr.left);
      return sub(expr.right);
    case 'conditional':
      sub(expr.condition);
      sub(expr.then);
      return sub(expr.else);
    case 'tuple':
      return expr.items.forEach((i) => sub(i));
    case 'object':
      return expr.items.forEach((i) => (sub(i.key), sub(i.value)));
    case 'for': {
      sub(expr.collection);
      const inner = new Set([...bound, expr.valueVar, ...(expr.keyVar ? [expr.keyVar] : [])]);
      [expr.keyExpr, expr.valueExpr, expr.condition].forEach((e) => sub(e, inner));
      return;
    }
    case 'template':
      return walkParts(expr.parts, bound, fail, config);
    case 'blocks':
      return expr.bodies.forEach((b) => walkBody(b, bound, config));
  }
}

function walkParts(parts: readonly TemplatePart[], bound: ReadonlySet<string>, fail: Fail, config: ModuleConfig): void {
  for (const part of parts) {
    if (part.kind === 'interpolation') walk(part.expr, bound, fail, config);
    else if (part.kind === 'if') {
      walk(part.condition, bound, fail, config);
      walkParts(part.then, bound, fail, config);
      walkParts(part.else, bound, fail, config);
    } else if (part.kind === 'for') {
      walk(part.collection, bound, fail, config);
      walkParts(part.body, new Set([...bound, part.valueVar, ...(part.keyVar ? [part.keyVar] : [])]), fail, config);
    }
  }
}

function checkRoot(root: string, names: (string | undefined)[], fail: Fail, config: ModuleConfig): void {
  const [first, second] = names;
  const missing = (what: string, name: string, candidates: Iterable<string>): TerraformError => {
    const suggestion = closest(name, candidates);
    return fail(`Reference to undeclared ${what} "${name}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`);
  };
  if (root === 'var' && first !== undefined && !config.variables.has(first))
    throw missing('input variable', first, config.variables.keys());
  if (root === 'local' && first !== undefined && !config.locals.has(first)) throw missing('local value', first, config.locals.keys());
  if (root === 'module' && first !== undefined && !config.modules.has(first)) throw missing('module', first, config.modules.keys());
  const resources = [...config.resources.keys()];
  if (root === 'data' && first !== undefined && second !== undefined && !config.resources.has(`data.${first}.${second}`)) {
    throw missing(
      'data source',
      `data.${first}.${second}`,
      resources.filter((k) => k.startsWith('data.')),
    );
  }
  if (['var', 'local', 'module', 'data', 'path', 'terraform', 'count', 'each', 'self'].includes(root) || first === undefined) return;
  if (!config.resources.has(`${root}.${first}`))
    throw missing(
      'resource',
      `${root}.${first}`,
      resources.filter((k) => !k.startsWith('data.')),
    );
}
