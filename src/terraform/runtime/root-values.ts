import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { compileValue } from '../config/compile.js';
import { parseHcl } from '../config/hcl-parse.js';
import { closest } from './did-you-mean.js';
import { locateBlocks } from '../config/source-locator.js';
import type { Expr } from '../expr/ast.js';
import { TerraformError } from '../terraform-error.js';
import type { LoadOptions, SourceLocation, TfValue } from '../types.js';

/** One value given for a root variable, before conversion to its type. */
export type RawValue =
  /** --var and TF_VAR_ values: taken as-is for primitive types, parsed as HCL for the others. */
  | { kind: 'string'; text: string; source: string }
  | { kind: 'expr'; expr: Expr; location: SourceLocation; source: string }
  | { kind: 'json'; value: TfValue; location: SourceLocation; source: string };

export interface RootValues {
  values: Map<string, RawValue>;
  /** Variable files read, relative to the loaded directory. */
  files: string[];
  warnings: string[];
}

/**
 * Gathers root variable values in Terraform's precedence, lowest first: TF_VAR_ environment
 * variables, terraform.tfvars, terraform.tfvars.json, *.auto.tfvars(.json) in lexical order,
 * then --var-file and --var (https://developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence).
 * LoadOptions keeps --var-file and --var apart, so all files apply before all --var values.
 */
export async function collectRootValues(opts: LoadOptions, rootDir: string, declared: ReadonlySet<string>): Promise<RootValues> {
  const result: RootValues = { values: new Map(), files: [], warnings: [] };
  const env = opts.env ?? {};
  for (const name of declared) {
    const text = env[`TF_VAR_${name}`];
    if (text !== undefined) result.values.set(name, { kind: 'string', text, source: `TF_VAR_${name}` });
  }
  const auto = readdirSync(rootDir)
    .filter((n) => n.endsWith('.auto.tfvars') || n.endsWith('.auto.tfvars.json'))
    .sort();
  const files = [...['terraform.tfvars', 'terraform.tfvars.json'].filter((n) => existsSync(join(rootDir, n))), ...auto].map((n) =>
    join(rootDir, n),
  );
  for (const given of opts.varFiles ?? []) {
    const path = resolve(given);
    if (!existsSync(path))
      throw new TerraformError({ file: given, line: 0 }, 'Failed to read variables file: the file given with --var-file does not exist');
    files.push(path);
  }
  for (const path of files) {
    const rel = relative(rootDir, path);
    const name = rel.startsWith('..') || isAbsolute(rel) ? path : rel.split(sep).join('/');
    result.files.push(name);
    await readVarFile(path, name, declared, result);
  }
  for (const [name, text] of Object.entries(opts.vars ?? {})) {
    if (!declared.has(name)) {
      const suggestion = closest(name, declared);
      throw new TerraformError(
        { file: `--var ${name}`, line: 0 },
        `Value for undeclared variable: the root module does not declare a variable named "${name}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      );
    }
    result.values.set(name, { kind: 'string', text, source: `--var ${name}` });
  }
  return result;
}

async function readVarFile(path: string, file: string, declared: ReadonlySet<string>, into: RootValues): Promise<void> {
  const text = readFileSync(path, 'utf8');
  const set = (name: string, value: RawValue, location: SourceLocation): void => {
    if (!declared.has(name)) {
      into.warnings.push(
        `${location.file}:${location.line}: Value for undeclared variable: the root module does not declare a variable named "${name}"; the value is ignored`,
      );
      return;
    }
    into.values.set(name, value);
  };
  if (path.endsWith('.json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new TerraformError({ file, line: 1 }, `Invalid JSON in variables file: ${(error as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new TerraformError({ file, line: 1 }, 'Invalid variables file: expected a JSON object of variable names to values');
    for (const [name, value] of Object.entries(parsed as Record<string, TfValue>)) {
      const line = text.slice(0, Math.max(0, text.indexOf(JSON.stringify(name)))).split('\n').length;
      set(name, { kind: 'json', value, location: { file, line }, source: file }, { file, line });
    }
    return;
  }
  const body = await parseHcl(file, text);
  const lines = locateBlocks(text);
  for (const [name, raw] of Object.entries(body)) {
    const location = { file, line: lines.attributes.get(name) ?? 1 };
    set(name, { kind: 'expr', expr: compileValue(raw, location), location, source: file }, location);
  }
}
