import {
  type Api,
  CONTENT_HANDLING_STRATEGIES,
  type Integration,
  type IntegrationResponse,
  parseSelectionExpression,
} from '../../model/index.js';
import type { OperationContext } from '../context.js';
import { Input } from '../input.js';
import { label, paginate, requireIntegration, requireIntegrationResponse, requireWebSocketApi, type Page } from '../lookups.js';
import { badRequest, conflict } from '../service-errors.js';

/**
 * Integration responses of WebSocket APIs (AWS "Set up a WebSocket API integration response"):
 * the integration response selection expression's value picks one by key — `$default`, or a
 * pattern in slashes such as `/2\d\d/` ("WebSocket selection expressions": "the expression should
 * be wrapped with forward slashes"). Each may map the answer with response templates.
 */
interface Located {
  api: Api;
  integration: Integration;
  parent: string;
}

function locate(ctx: OperationContext, input: Input, operation: string): Located {
  const api = requireWebSocketApi(ctx, label(input, 'apiId'), operation);
  const integration = requireIntegration(ctx, api.apiId, label(input, 'integrationId'));
  return { api, integration, parent: `${api.apiId}/${integration.integrationId}` };
}

function checkKey(key: string): void {
  if (key === '$default') return;
  const pattern = /^\/(.+)\/$/s.exec(key);
  if (!pattern)
    throw badRequest(`Invalid integrationResponseKey "${key}": use $default or a pattern between slashes, such as /2\\d\\d/ or /4\\d\\d/.`);
  try {
    new RegExp(pattern[1] ?? '');
  } catch (error) {
    throw badRequest(`Invalid integrationResponseKey "${key}": the pattern is not a regular expression (${(error as Error).message}).`);
  }
}

function applyMembers(response: IntegrationResponse, input: Input): void {
  const key = input.string('integrationResponseKey', { min: 1 });
  if (key !== undefined) {
    checkKey(key);
    response.integrationResponseKey = key;
  }
  // "" removes an optional member: the provider sends it when the argument is removed.
  const strategy = input.string('contentHandlingStrategy');
  if (strategy === '') delete response.contentHandlingStrategy;
  else if (strategy !== undefined) {
    if (!(CONTENT_HANDLING_STRATEGIES as readonly string[]).includes(strategy))
      throw badRequest(
        `Invalid value "${strategy}" for contentHandlingStrategy: must be one of ${CONTENT_HANDLING_STRATEGIES.join(', ')}.`,
      );
    response.contentHandlingStrategy = strategy as IntegrationResponse['contentHandlingStrategy'];
  }
  const selection = input.string('templateSelectionExpression');
  if (selection === '') delete response.templateSelectionExpression;
  else if (selection !== undefined) {
    const parsed = parseSelectionExpression(selection);
    if (!parsed.ok) throw badRequest(`Invalid templateSelectionExpression "${selection}": ${parsed.problem}.`);
    response.templateSelectionExpression = selection;
  }
  // The whole map is sent (TF integration_response.go); {} removes every template.
  const templates = input.stringMap('responseTemplates');
  if (templates) {
    for (const [contentType, template] of Object.entries(templates))
      if (template.length > 32_768) throw badRequest(`The response template for "${contentType}" is longer than 32,768 characters.`);
    if (Object.keys(templates).length === 0) delete response.responseTemplates;
    else response.responseTemplates = templates;
  }
  const parameters = input.stringMap('responseParameters');
  if (parameters) {
    if (Object.keys(parameters).length === 0) delete response.responseParameters;
    else response.responseParameters = parameters;
  }
}

function checkUniqueKey(ctx: OperationContext, parent: string, response: IntegrationResponse): void {
  const other = ctx.store.list('integrationResponses', parent).find((r) => r.integrationResponseKey === response.integrationResponseKey);
  if (other && other.integrationResponseId !== response.integrationResponseId)
    throw conflict(
      `Integration response with key ${response.integrationResponseKey} already exists for this integration (${other.integrationResponseId}).`,
    );
}

export function createIntegrationResponse(ctx: OperationContext, request: unknown): IntegrationResponse {
  const input = new Input(request);
  const { api, parent } = locate(ctx, input, 'CreateIntegrationResponse');
  const key = input.required('integrationResponseKey', input.string('integrationResponseKey', { min: 1 }));
  const response: IntegrationResponse = { integrationResponseId: ctx.newId('integrationResponse'), integrationResponseKey: key };
  applyMembers(response, input);
  checkUniqueKey(ctx, parent, response);
  ctx.store.put('integrationResponses', parent, response.integrationResponseId, response);
  ctx.apiChanged(api.apiId);
  return response;
}

export function getIntegrationResponse(ctx: OperationContext, request: unknown): IntegrationResponse {
  const input = new Input(request);
  const { api, integration } = locate(ctx, input, 'GetIntegrationResponse');
  return requireIntegrationResponse(ctx, api.apiId, integration.integrationId, label(input, 'integrationResponseId'));
}

export function getIntegrationResponses(ctx: OperationContext, request: unknown): Page<IntegrationResponse> {
  const input = new Input(request);
  const { parent } = locate(ctx, input, 'GetIntegrationResponses');
  return paginate(ctx.store.list('integrationResponses', parent), input);
}

export function updateIntegrationResponse(ctx: OperationContext, request: unknown): IntegrationResponse {
  const input = new Input(request);
  const { api, integration, parent } = locate(ctx, input, 'UpdateIntegrationResponse');
  const response = requireIntegrationResponse(ctx, api.apiId, integration.integrationId, label(input, 'integrationResponseId'));
  applyMembers(response, input);
  checkUniqueKey(ctx, parent, response);
  ctx.store.put('integrationResponses', parent, response.integrationResponseId, response);
  ctx.apiChanged(api.apiId);
  return response;
}

export function deleteIntegrationResponse(ctx: OperationContext, request: unknown): void {
  const input = new Input(request);
  const { api, integration, parent } = locate(ctx, input, 'DeleteIntegrationResponse');
  const response = requireIntegrationResponse(ctx, api.apiId, integration.integrationId, label(input, 'integrationResponseId'));
  ctx.store.delete('integrationResponses', parent, response.integrationResponseId);
  ctx.apiChanged(api.apiId);
}
