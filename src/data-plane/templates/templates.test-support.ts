import {
  compileMappingTemplate,
  renderMappingTemplate,
  type ContextValue,
  type MappingTemplateCompileError,
  type MappingTemplateInputs,
  type MappingTemplatePlan,
} from './mapping-template.js';

/** What a test gives a rendering; `context` is a plain object of dotted names (`'authorizer.principalId'`). */
export interface TestInputs extends Partial<Omit<MappingTemplateInputs, 'context'>> {
  readonly context?: Readonly<Record<string, ContextValue>>;
}

export function compiled(template: string): MappingTemplatePlan {
  const plan = compileMappingTemplate(template);
  if (plan.kind === 'compile-error') throw new Error(`${plan.line}:${plan.column}: ${plan.error}`);
  return plan;
}

export function compileError(template: string): MappingTemplateCompileError {
  const plan = compileMappingTemplate(template);
  if (plan.kind !== 'compile-error') throw new Error(`expected a compile error for ${JSON.stringify(template)}`);
  return plan;
}

export function inputs(given: TestInputs = {}): MappingTemplateInputs {
  const context = given.context ?? {};
  return {
    body: given.body ?? '',
    context: (name) => (Object.hasOwn(context, name) ? context[name] : undefined),
    stageVariables: given.stageVariables,
    params: given.params,
  };
}

/** Compile and render; a rendering failure is returned as `Error: message` text so tables can show it. */
export function render(template: string, given: TestInputs = {}): string {
  const out = renderMappingTemplate(compiled(template), inputs(given));
  return typeof out === 'string' ? out : `Error: ${out.message}`;
}
