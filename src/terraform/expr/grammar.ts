import type { Expr } from './ast.js';
import type { Cursor } from './cursor.js';

/**
 * The expression parser's entry points, as the collection and template parsers see them. Tuples,
 * objects, calls and templates contain expressions, and expressions contain them; parser.ts hands
 * its own entry points to those parsers instead of their importing it back, so the recursion runs
 * through this interface and not through an import cycle.
 */
export interface ExprGrammar {
  /** A whole expression, conditional included. */
  expr(c: Cursor): Expr;
  /**
   * An expression without a top-level conditional: an object key, or a for expression's collection,
   * where a following ":" belongs to the enclosing syntax.
   */
  operation(c: Cursor): Expr;
}
