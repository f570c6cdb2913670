import type { Step } from '../expr/ast.js';
import { ExprSyntaxError } from '../expr/cursor.js';
import { evaluate } from '../expr/evaluate.js';
import { parseTemplateSource } from '../expr/parser.js';
import { Scope, type EvalHost } from '../expr/scope.js';
import type { TfObject } from '../expr/values.js';
import { callFunction, type FunctionContext } from '../functions/index.js';
import { ExprError } from '../terraform-error.js';
import type { TfValue } from '../types.js';

const parsed = new Map<string, ReturnType<typeof parseTemplateSource>>();

/**
 * templatefile(): the file is a template that sees only the variables passed to it
 * (https://developer.hashicorp.com/terraform/language/functions/templatefile). Parsed once per text.
 */
export function renderTemplate(functions: FunctionContext, source: string, path: string, vars: TfObject): TfValue {
  let template = parsed.get(source);
  if (!template) {
    try {
      template = parseTemplateSource(source);
    } catch (error) {
      if (!(error instanceof ExprSyntaxError)) throw error;
      const line = source.slice(0, error.offset).split('\n').length;
      throw new ExprError(`Invalid template ${JSON.stringify(path)}, line ${line}: ${error.message}`);
    }
    parsed.set(source, template);
  }
  const host: EvalHost = {
    resolve(root: string, _steps: readonly Step[]): { value: TfValue; consumed: number } {
      throw new ExprError(
        `Invalid reference in template ${JSON.stringify(path)}: only the variables passed to templatefile() can be used, and "${root}" is not one of them`,
      );
    },
    call: (name, args) => callFunction(name, args, functions),
  };
  try {
    return evaluate(template, Scope.root(host, { file: path, line: 1 }).with(vars));
  } catch (error) {
    if (error instanceof ExprError && !error.message.includes(JSON.stringify(path)))
      throw new ExprError(`In template ${JSON.stringify(path)}: ${error.message}`, error.fatal);
    throw error;
  }
}
