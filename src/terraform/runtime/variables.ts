import { ConversionError, convert } from '../config/convert.js';
import type { VariableDecl } from '../config/module-config.js';
import { takesRawString, typeString } from '../config/type-constraint.js';
import { evaluate } from '../expr/evaluate.js';
import { ExprSyntaxError } from '../expr/cursor.js';
import { parseExpressionSource } from '../expr/parser.js';
import { toBool, toStr } from '../expr/values.js';
import { ExprError, locate, TerraformError } from '../terraform-error.js';
import type { SourceLocation, TfValue } from '../types.js';
import { constantScope } from './constant-scope.js';
import type { ModuleContext, VariableInput } from './module-context.js';
import type { RawValue } from './root-values.js';

const validated = new WeakMap<ModuleContext, Set<string>>();

/**
 * A variable's value: given value or default, converted to the declared type, then checked by its
 * validation blocks (https://developer.hashicorp.com/terraform/language/values/variables).
 */
export function evaluateVariable(mi: ModuleContext, decl: VariableDecl): TfValue {
  const value = mi.memo.once(`var.${decl.name}`, decl.location, () => {
    const given = mi.input(decl);
    let value: TfValue;
    let at: SourceLocation;
    if (given === undefined || (given.value === null && !decl.nullable && decl.default !== undefined)) {
      if (decl.default === undefined) {
        const how =
          mi.path === ''
            ? `set it with --var ${decl.name}=..., in terraform.tfvars, or with the TF_VAR_${decl.name} environment variable`
            : `set it in the module block that calls ${mi.path}`;
        throw new TerraformError(
          decl.location,
          `No value for required variable "${decl.name}": the variable has no default, so a value is required; ${how}`,
        );
      }
      at = { file: decl.location.file, line: decl.defaultLine };
      value = evaluateConstant(decl.default, at, mi, `the default of variable "${decl.name}"`);
    } else {
      value = given.value;
      at = given.location;
    }
    try {
      value = convert(value, decl.type, constantScope(mi.state.functions, at, 'an optional() default'));
    } catch (error) {
      if (error instanceof ConversionError) throw new TerraformError(at, `Invalid value for variable "${decl.name}": ${error.message}`);
      throw locate(error, at);
    }
    if (value === null && !decl.nullable)
      throw new TerraformError(
        at,
        `Invalid value for variable "${decl.name}": the variable is not nullable (nullable = false), so null is not allowed`,
      );
    return value;
  });
  const done = validated.get(mi) ?? new Set<string>();
  validated.set(mi, done);
  if (!done.has(decl.name)) {
    done.add(decl.name);
    for (const validation of decl.validations) {
      const ok = mi.evaluateAt(validation.condition, validation.location);
      let passed: boolean;
      try {
        passed = toBool(ok, 'validation condition');
      } catch (error) {
        throw locate(error, validation.location);
      }
      if (!passed) {
        const message = toStr(mi.evaluateAt(validation.errorMessage, validation.location) ?? '', 'error_message');
        throw new TerraformError(validation.location, `Invalid value for variable "${decl.name}": ${message}`);
      }
    }
  }
  return value;
}

function evaluateConstant(expr: Parameters<typeof evaluate>[0], location: SourceLocation, mi: ModuleContext, what: string): TfValue {
  try {
    return evaluate(expr, constantScope(mi.state.functions, location, what));
  } catch (error) {
    throw locate(error, location);
  }
}

/** Root variables: the raw value with the highest precedence, read as Terraform reads it for the declared type. */
export function rootInput(values: ReadonlyMap<string, RawValue>, mi: () => ModuleContext): VariableInput {
  return (decl) => {
    const raw = values.get(decl.name);
    if (!raw) return undefined;
    if (raw.kind === 'json') return { value: raw.value, location: raw.location };
    if (raw.kind === 'expr')
      return { value: evaluateConstant(raw.expr, raw.location, mi(), `the value of variable "${decl.name}"`), location: raw.location };
    // -var and TF_VAR_ values are strings for primitive types and HCL expressions otherwise.
    if (takesRawString(decl.type)) return { value: raw.text, location: decl.location };
    try {
      const expr = parseExpressionSource(raw.text);
      return {
        value: evaluate(expr, constantScope(mi().state.functions, decl.location, `the value of variable "${decl.name}"`)),
        location: decl.location,
      };
    } catch (error) {
      if (error instanceof ExprSyntaxError || error instanceof ExprError) {
        throw new TerraformError(
          decl.location,
          `Invalid value for variable "${decl.name}": ${raw.source} must be an HCL expression of type ${typeString(decl.type)}, such as ["a", "b"] or {key = "value"}: ${error.message}`,
        );
      }
      throw error;
    }
  };
}
