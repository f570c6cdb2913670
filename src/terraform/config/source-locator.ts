/**
 * hcl2json returns values without positions, so we find lines ourselves: a light scan of the HCL
 * text that knows only blocks (`type "label" {`), arguments (`name =`), and how to skip strings,
 * heredocs, comments and bracketed expressions. The result mirrors the block structure.
 */
export interface BlockLines {
  type: string;
  labels: string[];
  line: number;
  /** Argument name → line. */
  attributes: Map<string, number>;
  blocks: BlockLines[];
}

export function locateBlocks(text: string): BlockLines {
  const scanner = new LineScanner(text);
  const root: BlockLines = { type: '', labels: [], line: 1, attributes: new Map(), blocks: [] };
  scanner.body(root, false);
  return root;
}

/** The nested blocks of `parent` with this type (and first labels, when given), in source order. */
export function findBlocks(parent: BlockLines | undefined, type: string, ...labels: string[]): BlockLines[] {
  if (!parent) return [];
  return parent.blocks.filter((b) => b.type === type && labels.every((l, i) => b.labels[i] === l));
}

class LineScanner {
  private pos = 0;
  private line = 1;

  constructor(private readonly src: string) {}

  body(into: BlockLines, nested: boolean): void {
    for (;;) {
      this.skipBlank(true);
      if (this.pos >= this.src.length) return;
      const ch = this.src[this.pos];
      if (ch === '}') {
        this.pos++;
        if (nested) return;
        continue;
      }
      const startLine = this.line;
      const name = this.word();
      if (name === undefined) {
        this.skipExpression();
        continue;
      }
      this.skipBlank(false);
      if (this.src[this.pos] === '=' && this.src[this.pos + 1] !== '=') {
        this.pos++;
        if (!into.attributes.has(name)) into.attributes.set(name, startLine);
        this.skipExpression();
        continue;
      }
      const labels: string[] = [];
      for (;;) {
        this.skipBlank(false);
        const c = this.src[this.pos];
        if (c === '"') labels.push(this.quotedText());
        else if (c === '{') break;
        else {
          const label = this.word();
          if (label === undefined) break;
          labels.push(label);
        }
      }
      if (this.src[this.pos] !== '{') {
        this.skipExpression();
        continue;
      }
      this.pos++;
      const block: BlockLines = { type: name, labels, line: startLine, attributes: new Map(), blocks: [] };
      into.blocks.push(block);
      this.body(block, true);
    }
  }

  private word(): string | undefined {
    const m = /^[\p{L}_][\p{L}\p{N}_-]*/u.exec(this.src.slice(this.pos, this.pos + 256));
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  private quotedText(): string {
    const start = this.pos + 1;
    this.skipString();
    return this.src.slice(start, this.pos - 1);
  }

  private advance(): void {
    if (this.src[this.pos] === '\n') this.line++;
    this.pos++;
  }

  /** Skips spaces and comments; newlines too when `newlines`. */
  private skipBlank(newlines: boolean): void {
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      const n = this.src[this.pos + 1];
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) this.advance();
      else if (c === '#' || (c === '/' && n === '/')) while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      else if (c === '/' && n === '*') {
        this.pos += 2;
        while (this.pos < this.src.length && !(this.src[this.pos] === '*' && this.src[this.pos + 1] === '/')) this.advance();
        this.pos += 2;
      } else return;
    }
  }

  /** Skips an argument's value: up to the end of its line outside brackets. */
  private skipExpression(): void {
    let depth = 0;
    while (this.pos < this.src.length) {
      this.skipBlank(depth > 0);
      const c = this.src[this.pos];
      if (c === undefined) return;
      if (c === '\n') {
        if (depth === 0) return;
        this.advance();
      } else if (c === '"') this.skipString();
      else if (c === '<' && this.src[this.pos + 1] === '<' && /^<<-?[\p{L}_]/u.test(this.src.slice(this.pos, this.pos + 4)))
        this.skipHeredoc();
      else if (c === '(' || c === '[' || c === '{') {
        depth++;
        this.pos++;
      } else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) return;
        depth--;
        this.pos++;
      } else this.pos++;
    }
  }

  /** At an opening quote: skips the string, including interpolations that contain strings. */
  private skipString(): void {
    this.pos++;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\') this.pos += 2;
      else if (c === '"') {
        this.pos++;
        return;
      } else if ((c === '$' || c === '%') && this.src[this.pos + 1] === '{') {
        this.pos += 2;
        this.skipInterpolation();
      } else if (c === '\n') return;
      else this.pos++;
    }
  }

  private skipInterpolation(): void {
    let depth = 1;
    while (this.pos < this.src.length && depth > 0) {
      const c = this.src[this.pos];
      if (c === '"') this.skipString();
      else {
        if (c === '{') depth++;
        if (c === '}') depth--;
        this.advance();
      }
    }
  }

  private skipHeredoc(): void {
    const m = /^<<-?([\p{L}_][\p{L}\p{N}_-]*)/u.exec(this.src.slice(this.pos, this.pos + 256));
    const marker = m?.[1] ?? '';
    this.pos += m?.[0].length ?? 2;
    while (this.pos < this.src.length) {
      while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      this.advance();
      const end = this.src.indexOf('\n', this.pos);
      const lineText = this.src.slice(this.pos, end < 0 ? undefined : end);
      if (lineText.trim() === marker) {
        this.pos += lineText.length;
        return;
      }
    }
  }
}
