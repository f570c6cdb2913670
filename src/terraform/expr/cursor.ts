/**
 * Character-level reading of expression source. The parser reads tokens on demand from here, so
 * templates inside expressions inside templates need no separate token stream.
 */
export class ExprSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'ExprSyntaxError';
    this.offset = offset;
  }
}

const identStart = /[\p{L}_]/u;
const identPart = /[\p{L}\p{N}_-]/u;

export class Cursor {
  pos = 0;
  /**
   * Inside `{ }` object constructors newlines end an item, as in HCL's native syntax; inside
   * parentheses, brackets and interpolations they are ignored.
   */
  newlineEnds = false;

  constructor(readonly src: string) {}

  fail(message: string, offset = this.pos): never {
    throw new ExprSyntaxError(message, offset);
  }

  atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  peek(offset = 0): string {
    return this.src[this.pos + offset] ?? '';
  }

  startsWith(text: string): boolean {
    return this.src.startsWith(text, this.pos);
  }

  /** Skips spaces and comments; returns whether a newline was crossed. */
  skipSpace(): boolean {
    let newline = false;
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r') {
        this.pos++;
      } else if (c === '\n') {
        newline = true;
        this.pos++;
      } else if (c === '#' || (c === '/' && this.peek(1) === '/')) {
        while (!this.atEnd() && this.peek() !== '\n') this.pos++;
      } else if (c === '/' && this.peek(1) === '*') {
        const end = this.src.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail('Unterminated comment: a /* comment needs a closing */');
        if (this.src.slice(this.pos, end).includes('\n')) newline = true;
        this.pos = end + 2;
      } else {
        return newline;
      }
    }
  }

  /**
   * Skips to the next token if it may continue the current expression: in an object constructor a
   * newline ends the item instead. Returns false (and stays put) when the item ended.
   */
  skipToContinuation(): boolean {
    const start = this.pos;
    const newline = this.skipSpace();
    if (newline && this.newlineEnds) {
      this.pos = start;
      return false;
    }
    return true;
  }

  /** Consumes `text` after optional space. */
  eat(text: string): boolean {
    this.skipSpace();
    if (this.startsWith(text)) {
      this.pos += text.length;
      return true;
    }
    return false;
  }

  expect(text: string, what: string): void {
    if (!this.eat(text)) this.fail(`Expected ${what}, found ${this.describeHere()}`);
  }

  isIdentStart(): boolean {
    return identStart.test(this.peek());
  }

  /** Reads an identifier (HCL identifiers may contain dashes) or returns undefined. */
  ident(): string | undefined {
    if (!this.isIdentStart()) return undefined;
    const start = this.pos;
    this.pos++;
    while (!this.atEnd() && identPart.test(this.peek())) this.pos++;
    return this.src.slice(start, this.pos);
  }

  /** Whether the next word is `word` (not a longer identifier), without consuming it. */
  peekWord(word: string): boolean {
    if (!this.startsWith(word)) return false;
    const after = this.src[this.pos + word.length] ?? '';
    return !identPart.test(after);
  }

  number(): number | undefined {
    const match = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.src.slice(this.pos, this.pos + 64));
    if (!match) return undefined;
    this.pos += match[0].length;
    return Number(match[0]);
  }

  describeHere(): string {
    if (this.atEnd()) return 'the end of the expression';
    const rest = this.src.slice(this.pos, this.pos + 12).split('\n')[0] ?? '';
    return `"${rest}"`;
  }
}

/** Parses inside `( )`, `[ ]` or `${ }`, where newlines never end an object item. */
export function inBrackets<T>(c: Cursor, parse: () => T): T {
  const saved = c.newlineEnds;
  c.newlineEnds = false;
  try {
    return parse();
  } finally {
    c.newlineEnds = saved;
  }
}
