import type { Emit } from './compile-expression.js';
import { compileNodes } from './compile-template.js';
import { DEFAULT_RENDER_LIMITS, RenderFailure, RenderState, type MappingTemplateInputs, type RenderLimits } from './render-state.js';
import { TemplateSyntaxError, lineColumn } from './vtl-ast.js';
import { TemplateParser } from './vtl-parser.js';

export type { ContextValue, MappingTemplateInputs, RenderLimits, TemplateParams } from './render-state.js';
export { DEFAULT_RENDER_LIMITS } from './render-state.js';

/**
 * API Gateway mapping templates — the Velocity Template Language subset WebSocket APIs (and REST
 * APIs) use for request and response templates
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-data-transformations.html,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-mapping-template-reference.html).
 * A template is compiled once per deployment into a plan of closures (no `eval`, no `Function`);
 * rendering a message runs the plan. docs/compatibility.md ("Mapping templates") lists what is
 * supported; anything else is a compile error at its line and column.
 */
export interface MappingTemplatePlan {
  readonly kind: 'mapping-template';
  /** The template text, for diagnostics. */
  readonly source: string;
  readonly emit: Emit;
}

/** Why a template cannot be compiled, where (1-based). */
export interface MappingTemplateCompileError {
  readonly kind: 'compile-error';
  readonly error: string;
  readonly line: number;
  readonly column: number;
}

/** A rendering that failed (a Java exception or a limit on AWS): the integration call fails with an internal error. */
export class MappingTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MappingTemplateError';
  }
}

export function compileMappingTemplate(text: string): MappingTemplatePlan | MappingTemplateCompileError {
  try {
    const nodes = new TemplateParser(text, 0).parse();
    return { kind: 'mapping-template', source: text, emit: compileNodes(nodes) };
  } catch (error) {
    if (!(error instanceof TemplateSyntaxError)) throw error;
    return { kind: 'compile-error', error: error.message, ...lineColumn(text, error.at) };
  }
}

/** Render a compiled template for one message or response. */
export function renderMappingTemplate(
  plan: MappingTemplatePlan,
  inputs: MappingTemplateInputs,
  limits: RenderLimits = DEFAULT_RENDER_LIMITS,
): string | MappingTemplateError {
  const state = new RenderState(inputs, limits);
  try {
    plan.emit(state);
    return state.out;
  } catch (error) {
    if (error instanceof RenderFailure) return new MappingTemplateError(error.message);
    // A string past V8's maximum length or a stack overflow: the template's doing, not a crash.
    if (error instanceof RangeError) return new MappingTemplateError(`the template ran out of bounds: ${error.message}`);
    throw error;
  }
}
