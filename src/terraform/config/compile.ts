import type { Body, BodyItem, DynamicBlock, Expr, ObjectItem } from '../expr/ast.js';
import { ExprSyntaxError } from '../expr/cursor.js';
import { parseTemplateSource } from '../expr/parser.js';
import { TerraformError } from '../terraform-error.js';
import type { SourceLocation } from '../types.js';
import { NativeExpr } from './native-syntax.js';
import { findBlocks, type BlockLines } from './source-locator.js';

/**
 * Turns parsed HCL (or .tf.json) into expression trees, once per file. In that JSON (as in
 * Terraform's own .tf.json syntax) every string is a template, literal values are JSON values, and
 * nested blocks are arrays of objects; values read from native syntax come already parsed.
 */
export function compileValue(raw: unknown, location: SourceLocation): Expr {
  if (raw instanceof NativeExpr) return raw.expr;
  if (raw === null || typeof raw === 'number' || typeof raw === 'boolean') return { kind: 'literal', value: raw };
  if (typeof raw === 'string') return compileTemplate(raw, location);
  if (Array.isArray(raw)) {
    if (raw.length > 0 && raw.every(isRecord)) {
      return { kind: 'blocks', bodies: raw.map((r) => compileBody(r, undefined, location)) };
    }
    return { kind: 'tuple', items: raw.map((r) => compileValue(r, location)) };
  }
  if (isRecord(raw)) {
    const items: ObjectItem[] = Object.entries(raw).map(([k, v]) => ({
      key: compileTemplate(k, location),
      value: compileValue(v, location),
    }));
    return { kind: 'object', items };
  }
  throw new TerraformError(location, `Unexpected value in the parsed configuration: ${String(raw)}`);
}

export function compileTemplate(text: string, location: SourceLocation): Expr {
  try {
    return parseTemplateSource(text);
  } catch (error) {
    if (error instanceof ExprSyntaxError) throw new TerraformError(location, `Invalid expression: ${error.message}`);
    throw error;
  }
}

/**
 * A block body with the lines of its arguments and nested blocks (from `lines`, when the block
 * was found in the source; otherwise everything sits at `fallback`).
 */
export function compileBody(raw: Record<string, unknown>, lines: BlockLines | undefined, fallback: SourceLocation): Body {
  const file = fallback.file;
  const blockLine = lines?.line ?? fallback.line;
  const items: BodyItem[] = [];
  const dynamics: DynamicBlock[] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (name === 'dynamic' && isRecord(value)) {
      for (const [type, specs] of Object.entries(value)) {
        asArray(specs).forEach((spec, i) => {
          const specLines = findBlocks(lines, 'dynamic', type)[i];
          dynamics.push(compileDynamic(type, spec, specLines, { file, line: specLines?.line ?? blockLine }));
        });
      }
      continue;
    }
    const line = lines?.attributes.get(name) ?? findBlocks(lines, name)[0]?.line ?? blockLine;
    const location = { file, line };
    if (Array.isArray(value) && value.length > 0 && value.every(isRecord)) {
      const nested = findBlocks(lines, name);
      const bodies = value.map((v, i) => compileBody(v, nested[i], { file, line: nested[i]?.line ?? line }));
      items.push({ name, value: { kind: 'blocks', bodies }, line });
    } else {
      items.push({ name, value: compileValue(value, location), line });
    }
  }
  return { file, line: blockLine, items, dynamics };
}

function compileDynamic(type: string, spec: unknown, lines: BlockLines | undefined, location: SourceLocation): DynamicBlock {
  if (!isRecord(spec)) throw new TerraformError(location, `Invalid dynamic block "${type}": expected a block with for_each and content`);
  const forEachLine = lines?.attributes.get('for_each') ?? location.line;
  if (spec.for_each === undefined)
    throw new TerraformError(location, `Missing required argument: dynamic "${type}" needs a for_each argument`);
  const contentRaw = asArray(spec.content)[0];
  if (!isRecord(contentRaw)) throw new TerraformError(location, `Missing content block: dynamic "${type}" needs a content { ... } block`);
  const iteratorExpr = spec.iterator === undefined ? undefined : compileValue(spec.iterator, location);
  let iterator = type;
  if (iteratorExpr) {
    if (iteratorExpr.kind === 'scope' && iteratorExpr.steps.length === 0) iterator = iteratorExpr.root;
    else if (iteratorExpr.kind === 'literal' && typeof iteratorExpr.value === 'string') iterator = iteratorExpr.value;
    else throw new TerraformError(location, `Invalid dynamic iterator: iterator of dynamic "${type}" must be a plain name`);
  }
  const contentLines = findBlocks(lines, 'content')[0];
  return {
    type,
    forEach: compileValue(spec.for_each, { file: location.file, line: forEachLine }),
    iterator,
    content: compileBody(contentRaw, contentLines, { file: location.file, line: contentLines?.line ?? location.line }),
    line: location.line,
    forEachLine,
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof NativeExpr);
}

/** .tf.json allows a block to be one object or an array of them; hcl2json always gives arrays. */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}
