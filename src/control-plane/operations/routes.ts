import { AUTHORIZATION_TYPES, type Api, integrationIdOfTarget, parseRouteKey, type Route, routeKeyIdentity } from '../../model/index.js';
import type { OperationContext } from '../context.js';
import { Input } from '../input.js';
import { label, paginate, requireApi, requireIntegration, requireRoute, type Page } from '../lookups.js';
import { badRequest, conflict, notFound } from '../service-errors.js';
import { indexRoute, routeHolding, unindexRoute } from '../route-key-index.js';
import { assertNotManaged } from './managed.js';
import { checkQuota, FIXED_QUOTAS, quota } from '../quotas.js';
import { checkWebSocketRoute } from './websocket-route-rules.js';

function applyMembers(route: Route, input: Input): void {
  const routeKey = input.string('routeKey', { min: 1, max: FIXED_QUOTAS.routeKeyCharacters });
  if (routeKey !== undefined) route.routeKey = routeKey;
  if (input.has('target')) {
    const target = input.string('target', { max: 128 }) ?? '';
    if (target === '') delete route.target;
    else route.target = target;
  }
  const authorizationType = input.string('authorizationType', { oneOf: AUTHORIZATION_TYPES });
  if (authorizationType !== undefined) route.authorizationType = authorizationType as Route['authorizationType'];
  const authorizerId = input.string('authorizerId');
  // "NONE" names no authorizer, as an authorizationType of NONE does (docs/compatibility.md, "Decided where AWS is silent").
  if (authorizerId === 'NONE') delete route.authorizerId;
  else if (authorizerId !== undefined) route.authorizerId = authorizerId;
  const scopes = input.stringList('authorizationScopes', { min: 1, max: 64 });
  if (scopes !== undefined) route.authorizationScopes = scopes;
  const apiKeyRequired = input.boolean('apiKeyRequired');
  if (apiKeyRequired !== undefined) route.apiKeyRequired = apiKeyRequired;
  // "" clears these: the provider sends it when the argument is removed (TF route_test.go simpleAttributes).
  for (const member of ['operationName', 'modelSelectionExpression', 'routeResponseSelectionExpression'] as const) {
    const value = input.string(member, member === 'operationName' ? { max: 64 } : {});
    if (value === '') delete route[member];
    else if (value !== undefined) route[member] = value;
  }
  // The whole map is sent (TF route.go); {} removes every model.
  const models = input.stringMap('requestModels');
  if (models) {
    if (Object.keys(models).length === 0) delete route.requestModels;
    else route.requestModels = models;
  }
  // Request parameters merge key by key: one goes away only through DeleteRouteRequestParameter,
  // which the provider calls for each removed block before UpdateRoute (TF route.go Update).
  const parameters = input.objectMap('requestParameters');
  if (parameters) {
    route.requestParameters = { ...route.requestParameters };
    for (const [key, constraints] of parameters) {
      const required = constraints.boolean('required');
      route.requestParameters[key] = required === undefined ? {} : { required };
    }
  }
  // Switching authorization off drops what only made sense with it.
  if (route.authorizationType === 'NONE' || route.authorizationType === 'AWS_IAM') {
    if (!input.has('authorizerId')) delete route.authorizerId;
    if (!input.has('authorizationScopes')) delete route.authorizationScopes;
  }
}

const WEBSOCKET_ONLY = ['modelSelectionExpression', 'routeResponseSelectionExpression', 'requestModels', 'requestParameters'] as const;

function checkTarget(ctx: OperationContext, api: Api, route: Route): void {
  if (route.target === undefined) return;
  const integrationId = integrationIdOfTarget(route.target);
  if (!integrationId) throw badRequest(`Invalid target "${route.target}": a route target has the form integrations/{integrationId}.`);
  requireIntegration(ctx, api.apiId, integrationId);
}

function checkRoute(ctx: OperationContext, api: Api, route: Route): void {
  if (api.protocolType === 'WEBSOCKET') {
    checkWebSocketRoute(ctx, api, route);
    checkTarget(ctx, api, route);
    checkAuthorization(ctx, api, route);
    return;
  }
  const parsed = parseRouteKey(route.routeKey);
  if (!parsed.ok) throw badRequest(parsed.problem);
  // One lookup in the route-key index, however many routes the API has.
  const other = routeHolding(ctx.store, api.apiId, routeKeyIdentity(parsed.value), route.routeId);
  if (other) throw conflict(`Route with key ${other.routeKey} already exists for this API (${other.routeId}).`);
  checkTarget(ctx, api, route);
  checkAuthorization(ctx, api, route);
  if (route.apiKeyRequired) throw badRequest('apiKeyRequired is supported only for WebSocket APIs; HTTP APIs have no API keys.');
  for (const member of WEBSOCKET_ONLY) {
    const value = route[member];
    if (value !== undefined && (typeof value === 'string' ? value !== '' : Object.keys(value).length > 0))
      throw badRequest(`${member} is supported only for WebSocket APIs.`);
  }
}

