import { type Api, parseSelectionExpression, type Route, webSocketRouteKeyProblem } from '../../model/index.js';
import type { OperationContext } from '../context.js';
import { routeHolding } from '../route-key-index.js';
import { badRequest, conflict } from '../service-errors.js';

/**
 * Route rules of WebSocket APIs (AWS "Create routes for WebSocket APIs", "Set up route request
 * for WebSocket APIs", model docs of Route): predefined and custom route keys, authorization NONE
 * | AWS_IAM | CUSTOM, and the members only WebSocket routes have.
 */
export function checkWebSocketRoute(ctx: OperationContext, api: Api, route: Route): void {
  const problem = webSocketRouteKeyProblem(route.routeKey);
  if (problem) throw badRequest(problem);
  const other = routeHolding(ctx.store, api.apiId, route.routeKey, route.routeId, 'WEBSOCKET');
  if (other) throw conflict(`Route with key ${other.routeKey} already exists for this API (${other.routeId}).`);
  // JWT authorizers exist only on HTTP APIs (model doc of AuthorizationType).
  if (route.authorizationType === 'JWT')
    throw badRequest('authorizationType JWT is supported only for HTTP APIs; WebSocket routes use NONE, AWS_IAM or CUSTOM.');
  for (const member of ['modelSelectionExpression', 'routeResponseSelectionExpression'] as const) {
    const value = route[member];
    if (value === undefined) continue;
    const parsed = parseSelectionExpression(value);
    if (!parsed.ok) throw badRequest(`Invalid ${member} "${value}": ${parsed.problem}.`);
  }
  checkRequestModels(ctx, api, route);
  for (const key of Object.keys(route.requestParameters ?? {}))
    if (!REQUEST_PARAMETER_KEY.test(key))
      throw badRequest(
        `Invalid request parameter key "${key}": use route.request.header.{name} or route.request.querystring.{name}, ` +
          'for example route.request.querystring.token.',
      );
}

/** Route request parameters (terraform-provider-aws route_test.go: route.request.header.authorization, route.request.querystring.authToken). */
const REQUEST_PARAMETER_KEY = /^route\.request\.(header|querystring)\.[a-zA-Z0-9._$-]+$/;

/** requestModels map a content type (or any selection key) to the name of a model of the API. */
function checkRequestModels(ctx: OperationContext, api: Api, route: Route): void {
  const names = Object.values(route.requestModels ?? {});
  if (names.length === 0) return;
  const models = new Set(ctx.store.list('models', api.apiId).map((model) => model.name));
  for (const name of names)
    if (!models.has(name)) throw badRequest(`Invalid model name "${name}" in requestModels: API ${api.apiId} has no model of that name.`);
}
