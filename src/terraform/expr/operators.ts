import { ExprError } from '../terraform-error.js';
import type { TfValue } from '../types.js';
import type { BinaryOp, UnaryOp } from './ast.js';
import { equals, toBool, toNum } from './values.js';

/** https://developer.hashicorp.com/terraform/language/expressions/operators */
export function unary(op: UnaryOp, value: TfValue): TfValue {
  if (op === '!') return !toBool(value, 'operand of "!"');
  return -toNum(value, 'operand of unary "-"');
}

/**
 * Operands are thunks so that && and || can stop early: `var.x != null && var.x.a` then works,
 * as it does in current Terraform.
 */
export function binary(op: BinaryOp, left: () => TfValue, right: () => TfValue): TfValue {
  switch (op) {
    case '==':
      return equals(left(), right());
    case '!=':
      return !equals(left(), right());
    case '&&':
      return toBool(left(), 'operand of "&&"') && toBool(right(), 'operand of "&&"');
    case '||':
      return toBool(left(), 'operand of "||"') || toBool(right(), 'operand of "||"');
    default:
      return arithmetic(op, toNum(left(), `operand of "${op}"`), toNum(right(), `operand of "${op}"`));
  }
}

function arithmetic(op: BinaryOp, a: number, b: number): TfValue {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) throw new ExprError('Division by zero: the right-hand operand of "/" is zero');
      return a / b;
    case '%':
      if (b === 0) throw new ExprError('Division by zero: the right-hand operand of "%" is zero');
      return a % b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}
