import type { TfValue } from '../types.js';

/**
 * The syntax tree of Terraform's expression and template language
 * (https://developer.hashicorp.com/terraform/language/expressions). Built once per expression
 * at load time and evaluated per module instance / resource instance.
 */
export type Expr =
  | { kind: 'literal'; value: TfValue }
  /** A root name and the traversal steps after it: var.x, aws_x.y[0].id, each.value. */
  | { kind: 'scope'; root: string; steps: Step[] }
  /** Traversal steps after a non-name expression: f(x)[0], (local.a).b. */
  | { kind: 'traverse'; target: Expr; steps: Step[] }
  /** `source[*].a.b` or legacy `source.*.a`: `steps` are applied to every element. */
  | { kind: 'splat'; source: Expr; steps: Step[] }
  | { kind: 'call'; name: string; args: Expr[]; expandLast: boolean }
  | { kind: 'unary'; op: UnaryOp; operand: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'conditional'; condition: Expr; then: Expr; else: Expr }
  | { kind: 'tuple'; items: Expr[] }
  | { kind: 'object'; items: ObjectItem[] }
  | ForExpr
  | { kind: 'template'; parts: TemplatePart[] }
  /** Nested blocks of a resource/module body (hcl2json renders them as arrays of objects). */
  | { kind: 'blocks'; bodies: Body[] };

export type Step = { kind: 'attr'; name: string } | { kind: 'index'; key: Expr };

export const unaryOps = ['!', '-'] as const;
export type UnaryOp = (typeof unaryOps)[number];

export const binaryOps = ['||', '&&', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%'] as const;
export type BinaryOp = (typeof binaryOps)[number];

export interface ObjectItem {
  key: Expr;
  value: Expr;
}

export interface ForExpr {
  kind: 'for';
  keyVar: string | undefined;
  valueVar: string;
  collection: Expr;
  /** Present for `{for ...: k => v}`; absent for `[for ...: v]`. */
  keyExpr: Expr | undefined;
  valueExpr: Expr;
  condition: Expr | undefined;
  /** `v...`: group values with the same key into lists. */
  group: boolean;
}

export type TemplatePart =
  | { kind: 'literal'; value: string }
  | { kind: 'interpolation'; expr: Expr }
  | { kind: 'if'; condition: Expr; then: TemplatePart[]; else: TemplatePart[] }
  | { kind: 'for'; keyVar: string | undefined; valueVar: string; collection: Expr; body: TemplatePart[] };

/**
 * A block body: arguments and nested blocks, plus `dynamic` blocks to expand. Locations are kept
 * per argument so an error points at its line.
 */
export interface Body {
  line: number;
  file: string;
  items: BodyItem[];
  dynamics: DynamicBlock[];
}

export interface BodyItem {
  name: string;
  value: Expr;
  line: number;
}

export interface DynamicBlock {
  type: string;
  forEach: Expr;
  iterator: string;
  content: Body;
  line: number;
  forEachLine: number;
}
