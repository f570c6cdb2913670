import type { BodyItem, Expr } from '../expr/ast.js';
import { ExprSyntaxError } from '../expr/cursor.js';
import { parseExpressionSource } from '../expr/parser.js';
import { ExprError, TerraformError } from '../terraform-error.js';
import type { SourceLocation } from '../types.js';
import { asArray, compileBody, compileValue, isRecord } from './compile.js';
import type { Expansion, ModuleCallDecl, ModuleConfig, ResourceDecl, VariableDecl } from './module-config.js';
import { findBlocks, type BlockLines } from './source-locator.js';
import { anyType, parseTypeConstraint } from './type-constraint.js';

export interface ParsedFile {
  /** Relative to the loaded directory. */
  file: string;
  body: Record<string, unknown>;
  lines: BlockLines;
}

/** Meta-arguments that are not resource arguments: https://developer.hashicorp.com/terraform/language/meta-arguments */
const resourceMeta = new Set(['count', 'for_each', 'depends_on', 'lifecycle', 'provider', 'provisioner', 'connection']);
const moduleMeta = new Set(['source', 'version', 'count', 'for_each', 'depends_on', 'providers']);

/** Collects one module directory's declarations, rejecting duplicates as Terraform does. */
export function buildModule(dir: string, relDir: string, files: ParsedFile[]): ModuleConfig {
  const config: ModuleConfig = {
    dir,
    relDir,
    variables: new Map(),
    locals: new Map(),
    outputs: new Map(),
    resources: new Map(),
    modules: new Map(),
    providerRegion: undefined,
    order: [],
    files: files.map((f) => f.file),
    ignoredFiles: [],
  };
  const seen = new Map<string, SourceLocation>();
  const declare = (key: string, what: string, location: SourceLocation): void => {
    const first = seen.get(key);
    if (first)
      throw new TerraformError(
        location,
        `Duplicate ${what}: it was already declared at ${first.file}:${first.line}; names must be unique within a module`,
      );
    seen.set(key, location);
  };

  for (const { file, body, lines } of files) {
    const at = (type: string, labels: string[], index: number): BlockLines | undefined => findBlocks(lines, type, ...labels)[index];
    const loc = (block: BlockLines | undefined): SourceLocation => ({ file, line: block?.line ?? 1 });

    forEachBlock(body.variable, 1, (labels, raw, i) => {
      const [name = ''] = labels;
      const block = at('variable', labels, i);
      declare(`var.${name}`, `variable "${name}"`, loc(block));
      config.variables.set(name, variable(name, raw, block, loc(block)));
    });
    asArray(body.locals).forEach((raw, i) => {
      const block = findBlocks(lines, 'locals')[i];
      if (!isRecord(raw)) return;
      for (const [name, value] of Object.entries(raw)) {
        const location = { file, line: block?.attributes.get(name) ?? loc(block).line };
        declare(`local.${name}`, `local value "${name}"`, location);
        config.locals.set(name, { name, expr: compileValue(value, location), location });
      }
    });
    forEachBlock(body.output, 1, (labels, raw, i) => {
      const [name = ''] = labels;
      const block = at('output', labels, i);
      const location = loc(block);
      declare(`output.${name}`, `output "${name}"`, location);
      if (raw.value === undefined) throw new TerraformError(location, `Missing required argument: output "${name}" needs a value argument`);
      const valueLoc = { file, line: block?.attributes.get('value') ?? location.line };
      config.outputs.set(name, { name, expr: compileValue(raw.value, valueLoc), location: valueLoc, dependsOn: dependsOn(raw, location) });
    });
    for (const mode of ['managed', 'data'] as const) {
      const keyword = mode === 'managed' ? 'resource' : 'data';
      forEachBlock(body[keyword], 2, (labels, raw, i) => {
        const [type = '', name = ''] = labels;
        const block = at(keyword, labels, i);
        const location = loc(block);
        const key = mode === 'managed' ? `${type}.${name}` : `data.${type}.${name}`;
        declare(key, `${keyword} "${type}" "${name}" configuration`, location);
        const decl: ResourceDecl = {
          declKind: 'resource',
          mode,
          type,
          name,
          key,
          location,
          body: compileBody(without(raw, resourceMeta), block, location),
          ...expansion(raw, block, location),
        };
        config.resources.set(key, decl);
        config.order.push(decl);
      });
    }
    forEachBlock(body.module, 1, (labels, raw, i) => {
      const [name = ''] = labels;
      const block = at('module', labels, i);
      const location = loc(block);
      declare(`module.${name}`, `module call "${name}"`, location);
      const sourceLocation = { file, line: block?.attributes.get('source') ?? location.line };
      if (typeof raw.source !== 'string' || raw.source.includes('${')) {
        throw new TerraformError(
          raw.source === undefined ? location : sourceLocation,
          `Invalid module source: module "${name}" needs a source argument that is a literal string, such as "./modules/${name}"`,
        );
      }
      const decl: ModuleCallDecl = {
        declKind: 'module',
        name,
        location,
        source: raw.source,
        sourceLocation,
        config: undefined,
        body: compileBody(without(raw, moduleMeta), block, location),
        ...expansion(raw, block, location),
      };
      config.modules.set(name, decl);
      config.order.push(decl);
    });
    forEachBlock(body.provider, 1, (labels, raw, i) => {
      if (labels[0] !== 'aws' || raw.alias !== undefined || raw.region === undefined) return;
      const block = at('provider', labels, i);
      const location = { file, line: block?.attributes.get('region') ?? loc(block).line };
      config.providerRegion = { expr: compileValue(raw.region, location), location };
    });
  }
  // hcl2json groups blocks by type; Terraform's declaration order is file order, then line order.
  const fileIndex = new Map(files.map((f, i) => [f.file, i]));
  const rank = (d: { location: SourceLocation }): number => (fileIndex.get(d.location.file) ?? 0) * 1e7 + d.location.line;
  config.order.sort((a, b) => rank(a) - rank(b));
  return config;
}

