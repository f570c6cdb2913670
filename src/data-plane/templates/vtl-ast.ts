/**
 * The parsed form of a mapping template (Velocity Template Language 1.7 as API Gateway runs it:
 * https://velocity.apache.org/engine/1.7/vtl-reference.html). `at` is an offset in the template
 * text, turned into line:column only for an error.
 */

/** `$root.name`, `.method(args)`, `[index]`, in order. */
export type Modifier =
  | { readonly kind: 'property'; readonly name: string; readonly at: number }
  | { readonly kind: 'method'; readonly name: string; readonly args: readonly Expr[]; readonly at: number }
  | { readonly kind: 'index'; readonly index: Expr; readonly at: number };

export interface Reference {
  readonly root: string;
  readonly modifiers: readonly Modifier[];
  readonly at: number;
}

export const BINARY_OPERATORS = ['||', '&&', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%'] as const;
export type BinaryOperator = (typeof BINARY_OPERATORS)[number];

export type Expr =
  | { readonly kind: 'string'; readonly value: string; readonly at: number }
  /** A double-quoted string with `$` or `#` in it: rendered as a template each time. */
  | { readonly kind: 'interpolated'; readonly parts: readonly Node[]; readonly at: number }
  | { readonly kind: 'integer'; readonly value: number | bigint; readonly at: number }
  | { readonly kind: 'double'; readonly value: number; readonly at: number }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly at: number }
  | { readonly kind: 'list'; readonly items: readonly Expr[]; readonly at: number }
  | { readonly kind: 'range'; readonly from: Expr; readonly to: Expr; readonly at: number }
  | { readonly kind: 'map'; readonly entries: readonly (readonly [Expr, Expr])[]; readonly at: number }
  | { readonly kind: 'reference'; readonly ref: Reference; readonly at: number }
  | { readonly kind: 'binary'; readonly op: BinaryOperator; readonly left: Expr; readonly right: Expr; readonly at: number }
  | { readonly kind: 'not'; readonly operand: Expr; readonly at: number };

export interface Branch {
  readonly condition: Expr;
  readonly body: readonly Node[];
}

export type Node =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'reference'; readonly ref: Reference }
  | { readonly kind: 'set'; readonly target: Reference; readonly value: Expr; readonly at: number }
  | { readonly kind: 'if'; readonly branches: readonly Branch[]; readonly otherwise: readonly Node[] | undefined; readonly at: number }
  | { readonly kind: 'foreach'; readonly variable: string; readonly iterable: Expr; readonly body: readonly Node[]; readonly at: number }
  | { readonly kind: 'break'; readonly at: number }
  | { readonly kind: 'stop'; readonly at: number };

/** A template that cannot be compiled: what is wrong, and where (an offset into the text it was found in). */
export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
    this.name = 'TemplateSyntaxError';
  }
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: at - lineStart + 1 };
}
