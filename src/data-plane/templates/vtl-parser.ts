import type { Branch, Node, Reference } from './vtl-ast.js';
import { ExpressionParser } from './vtl-expression-parser.js';

/** Directives a template may use; the others Velocity knows are refused by name. */
const BLOCK_ENDS = new Set(['end', 'else', 'elseif']);
const UNSUPPORTED = new Set(['include', 'parse', 'macro', 'define', 'evaluate']);
const DIRECTIVES = new Set(['set', 'if', 'foreach', 'break', 'stop', ...BLOCK_ENDS, ...UNSUPPORTED]);
const WORD = /[A-Za-z_@][A-Za-z0-9_@]*/y;
const TRAILING_NEWLINE = /[ \t]*(\r\n|\n|\r)/y;
/** #if and #foreach blocks nest at most this deep (the parser and compiler recurse per level). */
const MAX_BLOCK_DEPTH = 100;

interface BlockEnd {
  readonly word: 'end' | 'else' | 'elseif';
  readonly at: number;
}

/**
 * A template's text → nodes, with Velocity 1.7's lexical rules (velocity-engine 1.7 Parser.jjt),
 * whitespace included, because the rendered text is the integration's payload:
 * - a directive's closing `)`, `#else` and `#end` swallow trailing spaces and one newline when the
 *   newline follows directly; `#set` also swallows the spaces before it when nothing else of the
 *   line precedes them since the previous token (its SET_DIRECTIVE token starts with them);
 * - `##` comments end with their newline, `#* *#` comments and `#[[ ]]#` literal blocks;
 * - `\$ref` prints `$ref` and `\\$ref` a backslash and the value (references never print their
 *   source in API Gateway, so an escaped one is always literal); `\#if` prints `#if`;
 * - `#word` that is no directive, and a `$` that starts no reference, are text.
 */
export class TemplateParser extends ExpressionParser {
  /** Where the current run of text began: a `#set` swallows its spaces only when they start a run. */
  private runStart = 0;
  private blocks = 0;

  parse(): Node[] {
    const { nodes, end } = this.nodes();
    if (end !== undefined) this.fail(`#${end.word} without a matching #if or #foreach`, end.at);
    return nodes;
  }

  protected interpolate(content: string, contentAt: number): Node[] {
    return new TemplateParser(content, contentAt).parse();
  }

  private nodes(): { nodes: Node[]; end: BlockEnd | undefined } {
    const nodes: Node[] = [];
    const t = this.text;
    let pending = '';
    const flush = (): void => {
      if (pending !== '') nodes.push({ kind: 'text', text: pending });
      pending = '';
    };
    while (this.at < t.length) {
      const c = t[this.at];
      if (c === '$') {
        const start = this.at;
        const ref = this.reference();
        if (ref === undefined) {
          pending += '$';
          this.at = start + 1;
          continue;
        }
        flush();
        nodes.push({ kind: 'reference', ref });
        this.runStart = this.at;
        continue;
      }
      if (c === '\\') {
        // Read first: escapes() may flush what is pending.
        const escaped = this.escapes(nodes, flush);
        pending += escaped;
        continue;
      }
      if (c === '#') {
        const comment = this.comment();
        if (comment !== undefined) {
          pending += comment;
          continue;
        }
        const word = this.directiveWord();
        if (word === undefined) {
          pending += '#';
          this.at++;
          continue;
        }
        if (word.name.startsWith('@')) this.fail(`block macro calls (#${word.name}) are not supported`);
        if (!DIRECTIVES.has(word.name)) {
          pending += t.slice(this.at, word.end);
          this.at = word.end;
          this.runStart = this.at;
          continue;
        }
        if (word.name === 'set') {
          const lead = t.slice(this.runStart, this.at);
          if (lead !== '' && /^[ \t]+$/.test(lead) && pending.endsWith(lead)) pending = pending.slice(0, -lead.length);
        }
        flush();
        const at = this.base + this.at;
        this.at = word.end;
        if (BLOCK_ENDS.has(word.name)) return { nodes, end: { word: word.name as BlockEnd['word'], at } };
        nodes.push(this.directive(word.name, at));
        this.runStart = this.at;
        continue;
      }
      const next = this.nextSpecial(this.at + 1);
      pending += t.slice(this.at, next);
      this.at = next;
    }
    flush();
    return { nodes, end: undefined };
  }

