import { ExprError } from '../terraform-error.js';
import type { TfValue } from '../types.js';
import { isObject, toBool, toList, toNum, toObject, toStr, typeName, type TfObject } from '../expr/values.js';

/** What functions may use beyond their arguments; injected so results are deterministic in tests. */
export interface FunctionContext {
  /** Where relative paths in file() etc. resolve: Terraform's working directory, the root module. */
  readonly baseDir: string;
  now(): Date;
  /** The next deterministic UUID of this load. */
  nextUuid(): string;
  /** Renders a template file's text with only `vars` in scope (templatefile()). */
  renderTemplate(source: string, path: string, vars: TfObject): TfValue;
}

export interface FunctionSpec {
  /** Parameter names, for messages; `variadic` names the repeated trailing parameter. */
  readonly params: readonly string[];
  readonly variadic?: string;
  /** How many of `params` may be left out (trailing optional parameters). */
  readonly optional?: number;
  impl(args: Args, ctx: FunctionContext): TfValue;
}

/** Typed access to a call's arguments with Terraform-style messages naming the parameter. */
export class Args {
  constructor(
    readonly fn: string,
    private readonly spec: FunctionSpec,
    readonly values: readonly TfValue[],
  ) {}

  get length(): number {
    return this.values.length;
  }

  private what(i: number): string {
    const name = this.spec.params[i] ?? this.spec.variadic ?? `argument ${i + 1}`;
    return `value for "${name}" parameter of ${this.fn}()`;
  }

  fail(message: string): never {
    throw new ExprError(`Invalid function argument: ${this.fn}(): ${message}`);
  }

  any(i: number): TfValue {
    return this.values[i] ?? null;
  }

  notNull(i: number): TfValue {
    const value = this.any(i);
    if (value === null) this.fail(`argument ${i + 1} must not be null`);
    return value;
  }

  str(i: number): string {
    return toStr(this.notNull(i), this.what(i));
  }

  num(i: number): number {
    return toNum(this.notNull(i), this.what(i));
  }

  int(i: number): number {
    const n = this.num(i);
    if (!Number.isInteger(n)) this.fail(`argument ${i + 1} must be a whole number, got ${n}`);
    return n;
  }

  bool(i: number): boolean {
    return toBool(this.notNull(i), this.what(i));
  }

  list(i: number): TfValue[] {
    return toList(this.notNull(i), this.what(i));
  }

  obj(i: number): TfObject {
    return toObject(this.notNull(i), this.what(i));
  }

  /** A list of strings, converting numbers and bools as Terraform does. */
  strings(i: number): string[] {
    return this.list(i).map((v) => toStr(v, `element of ${this.what(i)}`));
  }

  rest(from: number): TfValue[] {
    return this.values.slice(from);
  }

  listOrObject(i: number): TfValue[] | TfObject {
    const value = this.notNull(i);
    if (Array.isArray(value) || isObject(value)) return value;
    return this.fail(`argument ${i + 1} must be a list, set, map or object, got ${typeName(value)}`);
  }
}
