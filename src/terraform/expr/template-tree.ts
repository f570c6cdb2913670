import type { Expr, TemplatePart } from './ast.js';
import type { Cursor } from './cursor.js';

/** A template read left to right, before strip markers apply and directives nest. */
export type Flat =
  | { kind: 'literal'; value: string }
  | { kind: 'interpolation'; expr: Expr; stripBefore: boolean; stripAfter: boolean }
  | { kind: 'directive'; word: DirectiveWord; stripBefore: boolean; stripAfter: boolean; directive: Directive };

export type DirectiveWord = 'if' | 'else' | 'endif' | 'for' | 'endfor';
export type Directive =
  | { word: 'if'; condition: Expr }
  | { word: 'for'; keyVar: string | undefined; valueVar: string; collection: Expr }
  | { word: 'else' | 'endif' | 'endfor' };

/** Applies `~` strip markers to the neighbouring literals, then nests the directives. */
export function build(c: Cursor, flat: Flat[]): Expr {
  flat.forEach((part, i) => {
    if (part.kind === 'literal') return;
    const before = flat[i - 1];
    const after = flat[i + 1];
    if (part.stripBefore && before?.kind === 'literal') before.value = before.value.replace(/\s+$/u, '');
    if (part.stripAfter && after?.kind === 'literal') after.value = after.value.replace(/^\s+/u, '');
  });
  const state = { i: 0 };
  const parts = nest(c, flat, state, []);
  const only = parts[0];
  if (parts.length === 1 && only?.kind === 'interpolation') return only.expr;
  if (parts.length === 0) return { kind: 'literal', value: '' };
  if (parts.every((p) => p.kind === 'literal'))
    return { kind: 'literal', value: parts.map((p) => (p.kind === 'literal' ? p.value : '')).join('') };
  return { kind: 'template', parts };
}

function nest(c: Cursor, flat: Flat[], state: { i: number }, until: DirectiveWord[]): TemplatePart[] {
  const out: TemplatePart[] = [];
  while (state.i < flat.length) {
    const part = flat[state.i] as Flat;
    if (part.kind === 'literal') {
      state.i++;
      if (part.value !== '') out.push({ kind: 'literal', value: part.value });
      continue;
    }
    if (part.kind === 'interpolation') {
      state.i++;
      out.push({ kind: 'interpolation', expr: part.expr });
      continue;
    }
    const d = part.directive;
    if (until.includes(d.word)) return out;
    state.i++;
    if (d.word === 'if') {
      const then = nest(c, flat, state, ['else', 'endif']);
      let otherwise: TemplatePart[] = [];
      if (wordAt(flat, state.i) === 'else') {
        state.i++;
        otherwise = nest(c, flat, state, ['endif']);
      }
      if (wordAt(flat, state.i) !== 'endif') c.fail('Unterminated template directive: %{if} needs a matching %{endif}');
      state.i++;
      out.push({ kind: 'if', condition: d.condition, then, else: otherwise });
    } else if (d.word === 'for') {
      const body = nest(c, flat, state, ['endfor']);
      if (wordAt(flat, state.i) !== 'endfor') c.fail('Unterminated template directive: %{for} needs a matching %{endfor}');
      state.i++;
      out.push({ kind: 'for', keyVar: d.keyVar, valueVar: d.valueVar, collection: d.collection, body });
    } else {
      c.fail(`Unexpected %{${d.word}}: it has no matching %{${d.word === 'endfor' ? 'for' : 'if'}}`);
    }
  }
  if (until.length > 0) c.fail(`Unterminated template directive: expected %{${until[until.length - 1] ?? ''}}`);
  return out;
}

function wordAt(flat: Flat[], i: number): DirectiveWord | undefined {
  const part = flat[i];
  return part?.kind === 'directive' ? part.word : undefined;
}
