import type { Integration, IntegrationResponse } from '../../model/index.js';
import { compileIntegrationResponses, type IntegrationResponseSelector } from '../templates/integration-response-selection.js';
import { compileMappingTemplate, type MappingTemplatePlan } from '../templates/mapping-template.js';
import { compileSelectionExpression, type SelectionExpression } from '../templates/selection-expression.js';
import { PASSTHROUGH_BEHAVIORS, type PassthroughBehavior } from '../templates/template-selection.js';

/** An integration response with its templates compiled. */
export interface CompiledIntegrationResponse {
  readonly integrationResponseKey: string;
  readonly templates: Readonly<Record<string, MappingTemplatePlan>>;
  readonly templateSelection: SelectionExpression | undefined;
}

/**
 * What a non-proxy WebSocket integration needs besides its target, compiled once per deployment
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-data-transformations.html):
 * request templates and how one is chosen, and the integration responses (templates/ does the work).
 */
export interface TemplatePlan {
  readonly requestTemplates: Readonly<Record<string, MappingTemplatePlan>>;
  readonly templateSelection: SelectionExpression | undefined;
  readonly passthroughBehavior: PassthroughBehavior | undefined;
  readonly responses: IntegrationResponseSelector<CompiledIntegrationResponse> | undefined;
  /** `integrationResponseSelectionExpression`: the status code unless it says otherwise. */
  readonly responseSelection: SelectionExpression | undefined;
}

function templates(source: Readonly<Record<string, string>> | undefined, what: string): Record<string, MappingTemplatePlan> | string {
  const out: Record<string, MappingTemplatePlan> = {};
  for (const [key, text] of Object.entries(source ?? {})) {
    const compiled = compileMappingTemplate(text);
    if (compiled.kind === 'compile-error') return `${what} "${key}": ${compiled.error} (line ${compiled.line}, column ${compiled.column})`;
    out[key] = compiled;
  }
  return out;
}

function expression(
  source: string | undefined,
  use: Parameters<typeof compileSelectionExpression>[1],
): SelectionExpression | undefined | string {
  if (source === undefined || source === '') return undefined;
  const compiled = compileSelectionExpression(source, use);
  return typeof compiled === 'string' ? `selection expression "${source}": ${compiled}` : compiled;
}

/** Compile an integration's templates and responses; a string says why they cannot be served. */
export function compileTemplatePlan(integration: Integration, responses: readonly IntegrationResponse[]): TemplatePlan | string {
  const requestTemplates = templates(integration.requestTemplates, 'request template');
  if (typeof requestTemplates === 'string') return requestTemplates;
  const templateSelection = expression(integration.templateSelectionExpression, 'request-template');
  if (typeof templateSelection === 'string') return templateSelection;
  const responseSelection = expression(integration.integrationResponseSelectionExpression, 'integration-response');
  if (typeof responseSelection === 'string') return responseSelection;
  const compiledResponses: CompiledIntegrationResponse[] = [];
  for (const response of responses) {
    const responseTemplates = templates(response.responseTemplates, `integration response ${response.integrationResponseKey} template`);
    if (typeof responseTemplates === 'string') return responseTemplates;
    const selection = expression(response.templateSelectionExpression, 'response-template');
    if (typeof selection === 'string') return selection;
    compiledResponses.push({
      integrationResponseKey: response.integrationResponseKey,
      templates: responseTemplates,
      templateSelection: selection,
    });
  }
  const selector = compiledResponses.length === 0 ? undefined : compileIntegrationResponses(compiledResponses);
  if (typeof selector === 'string') return selector;
  const behavior = integration.passthroughBehavior;
  return {
    requestTemplates,
    templateSelection,
    passthroughBehavior: (PASSTHROUGH_BEHAVIORS as readonly string[]).includes(behavior ?? '')
      ? (behavior as PassthroughBehavior)
      : undefined,
    responses: selector,
    responseSelection,
  };
}