  private nextSpecial(from: number): number {
    const t = this.text;
    for (let i = from; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 36 || c === 35 || c === 92) return i;
    }
    return t.length;
  }

  /** `##…⏎`, `#*…*#`, `#[[…]]#`: what they put in the output ('' for comments), or undefined. */
  private comment(): string | undefined {
    const t = this.text;
    const start = this.at;
    if (t.startsWith('##', start)) {
      const newline = t.indexOf('\n', start);
      this.at = newline < 0 ? t.length : newline + 1;
    } else if (t.startsWith('#*', start)) {
      const close = t.indexOf('*#', start + 2);
      if (close < 0) this.fail('the comment starting here is not closed with *#', start);
      this.at = close + 2;
    } else if (t.startsWith('#[[', start)) {
      const close = t.indexOf(']]#', start + 3);
      if (close < 0) this.fail('the literal block starting here is not closed with ]]#', start);
      this.at = close + 3;
      this.runStart = this.at;
      return t.slice(start + 3, close);
    } else return undefined;
    this.runStart = this.at;
    return '';
  }

  /** `#name` or `#{name}` here: the name and where it ends, or undefined when `#` starts no word. */
  private directiveWord(): { name: string; end: number } | undefined {
    const braced = this.text[this.at + 1] === '{';
    WORD.lastIndex = this.at + (braced ? 2 : 1);
    const m = WORD.exec(this.text);
    if (m === null) return undefined;
    let end = WORD.lastIndex;
    if (braced) {
      if (this.text[end] !== '}') return undefined;
      end++;
    }
    return { name: m[0], end };
  }

  /** A run of backslashes: before a reference or a directive they escape it; otherwise they are text. */
  private escapes(nodes: Node[], flush: () => void): string {
    const t = this.text;
    const start = this.at;
    let end = start;
    while (t[end] === '\\') end++;
    const n = end - start;
    const half = '\\'.repeat(Math.floor(n / 2));
    this.at = end;
    this.runStart = end;
    if (t[end] === '$') {
      const ref = this.reference();
      if (ref === undefined) {
        this.at = end;
        return t.slice(start, end);
      }
      if (n % 2 === 1) {
        this.runStart = this.at;
        return half + t.slice(end, this.at);
      }
      flush();
      nodes.push({ kind: 'text', text: half }, { kind: 'reference', ref });
      this.runStart = this.at;
      return '';
    }
    if (t[end] === '#') {
      const word = this.directiveWord();
      if (word !== undefined && DIRECTIVES.has(word.name) && n % 2 === 1) {
        this.at = word.end;
        this.runStart = this.at;
        return half + t.slice(end, word.end);
      }
      if (word !== undefined && DIRECTIVES.has(word.name)) return half;
    }
    return t.slice(start, end);
  }

  private directive(name: string, at: number): Node {
    if (UNSUPPORTED.has(name))
      this.fail(`#${name} is not supported in API Gateway mapping templates (see docs/compatibility.md)`, at - this.base);
    if (name === 'break' || name === 'stop') return { kind: name, at };
    if (name === 'set') return this.set(at);
    if (++this.blocks > MAX_BLOCK_DEPTH) this.fail(`#if and #foreach nest deeper than ${MAX_BLOCK_DEPTH} levels`, at - this.base);
    const block = name === 'if' ? this.ifDirective(at) : this.foreach(at);
    this.blocks--;
    return block;
  }

  /** `(` after a directive name (Velocity allows whitespace before it, `#set` only spaces). */
  private open(name: string, at: number): void {
    if (name === 'set') while (this.text[this.at] === ' ') this.at++;
    else this.space();
    if (this.text[this.at] !== '(') this.fail(`#${name} must be followed by "("`, at - this.base);
    this.at++;
  }

  /** The closing `)` of a directive, swallowing trailing spaces and a newline right after it. */
  private close(name: string): void {
    this.expect(')', `to close #${name}`);
    this.swallowNewline();
  }

  private swallowNewline(): void {
    TRAILING_NEWLINE.lastIndex = this.at;
    if (TRAILING_NEWLINE.exec(this.text) !== null) this.at = TRAILING_NEWLINE.lastIndex;
    this.runStart = this.at;
  }

  private target(what: string): Reference {
    this.space();
    if (this.text[this.at] !== '$') this.fail(`${what} must be a reference such as $name`);
    const ref = this.reference();
    if (ref === undefined) this.fail(`${what} must be a reference such as $name`);
    return ref;
  }

  private set(at: number): Node {
    this.open('set', at);
    const target = this.target('the left side of #set');
    const last = target.modifiers.at(-1);
    if (last?.kind === 'method') this.fail('the left side of #set cannot end with a method call', last.at - this.base);
    this.expect('=', 'in #set');
    const value = this.expression();
    this.close('set');
    return { kind: 'set', target, value, at };
  }

  private condition(name: string, at: number): Branch['condition'] {
    this.open(name, at);
    const condition = this.expression();
    this.close(name);
    return condition;
  }

  private ifDirective(at: number): Node {
    const branches: Branch[] = [];
    let condition = this.condition('if', at);
    for (;;) {
      const { nodes, end } = this.nodes();
      if (end === undefined) this.fail('#if is not closed with #end', at - this.base);
      if (end.word === 'elseif') {
        branches.push({ condition, body: nodes });
        condition = this.condition('elseif', end.at);
        continue;
      }
      branches.push({ condition, body: nodes });
      if (end.word === 'end') {
        this.swallowNewline();
        return { kind: 'if', branches, otherwise: undefined, at };
      }
      this.swallowNewline();
      const rest = this.nodes();
      if (rest.end === undefined) this.fail('#if is not closed with #end', at - this.base);
      if (rest.end.word !== 'end') this.fail(`#${rest.end.word} after #else`, rest.end.at - this.base);
      this.swallowNewline();
      return { kind: 'if', branches, otherwise: rest.nodes, at };
    }
  }

  private foreach(at: number): Node {
    this.open('foreach', at);
    const variable = this.target('the loop variable of #foreach');
    if (variable.modifiers.length > 0) this.fail('the loop variable of #foreach must be a plain $name', variable.at - this.base);
    this.space();
    if (!/^in(?![A-Za-z0-9_])/.test(this.text.slice(this.at, this.at + 3))) this.fail('expected "in" in #foreach');
    this.at += 2;
    const iterable = this.expression();
    this.close('foreach');
    const { nodes, end } = this.nodes();
    if (end === undefined) this.fail('#foreach is not closed with #end', at - this.base);
    if (end.word !== 'end') this.fail(`#${end.word} inside #foreach without an #if`, end.at - this.base);
    this.swallowNewline();
    return { kind: 'foreach', variable: variable.root, iterable, body: nodes, at };
  }
}
