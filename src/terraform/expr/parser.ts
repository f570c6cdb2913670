import type { BinaryOp, Expr, Step } from './ast.js';
import { parseCall, parseObjectOrFor, parseTupleOrFor } from './collection-parser.js';
import { Cursor, inBrackets } from './cursor.js';
import type { ExprGrammar } from './grammar.js';
import { heredoc, quotedTemplate, templateSource } from './template-parser.js';

/**
 * Binary operators by precedence, loosest first, as in
 * https://developer.hashicorp.com/terraform/language/expressions/operators#operator-precedence
 */
const precedence: readonly (readonly BinaryOp[])[] = [['||'], ['&&'], ['==', '!='], ['<=', '>=', '<', '>'], ['+', '-'], ['*', '/', '%']];

/** What the collection and template parsers recurse into; one object for all parses. */
const grammar: ExprGrammar = { expr: parseExpr, operation: (c) => parseBinary(c, 0) };

/** Parses a whole native-syntax expression, e.g. a --var value or a type constraint. */
export function parseExpressionSource(src: string): Expr {
  const cursor = new Cursor(src);
  const expr = parseExpr(cursor);
  cursor.skipSpace();
  if (!cursor.atEnd()) cursor.fail(`Extra characters after the expression: ${cursor.describeHere()}`);
  return expr;
}

/** Parses a whole string as a template (hcl2json output, .tf.json strings, templatefile()). */
export function parseTemplateSource(src: string): Expr {
  return templateSource(src, grammar);
}

/** Parses a native-syntax string, the cursor just after its opening quote. */
export function parseQuotedTemplate(c: Cursor): Expr {
  return quotedTemplate(c, grammar);
}

export function parseExpr(c: Cursor): Expr {
  const condition = parseBinary(c, 0);
  const start = c.pos;
  if (!c.skipToContinuation() || c.peek() !== '?') {
    c.pos = start;
    return condition;
  }
  c.pos++;
  const then = parseExpr(c);
  c.expect(':', 'the ":" of a conditional expression');
  const otherwise = parseExpr(c);
  return { kind: 'conditional', condition, then, else: otherwise };
}

function parseBinary(c: Cursor, level: number): Expr {
  const ops = precedence[level];
  if (!ops) return parseUnary(c);
  let left = parseBinary(c, level + 1);
  for (;;) {
    const start = c.pos;
    if (!c.skipToContinuation()) return left;
    const op = ops.find((o) => c.startsWith(o) && !isLongerOperator(c, o));
    if (!op) {
      c.pos = start;
      return left;
    }
    c.pos += op.length;
    const right = parseBinary(c, level + 1);
    left = { kind: 'binary', op, left, right };
  }
}

/** `<` must not take the start of `<=`, `=` of `==`/`=>`, `*` of `[*]` etc. */
function isLongerOperator(c: Cursor, op: string): boolean {
  const next = c.peek(op.length);
  if ((op === '<' || op === '>') && next === '=') return true;
  if (op === '>' && c.src[c.pos - 1] === '=') return true;
  return false;
}

function parseUnary(c: Cursor): Expr {
  c.skipSpace();
  const ch = c.peek();
  if (ch === '!' && c.peek(1) !== '=') {
    c.pos++;
    return { kind: 'unary', op: '!', operand: parseUnary(c) };
  }
  if (ch === '-') {
    c.pos++;
    const operand = parseUnary(c);
    if (operand.kind === 'literal' && typeof operand.value === 'number') return { kind: 'literal', value: -operand.value };
    return { kind: 'unary', op: '-', operand };
  }
  return parsePostfix(c, parsePrimary(c));
}

