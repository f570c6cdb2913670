import { TemplateSyntaxError, type BinaryOperator, type Expr, type Modifier, type Node, type Reference } from './vtl-ast.js';

// Velocity 1.7's grammar (velocity-engine 1.7 src/parser/Parser.jjt): a reference root may start with
// "_" and go on with letters, digits, "-" and "_"; after a "." only a letter may start a name.
const ROOT_NAME = /[A-Za-z_][A-Za-z0-9_-]*/y;
const MEMBER_NAME = /[A-Za-z][A-Za-z0-9_-]*/y;
const INTEGER = /-?\d+/y;
const WORD_END = /[A-Za-z0-9_]/;
const MAX_NESTING = 100;

/** Operators by precedence level, lowest first (longer symbols before their prefixes). */
const LEVELS: readonly (readonly string[])[] = [
  ['||', 'or'],
  ['&&', 'and'],
  ['==', '!=', 'eq', 'ne'],
  ['<=', '>=', '<', '>', 'le', 'ge', 'lt', 'gt'],
  ['+', '-'],
  ['*', '/', '%'],
];
/** Velocity's word forms of the operators. */
const WORDS: Readonly<Record<string, BinaryOperator>> = { or: '||', and: '&&', eq: '==', ne: '!=', le: '<=', ge: '>=', lt: '<', gt: '>' };

/**
 * Velocity expressions (`#set`, `#if`, `#foreach` arguments, method arguments, indexes) and
 * references. Strings in double quotes with `$` or `#` in them are templates of their own
 * (`interpolate`, supplied by the template parser); `\uXXXX` and `""` are their only escapes, `''`
 * in single quotes — exactly Velocity 1.7's ASTStringLiteral.
 */
export abstract class ExpressionParser {
  protected at = 0;
  private nesting = 0;

  constructor(
    protected readonly text: string,
    /** Where `text` starts in the template (an interpolated string's contents sit inside it). */
    protected readonly base: number,
  ) {}

  protected abstract interpolate(content: string, contentAt: number): Node[];

  protected fail(message: string, at = this.at): never {
    throw new TemplateSyntaxError(message, this.base + at);
  }

  protected space(): void {
    const t = this.text;
    while (this.at < t.length) {
      const c = t[this.at];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.at++;
      else break;
    }
  }

  protected expect(c: string, what: string): void {
    this.space();
    if (this.text[this.at] !== c) this.fail(`expected "${c}" ${what}`);
    this.at++;
  }

  /** At a `$`: the reference that starts here, or undefined when what follows is not one (the `$` is text). */
  protected reference(): Reference | undefined {
    const start = this.at;
    let i = start + 1;
    if (this.text[i] === '!') i++;
    const formal = this.text[i] === '{';
    if (formal) i++;
    ROOT_NAME.lastIndex = i;
    const root = ROOT_NAME.exec(this.text);
    if (root === null) return undefined;
    this.at = i + root[0].length;
    const modifiers = this.modifiers();
    if (formal) {
      if (this.text[this.at] !== '}') this.fail(`"\${${root[0]}" must be closed with "}"`, start);
      this.at++;
    }
    return { root: root[0], modifiers, at: this.base + start };
  }

  private modifiers(): Modifier[] {
    const modifiers: Modifier[] = [];
    for (;;) {
      const c = this.text[this.at];
      if (c === '.') {
        MEMBER_NAME.lastIndex = this.at + 1;
        const name = MEMBER_NAME.exec(this.text);
        if (name === null) break;
        const at = this.base + this.at + 1;
        this.at += 1 + name[0].length;
        if (this.text[this.at] === '(') {
          this.at++;
          modifiers.push({ kind: 'method', name: name[0], args: this.list(')', 'to end the method arguments'), at });
        } else modifiers.push({ kind: 'property', name: name[0], at });
      } else if (c === '[') {
        const at = this.base + this.at;
        this.at++;
        this.space();
        const index = this.expression();
        this.expect(']', 'to close the index');
        modifiers.push({ kind: 'index', index, at });
      } else break;
    }
    return modifiers;
  }

  /** Comma-separated expressions up to `close` (the opening bracket already read). */
  private list(close: string, what: string): Expr[] {
    const items: Expr[] = [];
    this.space();
    if (this.text[this.at] === close) {
      this.at++;
      return items;
    }
    for (;;) {
      items.push(this.expression());
      this.space();
      const c = this.text[this.at];
      this.at++;
      if (c === close) return items;
      if (c !== ',') this.fail(`expected "," or "${close}" ${what}`, this.at - 1);
    }
  }

  protected expression(): Expr {
    if (++this.nesting > MAX_NESTING) this.fail(`expressions nest deeper than ${MAX_NESTING} levels`);
    this.space();
    const expr = this.level(0);
    this.nesting--;
    return expr;
  }

  private level(n: number): Expr {
    if (n === LEVELS.length) return this.unary();
    let left = this.level(n + 1);
    for (;;) {
      this.space();
      const op = this.operator(LEVELS[n] ?? []);
      if (op === undefined) return left;
      this.space();
      const right = this.level(n + 1);
      left = { kind: 'binary', op, left, right, at: left.at };
    }
  }

