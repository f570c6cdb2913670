import type { ApiModel } from '../../model/index.js';
import type { OperationContext } from '../context.js';
import { Input } from '../input.js';
import { label, paginate, requireModel, requireWebSocketApi, type Page } from '../lookups.js';
import { badRequest, conflict } from '../service-errors.js';
import { modelTemplate, parseModelSchema } from './model-template.js';

/**
 * Models of WebSocket APIs: JSON schemas (draft 4) that routes and route responses name in
 * requestModels/responseModels (model docs of Model; AWS "Request validation for WebSocket APIs").
 * Names are alphanumeric, 1..128 (the provider's own check, TF model.go); schemas up to 32 KB.
 */
const NAME = /^[A-Za-z0-9]{1,128}$/;

function readName(input: Input): string | undefined {
  const name = input.string('name');
  if (name !== undefined && !NAME.test(name)) throw badRequest(`Invalid model name "${name}": use 1 to 128 letters and digits.`);
  return name;
}

function readSchema(input: Input): string | undefined {
  const schema = input.string('schema', { max: 32_768 });
  if (schema !== undefined) parseModelSchema(schema);
  return schema;
}

function checkUniqueName(ctx: OperationContext, apiId: string, model: ApiModel): void {
  const other = ctx.store.list('models', apiId).find((m) => m.name === model.name && m.modelId !== model.modelId);
  if (other) throw conflict(`Model name already exists for this API: ${model.name} (${other.modelId}).`);
}

function applyMembers(model: ApiModel, input: Input): void {
  for (const [member, max] of [
    ['contentType', 256],
    ['description', 1024],
  ] as const) {
    const value = input.string(member, { max });
    if (value === '') delete model[member];
    else if (value !== undefined) model[member] = value;
  }
}

export function createModel(ctx: OperationContext, request: unknown): ApiModel {
  const input = new Input(request);
  const api = requireWebSocketApi(ctx, label(input, 'apiId'), 'CreateModel');
  const model: ApiModel = {
    modelId: ctx.newId('model'),
    name: input.required('name', readName(input)),
    schema: input.required('schema', readSchema(input)),
  };
  applyMembers(model, input);
  checkUniqueName(ctx, api.apiId, model);
  ctx.store.put('models', api.apiId, model.modelId, model);
  ctx.apiChanged(api.apiId);
  return model;
}

export function getModel(ctx: OperationContext, request: unknown): ApiModel {
  const input = new Input(request);
  const api = requireWebSocketApi(ctx, label(input, 'apiId'), 'GetModel');
  return requireModel(ctx, api.apiId, label(input, 'modelId'));
}

export function getModels(ctx: OperationContext, request: unknown): Page<ApiModel> {
  const input = new Input(request);
  const api = requireWebSocketApi(ctx, label(input, 'apiId'), 'GetModels');
  return paginate(ctx.store.list('models', api.apiId), input);
}

export function updateModel(ctx: OperationContext, request: unknown): ApiModel {
  const input = new Input(request);
  const api = requireWebSocketApi(ctx, label(input, 'apiId'), 'UpdateModel');
  const model = requireModel(ctx, api.apiId, label(input, 'modelId'));
  const name = readName(input);
  if (name !== undefined && name !== model.name) {
    const user = modelUser(ctx, api.apiId, model.name);
    if (user) throw conflict(`Cannot rename model ${model.name}: ${user} refers to it by name.`);
    model.name = name;
  }
  const schema = readSchema(input);
  if (schema !== undefined) model.schema = schema;
  applyMembers(model, input);
  checkUniqueName(ctx, api.apiId, model);
  ctx.store.put('models', api.apiId, model.modelId, model);
  ctx.apiChanged(api.apiId);
  return model;
}

/** A model that routes or route responses name cannot go (REST APIs answer the same way). */
export function deleteModel(ctx: OperationContext, request: unknown): void {
  const input = new Input(request);
  const api = requireWebSocketApi(ctx, label(input, 'apiId'), 'DeleteModel');
  const model = requireModel(ctx, api.apiId, label(input, 'modelId'));
  const user = modelUser(ctx, api.apiId, model.name);
  if (user) throw conflict(`Cannot delete model ${model.name}: ${user} refers to it. Remove it from there first.`);
  ctx.store.delete('models', api.apiId, model.modelId);
  ctx.apiChanged(api.apiId);
}

/** GetModelTemplate: a mapping template that renders the model's shape (`{"value": …}`). */
export function getModelTemplate(ctx: OperationContext, request: unknown): { value: string } {
  const input = new Input(request);
  const api = requireWebSocketApi(ctx, label(input, 'apiId'), 'GetModelTemplate');
  const model = requireModel(ctx, api.apiId, label(input, 'modelId'));
  return { value: modelTemplate(parseModelSchema(model.schema ?? '{}')) };
}

function modelUser(ctx: OperationContext, apiId: string, name: string): string | undefined {
  for (const route of ctx.store.list('routes', apiId)) {
    if (Object.values(route.requestModels ?? {}).includes(name)) return `route ${route.routeId} (${route.routeKey})`;
    for (const response of ctx.store.list('routeResponses', `${apiId}/${route.routeId}`))
      if (Object.values(response.responseModels ?? {}).includes(name))
        return `route response ${response.routeResponseId} of route ${route.routeId}`;
  }
  return undefined;
}