function parsePostfix(c: Cursor, base: Expr): Expr {
  let expr = base;
  for (;;) {
    const start = c.pos;
    if (!c.skipToContinuation()) return expr;
    if (c.startsWith('.*')) {
      c.pos += 2;
      expr = { kind: 'splat', source: expr, steps: parseSplatSteps(c, false) };
    } else if (c.startsWith('[') && /^\[\s*\*\s*\]/.test(c.src.slice(c.pos, c.pos + 16))) {
      c.pos = c.src.indexOf(']', c.pos) + 1;
      expr = { kind: 'splat', source: expr, steps: parseSplatSteps(c, true) };
    } else {
      const step = parseStep(c);
      if (!step) {
        c.pos = start;
        return expr;
      }
      expr = appendStep(expr, step);
    }
  }
}

function appendStep(expr: Expr, step: Step): Expr {
  if (expr.kind === 'scope' || expr.kind === 'traverse') return { ...expr, steps: [...expr.steps, step] };
  return { kind: 'traverse', target: expr, steps: [step] };
}

/** One `.name`, `.0` (legacy index) or `[key]` step, or undefined if none follows. */
function parseStep(c: Cursor): Step | undefined {
  if (c.peek() === '.' && c.peek(1) !== '.') {
    c.pos++;
    const name = c.ident();
    if (name !== undefined) return { kind: 'attr', name };
    const index = c.number();
    if (index !== undefined && Number.isInteger(index)) return { kind: 'index', key: { kind: 'literal', value: index } };
    c.fail(`Invalid attribute name: an attribute name is required after a dot, found ${c.describeHere()}`);
  }
  if (c.peek() === '[') {
    c.pos++;
    const key = inBrackets(c, () => parseExpr(c));
    c.expect(']', 'a closing bracket "]" after the index');
    return { kind: 'index', key };
  }
  return undefined;
}

/** After `[*]` attribute and index steps apply per element; after legacy `.*` only attributes do. */
function parseSplatSteps(c: Cursor, full: boolean): Step[] {
  const steps: Step[] = [];
  for (;;) {
    const start = c.pos;
    if (!c.skipToContinuation()) return steps;
    if (c.startsWith('.*') || c.startsWith('[*')) {
      c.pos = start;
      return steps;
    }
    if (!full && c.peek() === '[') {
      c.pos = start;
      return steps;
    }
    const step = parseStep(c);
    if (!step) {
      c.pos = start;
      return steps;
    }
    steps.push(step);
  }
}

function parsePrimary(c: Cursor): Expr {
  c.skipSpace();
  const ch = c.peek();
  if (/[0-9]/.test(ch)) return { kind: 'literal', value: c.number() ?? c.fail('Invalid number') };
  if (ch === '"') {
    c.pos++;
    return quotedTemplate(c, grammar);
  }
  if (ch === '<' && c.peek(1) === '<') return heredoc(c, grammar);
  if (ch === '(') {
    c.pos++;
    const inner = inBrackets(c, () => parseExpr(c));
    c.expect(')', 'a closing parenthesis ")"');
    // Parentheses matter only for object keys, where `(k)` means "evaluate k".
    return inner.kind === 'scope' && inner.steps.length === 0 ? { kind: 'traverse', target: inner, steps: [] } : inner;
  }
  if (ch === '[') {
    c.pos++;
    return inBrackets(c, () => parseTupleOrFor(c, grammar));
  }
  if (ch === '{') {
    c.pos++;
    return parseObjectOrFor(c, grammar);
  }
  const start = c.pos;
  let name = c.ident();
  if (name === undefined) c.fail(`Invalid expression: expected the start of an expression, found ${c.describeHere()}`);
  // Provider-defined functions: provider::aws::arn_parse(...). The name is read whole so the
  // error can say what is not supported.
  while (c.startsWith('::')) {
    c.pos += 2;
    name += `::${c.ident() ?? c.fail('Expected a name after "::"')}`;
  }
  if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true' };
  if (name === 'null') return { kind: 'literal', value: null };
  const afterName = c.pos;
  c.skipSpace();
  if (c.peek() === '(' && !c.src.slice(afterName, c.pos).includes('\n')) {
    c.pos++;
    return inBrackets(c, () => parseCall(c, grammar, name));
  }
  c.pos = afterName;
  if (start === afterName) c.fail('Invalid expression');
  return { kind: 'scope', root: name, steps: [] };
}
