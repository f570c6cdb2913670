import type { ModuleConfig, VariableDecl } from '../config/module-config.js';
import type { Expr } from '../expr/ast.js';
import type { Scope } from '../expr/scope.js';
import type { SourceLocation, TfValue } from '../types.js';
import type { LoadState } from './load-state.js';
import type { Memo } from './memo.js';

/** A value given for a variable (root: CLI, env, files; child: the module block's argument). */
export interface GivenValue {
  value: TfValue;
  /** Where to report a value that does not fit the variable's type. */
  location: SourceLocation;
}

export type VariableInput = (decl: VariableDecl) => GivenValue | undefined;

/**
 * A module instance as the evaluation of its variables, resources and module calls sees it.
 * `ModuleInstance` calls those evaluations and they call back into it (a module call even makes
 * new instances); they get this interface, not the class, so that the recursion runs through it
 * and not through an import cycle.
 */
export interface ModuleContext {
  readonly state: LoadState;
  /** '' for the root, else e.g. 'module.a["k"]'. */
  readonly path: string;
  readonly input: VariableInput;
  readonly memo: Memo;
  /** Child module instances by module call name, once the call is expanded. */
  readonly children: Map<string, ModuleContext[]>;
  scope(location: SourceLocation, bindings?: Record<string, TfValue>): Scope;
  /** Evaluates one expression of this module, reporting errors at `location`. */
  evaluateAt(expr: Expr, location: SourceLocation, bindings?: Record<string, TfValue>): TfValue;
  /** depends_on: evaluates the referenced objects first; their values are not used. */
  waitFor(expr: Expr, location: SourceLocation): void;
  output(name: string): TfValue;
  /** Evaluates every object of this module instance and its children, in declaration order. */
  evaluateAll(): void;
  /** A new instance of `config`, called by this one at `path`; the caller records it in `children`. */
  instantiate(config: ModuleConfig, path: string, input: VariableInput): ModuleContext;
}
