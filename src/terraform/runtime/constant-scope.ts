import type { Step } from '../expr/ast.js';
import { Scope, type EvalHost } from '../expr/scope.js';
import { callFunction, type FunctionContext } from '../functions/index.js';
import { ExprError } from '../terraform-error.js';
import type { SourceLocation, TfValue } from '../types.js';

/**
 * For values that must not refer to anything: variable defaults, .tfvars and --var values,
 * optional() defaults (https://developer.hashicorp.com/terraform/language/values/variables).
 */
export function constantScope(functions: FunctionContext, location: SourceLocation, what: string): Scope {
  const host: EvalHost = {
    resolve(root: string, _steps: readonly Step[]): { value: TfValue; consumed: number } {
      throw new ExprError(`Variables not allowed: ${what} must be a literal value and cannot refer to "${root}"`, true);
    },
    call: (name, args) => callFunction(name, args, functions),
  };
  return Scope.root(host, location);
}