/** Visits blocks nested `depth` labels deep: variable "x" {...} is 1, resource "t" "n" {...} is 2. */
function forEachBlock(raw: unknown, depth: number, visit: (labels: string[], body: Record<string, unknown>, index: number) => void): void {
  const walk = (node: unknown, labels: string[]): void => {
    if (labels.length === depth) {
      asArray(node).forEach((body, i) => {
        if (isRecord(body)) visit(labels, body, i);
      });
      return;
    }
    if (!isRecord(node)) return;
    for (const [label, child] of Object.entries(node)) if (label !== '//') walk(child, [...labels, label]);
  };
  walk(raw, []);
}

function without(raw: Record<string, unknown>, drop: ReadonlySet<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([k]) => !drop.has(k)));
}

function expansion(raw: Record<string, unknown>, block: BlockLines | undefined, location: SourceLocation): Expansion {
  const item = (name: string): BodyItem | undefined => {
    if (raw[name] === undefined) return undefined;
    const line = block?.attributes.get(name) ?? location.line;
    return { name, value: compileValue(raw[name], { file: location.file, line }), line };
  };
  const count = item('count');
  const forEach = item('for_each');
  if (count && forEach)
    throw new TerraformError(
      { file: location.file, line: forEach.line },
      'Invalid combination of "count" and "for_each": a block may use one of them, not both',
    );
  return { count, forEach, dependsOn: dependsOn(raw, location) };
}

function dependsOn(raw: Record<string, unknown>, location: SourceLocation): Expr[] {
  if (raw.depends_on === undefined) return [];
  const value = compileValue(raw.depends_on, location);
  if (value.kind !== 'tuple')
    throw new TerraformError(location, 'Invalid depends_on: expected a list of references such as [aws_x.y, module.z]');
  return value.items;
}

function variable(name: string, raw: Record<string, unknown>, block: BlockLines | undefined, location: SourceLocation): VariableDecl {
  const line = (attr: string): number => block?.attributes.get(attr) ?? location.line;
  let type = anyType;
  if (raw.type !== undefined) {
    const typeLocation = { file: location.file, line: line('type') };
    try {
      // In .tf.json (and for quoted legacy types) the type is a string holding the type expression.
      const expr =
        typeof raw.type === 'string' && !raw.type.includes('${') ? parseExpressionSource(raw.type) : compileValue(raw.type, typeLocation);
      type = parseTypeConstraint(expr);
    } catch (error) {
      if (error instanceof ExprError || error instanceof ExprSyntaxError)
        throw new TerraformError(typeLocation, `Invalid type specification: ${error.message.replace(/^Invalid type specification: /, '')}`);
      throw error;
    }
  }
  const validationBlocks = findBlocks(block, 'validation');
  const validations = asArray(raw.validation)
    .filter(isRecord)
    .map((v, i) => {
      const vLoc = {
        file: location.file,
        line: validationBlocks[i]?.attributes.get('condition') ?? validationBlocks[i]?.line ?? location.line,
      };
      if (v.condition === undefined || v.error_message === undefined) {
        throw new TerraformError(vLoc, `Invalid validation block in variable "${name}": it needs condition and error_message arguments`);
      }
      return { condition: compileValue(v.condition, vLoc), errorMessage: compileValue(v.error_message, vLoc), location: vLoc };
    });
  return {
    name,
    location,
    type,
    default: Object.hasOwn(raw, 'default') ? compileValue(raw.default, { file: location.file, line: line('default') }) : undefined,
    defaultLine: line('default'),
    nullable: raw.nullable !== false,
    validations,
  };
}
