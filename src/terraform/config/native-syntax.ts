import type { Expr } from '../expr/ast.js';
import { Cursor } from '../expr/cursor.js';
import { parseExpr, parseQuotedTemplate } from '../expr/parser.js';

/**
 * An argument's value already parsed from native syntax. `compileValue` takes it as it is, so the
 * expression is parsed once, straight from the source (no "${...}" text to parse again).
 */
export class NativeExpr {
  constructor(readonly expr: Expr) {}
}

/**
 * HCL native syntax → the shape hcl2json gives (and `.tf.json` has): a body is an object of
 * arguments and blocks, a block `type "a" "b" { ... }` is `{ type: { a: { b: [body, ...] } } }`,
 * keys in sorted order. Literal values (numbers, bools, null, strings without template sequences)
 * stay JSON values, as hcl2json renders them; every other value is a `NativeExpr`.
 *
 * The structure follows the HCL native syntax specification
 * (https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md#structural-elements):
 *
 *     Body         = (Attribute | Block | OneLineBlock)*;
 *     Attribute    = Identifier "=" Expression Newline;
 *     Block        = Identifier (StringLit|Identifier)* "{" Newline Body "}" Newline;
 *     OneLineBlock = Identifier (StringLit|Identifier)* "{" (Identifier "=" Expression)? "}" Newline;
 *
 * Anything else throws `ExprSyntaxError` at its offset; the caller then asks HashiCorp's parser
 * for the diagnostic (see hcl-parse.ts).
 */
export function parseNativeSyntax(text: string): Record<string, unknown> {
  return parseBody(new Cursor(text), false);
}

interface BodyBuilder {
  readonly attributes: Map<string, unknown>;
  /** Block type → nested labels → bodies, as hcl2json nests them. */
  readonly blocks: Map<string, unknown>;
}

function parseBody(c: Cursor, nested: boolean): Record<string, unknown> {
  const into: BodyBuilder = { attributes: new Map(), blocks: new Map() };
  for (;;) {
    c.skipSpace();
    if (c.atEnd()) {
      if (nested) c.fail('Unclosed configuration block: there is no closing brace for this block before the end of the file');
      return finish(into);
    }
    if (c.peek() === '}') {
      if (!nested) c.fail('Argument or block definition required: an argument or block definition is required here');
      c.pos++;
      return finish(into);
    }
    parseItem(c, into);
    endOfLine(c, 'argument or block definition');
  }
}

/** One argument or block; `c` is at its first identifier. */
function parseItem(c: Cursor, into: BodyBuilder): void {
  const start = c.pos;
  const name = c.ident() ?? c.fail('Argument or block definition required: an argument or block definition is required here');
  skipInline(c);
  if (c.peek() === '=' && c.peek(1) !== '=') {
    c.pos++;
    setAttribute(c, into, name, start);
    return;
  }
  const labels: string[] = [];
  for (;;) {
    skipInline(c);
    const ch = c.peek();
    if (ch === '{') break;
    if (ch === '"') labels.push(label(c));
    else labels.push(c.ident() ?? c.fail(`Invalid block definition: expected a label or "{" after the block type "${name}"`));
  }
  c.pos++;
  const oneLine = !atNewline(c);
  const body = oneLine ? parseOneLineBody(c) : parseBody(c, true);
  addBlock(c, into, name, labels, body, start);
}

/** `type { name = value }` on one line: at most one argument (HCL's single-line block rule). */
function parseOneLineBody(c: Cursor): Record<string, unknown> {
  const into: BodyBuilder = { attributes: new Map(), blocks: new Map() };
  skipInline(c);
  if (c.peek() !== '}') {
    const start = c.pos;
    const name = c.ident() ?? c.fail('Invalid single-argument block definition: a single-line block may contain only one argument');
    skipInline(c);
    if (c.peek() !== '=' || c.peek(1) === '=')
      c.fail('Invalid single-argument block definition: a single-line block may contain only one argument');
    c.pos++;
    setAttribute(c, into, name, start);
    skipInline(c);
  }
  if (c.peek() !== '}') c.fail('Invalid single-argument block definition: a single-line block must end with "}" on the same line');
  c.pos++;
  return finish(into);
}