function checkAuthorization(ctx: OperationContext, api: Api, route: Route): void {
  const { authorizationType: type } = route;
  if (type === 'JWT' || type === 'CUSTOM') {
    if (!route.authorizerId) throw badRequest(`authorizerId is required when authorizationType is ${type}.`);
    const authorizer = ctx.store.get('authorizers', api.apiId, route.authorizerId);
    // An unknown authorizer and one of the wrong type get the same 400 on AWS. JWT: CreateRoute
    // on an HTTP API (https://github.com/anomalyco/sst/issues/4097), a REQUEST authorizer named
    // by a JWT route (https://github.com/serverless/serverless/issues/9018). CUSTOM: the text API
    // Gateway sends for REST API methods (https://github.com/aws/aws-cdk/issues/5618).
    if (authorizer?.authorizerType !== (type === 'JWT' ? 'JWT' : 'REQUEST'))
      throw badRequest(
        type === 'JWT'
          ? 'Invalid authorizer ID specified. Setting the authorization type to JWT requires a valid JWT authorizer.'
          : 'Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.',
      );
  } else if (route.authorizerId) {
    throw badRequest(`authorizerId is used only with authorizationType JWT or CUSTOM, not ${type}.`);
  }
  if (route.authorizationScopes?.length) {
    if (type !== 'JWT' || api.protocolType !== 'HTTP')
      throw badRequest('authorizationScopes are supported only with authorizationType JWT on HTTP APIs.');
    if (route.authorizationScopes.length > FIXED_QUOTAS.scopesPerRoute)
      throw badRequest(`A route can have at most ${FIXED_QUOTAS.scopesPerRoute} authorization scopes.`);
  }
}

export function createRoute(ctx: OperationContext, request: unknown, internal: { managed?: boolean } = {}): Route {
  const input = new Input(request);
  const api = requireApi(ctx, label(input, 'apiId'));
  if (!input.has('routeKey')) throw badRequest('Route key is required');
  checkQuota(ctx.store.count('routes', api.apiId), quota(ctx, 'routesPerApi'), 'Routes', 'API', 'routesPerApi');
  const route: Route = { routeId: ctx.newId('route'), routeKey: '', authorizationType: 'NONE', apiKeyRequired: false };
  applyMembers(route, input);
  if (internal.managed) route.apiGatewayManaged = true;
  checkRoute(ctx, api, route);
  ctx.store.put('routes', api.apiId, route.routeId, route);
  indexRoute(ctx.store, api.apiId, route, undefined, api.protocolType);
  ctx.apiChanged(api.apiId);
  return route;
}

export function getRoute(ctx: OperationContext, request: unknown): Route {
  const input = new Input(request);
  return requireRoute(ctx, label(input, 'apiId'), label(input, 'routeId'));
}

export function getRoutes(ctx: OperationContext, request: unknown): Page<Route> {
  const input = new Input(request);
  const api = requireApi(ctx, label(input, 'apiId'));
  return paginate(ctx.store.list('routes', api.apiId), input);
}

export function updateRoute(ctx: OperationContext, request: unknown): Route {
  const input = new Input(request);
  const api = requireApi(ctx, label(input, 'apiId'));
  const route = requireRoute(ctx, api.apiId, label(input, 'routeId'));
  assertNotManaged(route, 'route');
  const previousKey = route.routeKey;
  applyMembers(route, input);
  checkRoute(ctx, api, route);
  ctx.store.put('routes', api.apiId, route.routeId, route);
  indexRoute(ctx.store, api.apiId, route, previousKey, api.protocolType);
  ctx.apiChanged(api.apiId);
  return route;
}

export function deleteRoute(ctx: OperationContext, request: unknown): void {
  const input = new Input(request);
  const api = requireApi(ctx, label(input, 'apiId'));
  const route = requireRoute(ctx, api.apiId, label(input, 'routeId'));
  assertNotManaged(route, 'route');
  ctx.store.delete('routes', api.apiId, route.routeId);
  ctx.store.deleteAll('routeResponses', `${api.apiId}/${route.routeId}`);
  unindexRoute(ctx.store, api.apiId, route.routeId, route.routeKey, api.protocolType);
  ctx.apiChanged(api.apiId);
}

/**
 * Route request parameters exist only on WebSocket APIs (model doc). Terraform calls this when a
 * request_parameter block is removed and ignores NotFound, so HTTP routes answer 404 as well.
 */
export function deleteRouteRequestParameter(ctx: OperationContext, request: unknown): void {
  const input = new Input(request);
  const api = requireApi(ctx, label(input, 'apiId'));
  const route = requireRoute(ctx, api.apiId, label(input, 'routeId'));
  const key = label(input, 'requestParameterKey');
  if (!route.requestParameters?.[key])
    throw notFound(
      api.protocolType === 'WEBSOCKET'
        ? `Invalid request parameter key ${key}: route ${route.routeId} has no such request parameter.`
        : `Route ${route.routeId} has no request parameter ${key}; request parameters are supported only for WebSocket APIs.`,
    );
  delete route.requestParameters[key];
  if (Object.keys(route.requestParameters).length === 0) delete route.requestParameters;
  ctx.store.put('routes', api.apiId, route.routeId, route);
  ctx.apiChanged(api.apiId);
}
