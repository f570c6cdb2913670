import type { Expr, ForExpr, ObjectItem } from './ast.js';
import { inBrackets, type Cursor } from './cursor.js';
import type { ExprGrammar } from './grammar.js';

/**
 * Function calls, tuples, objects and for expressions
 * (https://developer.hashicorp.com/terraform/language/expressions/types,
 * https://developer.hashicorp.com/terraform/language/expressions/for).
 */
export function parseCall(c: Cursor, g: ExprGrammar, name: string): Expr {
  // Provider-defined functions (provider::aws::arn_parse) are out of scope; `::` falls to an error here.
  const args: Expr[] = [];
  let expandLast = false;
  if (c.eat(')')) return { kind: 'call', name, args, expandLast };
  for (;;) {
    args.push(g.expr(c));
    if (c.eat('...')) {
      expandLast = true;
      c.eat(',');
      c.expect(')', 'a closing parenthesis after the expanded ("...") final argument');
      return { kind: 'call', name, args, expandLast };
    }
    if (c.eat(')')) return { kind: 'call', name, args, expandLast };
    c.expect(',', `a comma or ")" in the arguments of ${name}()`);
    if (c.eat(')')) return { kind: 'call', name, args, expandLast };
  }
}

function startsFor(c: Cursor): boolean {
  c.skipSpace();
  return c.peekWord('for') && /^for\s+[\p{L}_]/u.test(c.src.slice(c.pos, c.pos + 6));
}

export function parseTupleOrFor(c: Cursor, g: ExprGrammar): Expr {
  if (startsFor(c)) {
    const expr = parseForRest(c, g, false);
    c.expect(']', 'a closing bracket "]" for the for expression');
    return expr;
  }
  const items: Expr[] = [];
  for (;;) {
    if (c.eat(']')) return { kind: 'tuple', items };
    items.push(g.expr(c));
    if (c.eat(']')) return { kind: 'tuple', items };
    c.expect(',', 'a comma or "]" between tuple elements');
  }
}

export function parseObjectOrFor(c: Cursor, g: ExprGrammar): Expr {
  if (startsFor(c)) {
    const expr = inBrackets(c, () => parseForRest(c, g, true));
    c.expect('}', 'a closing brace "}" for the for expression');
    return expr;
  }
  const saved = c.newlineEnds;
  c.newlineEnds = true;
  try {
    const items: ObjectItem[] = [];
    for (;;) {
      if (c.eat('}')) return { kind: 'object', items };
      const key = parseObjectKey(c, g);
      c.skipSpace();
      if (c.peek() === '=' || c.peek() === ':') c.pos++;
      else c.fail(`Missing key/value separator: expected "=" after the object key, found ${c.describeHere()}`);
      const value = g.expr(c);
      items.push({ key, value });
      c.eat(',');
    }
  } finally {
    c.newlineEnds = saved;
  }
}

function parseObjectKey(c: Cursor, g: ExprGrammar): Expr {
  c.skipSpace();
  const start = c.pos;
  const name = c.ident();
  if (name !== undefined) {
    c.skipSpace();
    const next = c.peek();
    if ((next === '=' && c.peek(1) !== '=' && c.peek(1) !== '>') || next === ':') return { kind: 'literal', value: name };
    c.pos = start;
  }
  return inBrackets(c, () => g.operation(c));
}

function parseForRest(c: Cursor, g: ExprGrammar, object: boolean): ForExpr {
  c.skipSpace();
  c.pos += 3;
  c.skipSpace();
  const first = c.ident() ?? c.fail('Expected an iterator variable name after "for"');
  let keyVar: string | undefined;
  let valueVar = first;
  if (c.eat(',')) {
    c.skipSpace();
    keyVar = first;
    valueVar = c.ident() ?? c.fail('Expected a value variable name after the comma in a for expression');
  }
  c.skipSpace();
  if (!c.peekWord('in')) c.fail(`Expected "in" in the for expression, found ${c.describeHere()}`);
  c.pos += 2;
  const collection = g.operation(c);
  c.expect(':', 'a colon ":" after the for expression\'s collection');
  let keyExpr: Expr | undefined;
  let valueExpr = g.expr(c);
  let group = false;
  if (object) {
    c.expect('=>', 'a "=>" between key and value in a for expression that builds an object');
    keyExpr = valueExpr;
    valueExpr = g.expr(c);
    group = c.eat('...');
  }
  let condition: Expr | undefined;
  c.skipSpace();
  if (c.peekWord('if')) {
    c.pos += 2;
    condition = g.expr(c);
  }
  return { kind: 'for', keyVar, valueVar, collection, keyExpr, valueExpr, condition, group };
}