  private operator(symbols: readonly string[]): BinaryOperator | undefined {
    for (const symbol of symbols) {
      if (!this.text.startsWith(symbol, this.at)) continue;
      const word = WORDS[symbol];
      if (word !== undefined && WORD_END.test(this.text[this.at + symbol.length] ?? '')) continue;
      this.at += symbol.length;
      return word ?? (symbol as BinaryOperator);
    }
    return undefined;
  }

  private unary(): Expr {
    this.space();
    const at = this.base + this.at;
    const bang = this.text[this.at] === '!' && this.text[this.at + 1] !== '=';
    const not = this.text.startsWith('not', this.at) && !WORD_END.test(this.text[this.at + 3] ?? '');
    if (bang || not) {
      this.at += bang ? 1 : 3;
      return { kind: 'not', operand: this.unary(), at };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.text;
    const c = t[this.at];
    const at = this.base + this.at;
    if (c === '(') {
      this.at++;
      const inner = this.expression();
      this.expect(')', 'to close the parenthesis');
      return inner;
    }
    if (c === '[') return this.listOrRange();
    if (c === '{') return this.map();
    if (c === '"' || c === "'") return this.string(c);
    if (c === '$') {
      const ref = this.reference();
      if (ref === undefined) this.fail('a "$" must start a reference such as $name');
      return { kind: 'reference', ref, at };
    }
    if (c !== undefined && ((c >= '0' && c <= '9') || (c === '-' && /\d/.test(t[this.at + 1] ?? '')))) return this.number();
    for (const word of ['true', 'false'] as const) {
      if (t.startsWith(word, this.at) && !WORD_END.test(t[this.at + word.length] ?? '')) {
        this.at += word.length;
        return { kind: 'boolean', value: word === 'true', at };
      }
    }
    if (c === undefined) this.fail('the template ends inside an expression');
    return this.fail(
      `expected a value (a $reference, a 'string', a number, true, false, a [list] or a {map}) at "${t.slice(this.at, this.at + 12)}"`,
    );
  }

  private number(): Expr {
    const at = this.base + this.at;
    INTEGER.lastIndex = this.at;
    const digits = INTEGER.exec(this.text)?.[0] ?? '';
    let end = this.at + digits.length;
    const t = this.text;
    let double = false;
    // "1..3" is a range of integers, "1.5" and "1." are doubles (Parser.jjt INTEGER_LITERAL / FLOATING_POINT_LITERAL).
    if (t[end] === '.' && t[end + 1] !== '.') {
      double = true;
      end++;
      while (/\d/.test(t[end] ?? '')) end++;
    }
    const exponent = /^[eE][+-]?\d+/.exec(t.slice(end, end + 12));
    if (exponent !== null) {
      double = true;
      end += exponent[0].length;
    }
    const source = t.slice(this.at, end);
    this.at = end;
    if (double) return { kind: 'double', value: Number(source), at };
    const n = Number(source);
    return { kind: 'integer', value: Number.isSafeInteger(n) ? n : BigInt(source), at };
  }

  private string(quote: '"' | "'"): Expr {
    const start = this.at;
    const t = this.text;
    let i = start + 1;
    for (;;) {
      const q = t.indexOf(quote, i);
      if (q < 0) this.fail(`the string starting here is not closed with ${quote}`, start);
      if (t[q + 1] === quote) {
        i = q + 2;
        continue;
      }
      i = q;
      break;
    }
    this.at = i + 1;
    const raw = t.slice(start + 1, i);
    const at = this.base + start;
    if (quote === "'") return { kind: 'string', value: raw.replaceAll("''", "'"), at };
    const content = raw.replace(/\\u([0-9A-Fa-f]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))).replaceAll('""', '"');
    if (!content.includes('$') && !content.includes('#')) return { kind: 'string', value: content, at };
    return { kind: 'interpolated', parts: this.interpolate(content, at + 1), at };
  }

  private listOrRange(): Expr {
    const at = this.base + this.at;
    this.at++;
    this.space();
    if (this.text[this.at] === ']') {
      this.at++;
      return { kind: 'list', items: [], at };
    }
    const first = this.expression();
    this.space();
    if (this.text.startsWith('..', this.at)) {
      this.at += 2;
      const to = this.expression();
      this.expect(']', 'to close the range');
      return { kind: 'range', from: first, to, at };
    }
    const items = [first];
    if (this.text[this.at] === ',') {
      this.at++;
      items.push(...this.list(']', 'in the list'));
    } else this.expect(']', 'to close the list');
    return { kind: 'list', items, at };
  }

  private map(): Expr {
    const at = this.base + this.at;
    this.at++;
    const entries: (readonly [Expr, Expr])[] = [];
    this.space();
    if (this.text[this.at] === '}') {
      this.at++;
      return { kind: 'map', entries, at };
    }
    for (;;) {
      const key = this.expression();
      this.expect(':', 'between a map key and its value');
      const value = this.expression();
      entries.push([key, value]);
      this.space();
      const c = this.text[this.at];
      this.at++;
      if (c === '}') return { kind: 'map', entries, at };
      if (c !== ',') this.fail('expected "," or "}" in the map', this.at - 1);
    }
  }
}
