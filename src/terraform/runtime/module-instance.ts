import type { ModuleConfig } from '../config/module-config.js';
import type { Expr, Step } from '../expr/ast.js';
import { evaluate } from '../expr/evaluate.js';
import { Scope, type EvalHost } from '../expr/scope.js';
import { callFunction } from '../functions/index.js';
import { ExprError, locate, TerraformError } from '../terraform-error.js';
import type { SourceLocation, TfValue } from '../types.js';
import { checkReferences } from './check-references.js';
import { closest } from './did-you-mean.js';
import type { LoadState } from './load-state.js';
import { Memo } from './memo.js';
import { evaluateModuleCall } from './module-calls.js';
import type { ModuleContext, VariableInput } from './module-context.js';
import { evaluateResource } from './resources.js';
import { evaluateVariable } from './variables.js';

/**
 * One instance of a module (the root, or module.a["k"]): the host that expressions in its files
 * are evaluated against. Objects are evaluated on first reference, so evaluation follows the
 * dependency graph and handlers run in dependency order.
 */
export class ModuleInstance implements EvalHost, ModuleContext {
  readonly memo: Memo;
  /** Child module instances by module call name, once the call is expanded. */
  readonly children = new Map<string, ModuleContext[]>();
  private evaluatedAll = false;

  constructor(
    readonly state: LoadState,
    readonly config: ModuleConfig,
    /** '' for the root, else e.g. 'module.a["k"]'. */
    readonly path: string,
    readonly input: VariableInput,
  ) {
    this.memo = new Memo(state, path);
    checkReferences(config);
  }

  instantiate(config: ModuleConfig, path: string, input: VariableInput): ModuleInstance {
    return new ModuleInstance(this.state, config, path, input);
  }

  scope(location: SourceLocation, bindings: Record<string, TfValue> = {}): Scope {
    return Scope.root(this, location).with(bindings);
  }

  /** Evaluates one expression of this module, reporting errors at `location`. */
  evaluateAt(expr: Expr, location: SourceLocation, bindings: Record<string, TfValue> = {}): TfValue {
    try {
      return evaluate(expr, this.scope(location, bindings));
    } catch (error) {
      throw locate(error, location);
    }
  }

  variable(name: string): TfValue {
    const decl = this.config.variables.get(name);
    if (!decl) throw new ExprError(`Reference to undeclared input variable "${name}".${suggest(name, this.config.variables.keys())}`, true);
    return evaluateVariable(this, decl);
  }

  local(name: string): TfValue {
    const decl = this.config.locals.get(name);
    if (!decl) throw new ExprError(`Reference to undeclared local value "${name}".${suggest(name, this.config.locals.keys())}`, true);
    return this.memo.once(`local.${name}`, decl.location, () => this.evaluateAt(decl.expr, decl.location));
  }

  output(name: string): TfValue {
    const decl = this.config.outputs.get(name);
    if (!decl)
      throw new ExprError(
        `Unsupported attribute: this module has no output named "${name}".${suggest(name, this.config.outputs.keys())}`,
        true,
      );
    return this.memo.once(`output.${name}`, decl.location, () => {
      for (const dep of decl.dependsOn) this.waitFor(dep, decl.location);
      return this.evaluateAt(decl.expr, decl.location);
    });
  }

  resource(key: string): TfValue {
    const decl = this.config.resources.get(key);
    if (!decl) {
      const what = key.startsWith('data.') ? 'data source' : 'resource';
      const sameMode = [...this.config.resources.keys()].filter((k) => k.startsWith('data.') === key.startsWith('data.'));
      throw new ExprError(`Reference to undeclared ${what} "${key}".${suggest(key, sameMode)}`, true);
    }
    return this.memo.once(key, decl.location, () => evaluateResource(this, decl));
  }

  moduleCall(name: string): TfValue {
    const decl = this.config.modules.get(name);
    if (!decl) throw new ExprError(`Reference to undeclared module "${name}".${suggest(name, this.config.modules.keys())}`, true);
    return this.memo.once(`module.${name}`, decl.location, () => evaluateModuleCall(this, decl));
  }

