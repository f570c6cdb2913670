import { type Api, parseSelectionExpression, type Route, type RouteResponse } from '../../model/index.js';
import type { OperationContext } from '../context.js';
import { Input } from '../input.js';
import { label, paginate, requireRoute, requireRouteResponse, requireWebSocketApi, type Page } from '../lookups.js';
import { badRequest, conflict } from '../service-errors.js';

/**
 * Route responses make a WebSocket route two-way (AWS "Set up a WebSocket API route response"):
 * the integration's answer goes back to the client. The route response selection expression
 * chooses one by key, and "currently only the $default key is supported" (AWS "WebSocket
 * selection expressions", Route response selection expressions).
 */
const ONLY_KEY = '$default';

interface Located {
  api: Api;
  route: Route;
  parent: string;
}

function locate(ctx: OperationContext, input: Input, operation: string): Located {
  const api = requireWebSocketApi(ctx, label(input, 'apiId'), operation);
  const route = requireRoute(ctx, api.apiId, label(input, 'routeId'));
  return { api, route, parent: `${api.apiId}/${route.routeId}` };
}

function applyMembers(ctx: OperationContext, api: Api, response: RouteResponse, input: Input): void {
  const key = input.string('routeResponseKey', { min: 1 });
  if (key !== undefined) {
    if (key !== ONLY_KEY)
      throw badRequest(`Invalid routeResponseKey "${key}": currently only ${ONLY_KEY} is supported as a route response key.`);
    response.routeResponseKey = key;
  }
  const selection = input.string('modelSelectionExpression');
  if (selection === '') delete response.modelSelectionExpression;
  else if (selection !== undefined) {
    const parsed = parseSelectionExpression(selection);
    if (!parsed.ok) throw badRequest(`Invalid modelSelectionExpression "${selection}": ${parsed.problem}.`);
    response.modelSelectionExpression = selection;
  }
  // The whole map is sent (TF route_response.go); {} removes every model.
  const models = input.stringMap('responseModels');
  if (models) {
    const names = new Set(ctx.store.list('models', api.apiId).map((model) => model.name));
    for (const name of Object.values(models))
      if (!names.has(name)) throw badRequest(`Invalid model name "${name}" in responseModels: API ${api.apiId} has no model of that name.`);
    if (Object.keys(models).length === 0) delete response.responseModels;
    else response.responseModels = models;
  }
  const parameters = input.objectMap('responseParameters');
  if (parameters) {
    response.responseParameters = {};
    for (const [name, constraints] of parameters) {
      const required = constraints.boolean('required');
      response.responseParameters[name] = required === undefined ? {} : { required };
    }
  }
}

function checkUniqueKey(ctx: OperationContext, parent: string, response: RouteResponse): void {
  const other = ctx.store.list('routeResponses', parent).find((r) => r.routeResponseKey === response.routeResponseKey);
  if (other && other.routeResponseId !== response.routeResponseId)
    throw conflict(`Route response with key ${response.routeResponseKey} already exists for this route (${other.routeResponseId}).`);
}

export function createRouteResponse(ctx: OperationContext, request: unknown): RouteResponse {
  const input = new Input(request);
  const { api, parent } = locate(ctx, input, 'CreateRouteResponse');
  input.required('routeResponseKey', input.string('routeResponseKey', { min: 1 }));
  const response: RouteResponse = { routeResponseId: ctx.newId('routeResponse'), routeResponseKey: ONLY_KEY };
  applyMembers(ctx, api, response, input);
  checkUniqueKey(ctx, parent, response);
  ctx.store.put('routeResponses', parent, response.routeResponseId, response);
  ctx.apiChanged(api.apiId);
  return response;
}

export function getRouteResponse(ctx: OperationContext, request: unknown): RouteResponse {
  const input = new Input(request);
  const { api, route } = locate(ctx, input, 'GetRouteResponse');
  return requireRouteResponse(ctx, api.apiId, route.routeId, label(input, 'routeResponseId'));
}

export function getRouteResponses(ctx: OperationContext, request: unknown): Page<RouteResponse> {
  const input = new Input(request);
  const { parent } = locate(ctx, input, 'GetRouteResponses');
  return paginate(ctx.store.list('routeResponses', parent), input);
}

export function updateRouteResponse(ctx: OperationContext, request: unknown): RouteResponse {
  const input = new Input(request);
  const { api, route, parent } = locate(ctx, input, 'UpdateRouteResponse');
  const response = requireRouteResponse(ctx, api.apiId, route.routeId, label(input, 'routeResponseId'));
  applyMembers(ctx, api, response, input);
  checkUniqueKey(ctx, parent, response);
  ctx.store.put('routeResponses', parent, response.routeResponseId, response);
  ctx.apiChanged(api.apiId);
  return response;
}

export function deleteRouteResponse(ctx: OperationContext, request: unknown): void {
  const input = new Input(request);
  const { api, route, parent } = locate(ctx, input, 'DeleteRouteResponse');
  const response = requireRouteResponse(ctx, api.apiId, route.routeId, label(input, 'routeResponseId'));
  ctx.store.delete('routeResponses', parent, response.routeResponseId);
  ctx.apiChanged(api.apiId);
}
