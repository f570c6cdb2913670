import type { SourceLocation } from './types.js';

/**
 * Every problem with the user's configuration is one of these: it names the file and line, and its
 * message reads "file:line: what was wrong and what was expected", ready to print as-is.
 */
export class TerraformError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column?: number;
  /** The message without the "file:line: " prefix. */
  readonly detail: string;

  constructor(location: SourceLocation, detail: string) {
    super(`${formatLocation(location)}${detail}`);
    this.name = 'TerraformError';
    this.file = location.file;
    this.line = location.line;
    if (location.column !== undefined) this.column = location.column;
    this.detail = detail;
  }
}

function formatLocation(location: SourceLocation): string {
  if (location.file === '') return '';
  return location.line > 0 ? `${location.file}:${location.line}: ` : `${location.file}: `;
}

/**
 * A problem found while evaluating one expression, before we know where the expression is.
 * The caller that knows the location turns it into a TerraformError. `try()` and `can()` catch
 * these unless `fatal` is set: Terraform reports undeclared references and unknown functions
 * even inside try(), because they are wrong whatever the values are.
 */
export class ExprError extends Error {
  readonly fatal: boolean;
  constructor(message: string, fatal = false) {
    super(message);
    this.name = 'ExprError';
    this.fatal = fatal;
  }
}

/** Attach a location to an ExprError; anything else passes through unchanged. */
export function locate(error: unknown, location: SourceLocation): unknown {
  return error instanceof ExprError ? new TerraformError(location, error.message) : error;
}
