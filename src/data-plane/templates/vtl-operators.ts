import type { BinaryOperator } from './vtl-ast.js';
import { toJsonText } from './json-write.js';
import { RenderFailure } from './render-state.js';
import { boundedString } from './string-methods.js';
import {
  JavaDouble,
  VtlList,
  isNumber,
  javaEquals,
  javaInteger,
  javaText,
  numericValue,
  sameJavaKind,
  type VtlValue,
} from './vtl-values.js';

/**
 * Velocity 1.7's operators (org.apache.velocity.runtime.parser.node.AST*Node), on template values.
 * Arithmetic keeps Java's number kinds: integers stay integers (`7 / 2` is 3; Velocity widens on
 * overflow, so they never wrap), a Double anywhere makes a Double; dividing by zero, or arithmetic on
 * something that is no number, gives null. `+` with a string on either side concatenates.
 */

/** `#if($x)`: null and false are false, everything else (an empty string too) is true (ASTReference.evaluate). */
export function truthy(v: VtlValue): boolean {
  return v !== null && v !== false;
}

export const text = (v: VtlValue): string => (v === null ? '' : javaText(v, toJsonText));

/** `==` (ASTEQNode): numbers by value, values of one kind by `equals`, anything else by `toString()`. */
export function equalsOp(a: VtlValue, b: VtlValue): boolean {
  if (a === null || b === null) return a === b;
  if (isNumber(a) && isNumber(b)) return numericValue(a) === numericValue(b);
  if (sameJavaKind(a, b)) return javaEquals(a, b);
  return text(a) === text(b);
}

/** `<`, `<=`, `>`, `>=`: numbers only; anything else is false (Velocity logs it). */
function compare(op: '<' | '<=' | '>' | '>=', a: VtlValue, b: VtlValue): boolean {
  if (!isNumber(a) || !isNumber(b)) return false;
  const x = numericValue(a);
  const y = numericValue(b);
  return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
}

function integerOp(op: '+' | '-' | '*' | '/' | '%', a: number | bigint, b: number | bigint): VtlValue {
  if ((op === '/' || op === '%') && (b === 0 || b === 0n)) return null;
  if (typeof a === 'number' && typeof b === 'number') {
    const r = op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? Math.trunc(a / b) : a % b;
    if (Number.isSafeInteger(r)) return r;
  }
  const x = BigInt(a);
  const y = BigInt(b);
  return javaInteger(op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : op === '/' ? x / y : x % y);
}

function arithmetic(op: '+' | '-' | '*' | '/' | '%', a: VtlValue, b: VtlValue): VtlValue {
  if (op === '+' && (typeof a === 'string' || typeof b === 'string')) return boundedString(text(a) + text(b));
  if (!isNumber(a) || !isNumber(b)) return null;
  if (!(a instanceof JavaDouble) && !(b instanceof JavaDouble)) return integerOp(op, a, b);
  const x = numericValue(a);
  const y = numericValue(b);
  if ((op === '/' || op === '%') && y === 0) return null;
  return new JavaDouble(op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : op === '/' ? x / y : x % y);
}

/** A binary operator on two evaluated operands (`&&` and `||` short-circuit in the compiler). */
export function binary(op: Exclude<BinaryOperator, '&&' | '||'>, a: VtlValue, b: VtlValue): VtlValue {
  switch (op) {
    case '==':
      return equalsOp(a, b);
    case '!=':
      return !equalsOp(a, b);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compare(op, a, b);
    default:
      return arithmetic(op, a, b);
  }
}

/** Ranges are lists Velocity builds in full; past this size a range fails rather than filling memory. */
export const MAX_RANGE = 100_000;

/** `[from..to]`: integers, ascending or descending, both ends included; null unless both ends are integers. */
export function range(from: VtlValue, to: VtlValue): VtlValue {
  if (typeof from !== 'number' || typeof to !== 'number') return null;
  const size = Math.abs(to - from) + 1;
  if (size > MAX_RANGE) throw new RenderFailure(`the range [${from}..${to}] has more than ${MAX_RANGE} items`);
  const step = from <= to ? 1 : -1;
  return new VtlList(
    Array.from({ length: size }, (_, i) => from + i * step),
    false,
  );
}
