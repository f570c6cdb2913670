import type { Expr } from './ast.js';
import { build, type Directive, type Flat } from './template-tree.js';
import { Cursor, ExprSyntaxError, inBrackets } from './cursor.js';
import type { ExprGrammar } from './grammar.js';

/**
 * Templates: https://developer.hashicorp.com/terraform/language/expressions/strings
 * `quoted` strings take backslash escapes; heredocs, template files and hcl2json's JSON output do
 * not (in hcl2json output the escapes are already applied, and `$${`/`%%{` are kept as escapes).
 */
type Mode = 'quoted' | 'raw';

/** A whole string as a template (hcl2json output, .tf.json strings, templatefile()). */
export function templateSource(src: string, g: ExprGrammar): Expr {
  if (!src.includes('{')) return { kind: 'literal', value: src };
  const c = new Cursor(src);
  return build(c, scanParts(c, g, 'raw'));
}

/** After the opening quote of a native-syntax string. */
export function quotedTemplate(c: Cursor, g: ExprGrammar): Expr {
  return build(c, scanParts(c, g, 'quoted'));
}

/** At `<<EOT` or `<<-EOT` in native syntax. */
export function heredoc(c: Cursor, g: ExprGrammar): Expr {
  const header = /^<<(-?)([\p{L}_][\p{L}\p{N}_-]*)[ \t]*\r?\n/u.exec(c.src.slice(c.pos));
  if (!header) c.fail('Invalid heredoc: expected <<MARKER or <<-MARKER followed by a newline');
  const [whole, flush, marker] = header;
  const bodyStart = c.pos + whole.length;
  const endLine = new RegExp(`^[ \\t]*${marker}[ \\t]*\\r?$`, 'mu');
  const rest = c.src.slice(bodyStart);
  const end = endLine.exec(rest);
  if (!end) c.fail(`Unterminated heredoc: no line with only "${marker ?? ''}" closes it`);
  let body = rest.slice(0, end.index);
  if (flush === '-') body = dedent(body);
  c.pos = bodyStart + end.index + end[0].length;
  try {
    return templateSource(body, g);
  } catch (error) {
    if (error instanceof ExprSyntaxError) throw new ExprSyntaxError(error.message, bodyStart + error.offset);
    throw error;
  }
}

/** `<<-` removes the indentation common to all non-blank lines. */
function dedent(body: string): string {
  const lines = body.split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

function scanParts(c: Cursor, g: ExprGrammar, mode: Mode): Flat[] {
  const parts: Flat[] = [];
  let literal = '';
  const flush = (): void => {
    if (literal !== '') parts.push({ kind: 'literal', value: literal });
    literal = '';
  };
  for (;;) {
    if (c.atEnd()) {
      if (mode === 'quoted') c.fail('Unterminated template string: no closing quote was found');
      break;
    }
    const ch = c.peek();
    if (mode === 'quoted' && ch === '"') {
      c.pos++;
      break;
    }
    if (mode === 'quoted' && ch === '\n') c.fail('Invalid multi-line string: quoted strings may not be split over multiple lines');
    if (mode === 'quoted' && ch === '\\') {
      literal += escape(c);
      continue;
    }
    if ((ch === '$' || ch === '%') && c.peek(1) === ch && c.peek(2) === '{') {
      literal += `${ch}{`;
      c.pos += 3;
      continue;
    }
    if ((ch === '$' || ch === '%') && c.peek(1) === '{') {
      flush();
      c.pos += 2;
      parts.push(ch === '$' ? scanInterpolation(c, g) : scanDirective(c, g));
      continue;
    }
    literal += ch;
    c.pos++;
  }
  flush();
  return parts;
}

function escape(c: Cursor): string {
  const kind = c.peek(1);
  const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
  const mapped = simple[kind];
  if (mapped !== undefined) {
    c.pos += 2;
    return mapped;
  }
  const width = kind === 'u' ? 4 : kind === 'U' ? 8 : 0;
  const hex = c.src.slice(c.pos + 2, c.pos + 2 + width);
  if (width === 0 || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) {
    c.fail(`Invalid escape sequence: "\\${kind}" is not a valid escape; use \\n, \\r, \\t, \\", \\\\, \\uNNNN or \\UNNNNNNNN`);
  }
  c.pos += 2 + width;
  return String.fromCodePoint(parseInt(hex, 16));
}

function stripMarker(c: Cursor): boolean {
  c.skipSpace();
  if (c.peek() !== '~') return false;
  c.pos++;
  return true;
}

function closeMarker(c: Cursor, what: string): boolean {
  const strip = stripMarker(c);
  c.skipSpace();
  if (c.peek() !== '}') c.fail(`Expected "}" to close the ${what}, found ${c.describeHere()}`);
  c.pos++;
  return strip;
}

function scanInterpolation(c: Cursor, g: ExprGrammar): Flat {
  const stripBefore = stripMarker(c);
  const expr = inBrackets(c, () => g.expr(c));
  const stripAfter = closeMarker(c, 'interpolation');
  return { kind: 'interpolation', expr, stripBefore, stripAfter };
}

function scanDirective(c: Cursor, g: ExprGrammar): Flat {
  const stripBefore = stripMarker(c);
  c.skipSpace();
  const word = c.ident();
  let directive: Directive;
  if (word === 'if') {
    directive = { word, condition: inBrackets(c, () => g.expr(c)) };
  } else if (word === 'for') {
    c.skipSpace();
    const first = c.ident() ?? c.fail('Expected a variable name after "for" in a template directive');
    let keyVar: string | undefined;
    let valueVar = first;
    if (c.eat(',')) {
      c.skipSpace();
      keyVar = first;
      valueVar = c.ident() ?? c.fail('Expected a value variable name after the comma');
    }
    c.skipSpace();
    if (!c.peekWord('in')) c.fail('Expected "in" in the template for directive');
    c.pos += 2;
    directive = { word, keyVar, valueVar, collection: inBrackets(c, () => g.expr(c)) };
  } else if (word === 'else' || word === 'endif' || word === 'endfor') {
    directive = { word };
  } else {
    c.fail(`Invalid template directive: expected if, else, endif, for or endfor after "%{", found ${word ?? c.describeHere()}`);
  }
  const stripAfter = closeMarker(c, 'template directive');
  return { kind: 'directive', word, stripBefore, stripAfter, directive };
}