function setAttribute(c: Cursor, into: BodyBuilder, name: string, start: number): void {
  if (into.attributes.has(name) || into.blocks.has(name))
    c.fail(`Attribute redefined: the argument "${name}" was already set; each argument may be set only once`, start);
  // At the top of an argument a newline ends the expression; brackets and templates lift that.
  const saved = c.newlineEnds;
  c.newlineEnds = true;
  try {
    into.attributes.set(name, jsonValue(parseExpr(c)));
  } finally {
    c.newlineEnds = saved;
  }
}

function addBlock(c: Cursor, into: BodyBuilder, type: string, labels: string[], body: Record<string, unknown>, start: number): void {
  if (into.attributes.has(type)) c.fail(`Unsupported block: "${type}" is already an argument of this body`, start);
  let level = into.blocks;
  let key = type;
  for (const next of labels) {
    let inner = level.get(key);
    if (inner === undefined) {
      inner = new Map<string, unknown>();
      level.set(key, inner);
    }
    if (!(inner instanceof Map)) c.fail(`Duplicate block: "${[type, ...labels].join('" "')}" mixes labelled and unlabelled blocks`, start);
    level = inner as Map<string, unknown>;
    key = next;
  }
  const bodies = level.get(key) ?? [];
  if (!Array.isArray(bodies)) c.fail(`Duplicate block: "${[type, ...labels].join('" "')}" mixes labelled and unlabelled blocks`, start);
  bodies.push(body);
  level.set(key, bodies);
}

/** Literal values as hcl2json renders them; a string with `${`/`%{` in it (written `$${`) must stay literal, so it stays an expression. */
function jsonValue(expr: Expr): unknown {
  // hcl2json folds a sign or a negation of a literal (`-1`, `!true`) into the value.
  if (expr.kind === 'unary' && expr.operand.kind === 'literal') {
    const operand = expr.operand.value;
    if (expr.op === '-' && typeof operand === 'number') return -operand;
    if (expr.op === '!' && typeof operand === 'boolean') return !operand;
  }
  if (expr.kind !== 'literal') return new NativeExpr(expr);
  const { value } = expr;
  if (typeof value === 'string' && (value.includes('${') || value.includes('%{'))) return new NativeExpr(expr);
  return value;
}

/** Block labels are quoted strings without template sequences (escapes are applied). */
function label(c: Cursor): string {
  const start = c.pos;
  c.pos++;
  const parsed = parseQuotedTemplate(c);
  if (parsed.kind !== 'literal' || typeof parsed.value !== 'string')
    c.fail('Invalid block label: template sequences are not allowed in block labels', start);
  return parsed.value;
}

/** hcl2json's JSON has its object keys sorted (Go's encoding/json); so do we. */
function finish(into: BodyBuilder): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const entries: [string, unknown][] = [...into.attributes, ...[...into.blocks].map(([k, v]): [string, unknown] => [k, nest(v)])];
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [k, v] of entries) out[k] = v;
  return out;
}

function nest(value: unknown): unknown {
  if (!(value instanceof Map)) return value;
  const out: Record<string, unknown> = {};
  for (const k of [...(value as Map<string, unknown>).keys()].sort()) out[k] = nest((value as Map<string, unknown>).get(k));
  return out;
}

/** Spaces, tabs and comments on the current line (a `#`/`//` comment stops before its newline). */
function skipInline(c: Cursor): void {
  for (;;) {
    const ch = c.peek();
    if (ch === ' ' || ch === '\t' || ch === '\r') c.pos++;
    else if (ch === '#' || (ch === '/' && c.peek(1) === '/')) {
      while (!c.atEnd() && c.peek() !== '\n') c.pos++;
    } else if (ch === '/' && c.peek(1) === '*') {
      const end = c.src.indexOf('*/', c.pos + 2);
      if (end < 0) c.fail('Unterminated comment: a /* comment needs a closing */');
      // A block comment spanning lines counts as a newline, as in HCL's scanner.
      if (c.src.slice(c.pos, end).includes('\n')) return;
      c.pos = end + 2;
    } else return;
  }
}

function atNewline(c: Cursor): boolean {
  skipInline(c);
  return c.atEnd() || c.peek() === '\n' || (c.peek() === '/' && c.peek(1) === '*');
}

/** Every argument and block ends with a newline (or the end of the file). */
function endOfLine(c: Cursor, what: string): void {
  if (!atNewline(c)) c.fail(`Missing newline after ${what}: an ${what} must end with a newline`);
}