  /** depends_on: evaluates the referenced objects first; their values are not used. */
  waitFor(expr: Expr, location: SourceLocation): void {
    if (expr.kind !== 'scope')
      throw new TerraformError(
        location,
        'Invalid depends_on reference: expected a resource, data source or module, such as aws_lb.main or module.network',
      );
    try {
      const [first, second] = expr.steps.map((s) => (s.kind === 'attr' ? s.name : undefined));
      if (expr.root === 'module' && first) {
        this.moduleCall(first);
        for (const child of this.children.get(first) ?? []) child.evaluateAll();
      } else if (expr.root === 'data' && first && second) this.resource(`data.${first}.${second}`);
      else if (expr.root === 'var' && first) this.variable(first);
      else if (expr.root === 'local' && first) this.local(first);
      else if (first) this.resource(`${expr.root}.${first}`);
      else
        throw new ExprError(
          'Invalid depends_on reference: expected a resource, data source or module, such as aws_lb.main or module.network',
        );
    } catch (error) {
      throw locate(error, location);
    }
  }

  resolve(root: string, steps: readonly Step[]): { value: TfValue; consumed: number } {
    const name = (i: number): string | undefined => {
      const step = steps[i];
      return step?.kind === 'attr' ? step.name : undefined;
    };
    const required = (i: number, example: string): string => {
      const n = name(i);
      if (n === undefined) throw new ExprError(`Invalid reference: "${root}" must be followed by a name, as in ${example}`, true);
      return n;
    };
    switch (root) {
      case 'var':
        return { value: this.variable(required(0, 'var.region')), consumed: 1 };
      case 'local':
        return { value: this.local(required(0, 'local.tags')), consumed: 1 };
      case 'module':
        return { value: this.moduleCall(required(0, 'module.network.vpc_id')), consumed: 1 };
      case 'data':
        return {
          value: this.resource(`data.${required(0, 'data.aws_region.current')}.${required(1, 'data.aws_region.current')}`),
          consumed: 2,
        };
      case 'path': {
        const which = required(0, 'path.module');
        const paths: Record<string, string> = {
          module: this.config.relDir === '' ? '.' : this.config.relDir,
          root: '.',
          cwd: this.state.rootDir,
        };
        const value = paths[which];
        if (value === undefined)
          throw new ExprError(`Invalid "path" attribute: "path.${which}" is not one of path.module, path.root, path.cwd`, true);
        return { value, consumed: 1 };
      }
      case 'terraform':
        if (required(0, 'terraform.workspace') !== 'workspace')
          throw new ExprError('Invalid "terraform" attribute: only terraform.workspace is available', true);
        return { value: 'default', consumed: 1 };
      case 'count':
        throw new ExprError(
          'Reference to "count" in non-counted context: count.index can be used only in resource, data and module blocks that set the "count" argument',
          true,
        );
      case 'each':
        throw new ExprError(
          'Reference to "each" in context without for_each: each.key and each.value can be used only in resource, data and module blocks that set "for_each"',
          true,
        );
      case 'self':
        throw new ExprError('Invalid "self" reference: Portico does not run provisioners, where "self" is available', true);
      default: {
        const resourceName = name(0);
        if (resourceName === undefined) {
          throw new ExprError(
            `Invalid reference: a reference to a resource type must be followed by at least one attribute access, specifying the resource name (such as ${root}.main); "${root}" alone is not a value`,
            true,
          );
        }
        return { value: this.resource(`${root}.${resourceName}`), consumed: 1 };
      }
    }
  }

  call(name: string, args: TfValue[]): TfValue {
    return callFunction(name, args, this.state.functions);
  }

  /** Evaluates every object of this module instance and its children, in declaration order. */
  evaluateAll(): void {
    if (this.evaluatedAll) return;
    this.evaluatedAll = true;
    for (const name of this.config.variables.keys()) this.variable(name);
    if (this.path === '') this.state.region();
    for (const name of this.config.locals.keys()) this.local(name);
    for (const decl of this.config.order) {
      if (decl.declKind === 'resource') this.resource(decl.key);
      else {
        this.moduleCall(decl.name);
        for (const child of this.children.get(decl.name) ?? []) child.evaluateAll();
      }
    }
    for (const name of this.config.outputs.keys()) this.output(name);
  }
}

function suggest(name: string, candidates: Iterable<string>): string {
  const found = closest(name, candidates);
  return found ? ` Did you mean "${found}"?` : '';
}
