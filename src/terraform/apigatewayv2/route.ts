import { stableId } from '../../model/index.js';
import { type Arguments, blocks, copy, type Request, removedKeys, text } from './arguments.js';
import { found, removeQuietly } from './exists.js';
import type { ResourceKind } from './kind.js';

function routeRequest(args: Arguments): Request {
  // The provider always sends these two defaults and expects them back (TF route.go).
  const request: Request = {
    apiKeyRequired: args['api_key_required'] === true,
    authorizationType: text(args, 'authorization_type') ?? 'NONE',
  };
  copy(request, args, {
    route_key: 'routeKey',
    target: 'target',
    authorizer_id: 'authorizerId',
    authorization_scopes: 'authorizationScopes',
    model_selection_expression: 'modelSelectionExpression',
    operation_name: 'operationName',
    request_models: 'requestModels',
    route_response_selection_expression: 'routeResponseSelectionExpression',
  });
  const parameters = blocks(args, 'request_parameter');
  if (parameters.length > 0)
    request['requestParameters'] = Object.fromEntries(
      parameters.map((p) => [String(p['request_parameter_key']), { required: p['required'] === true }]),
    );
  return request;
}

const MEMBERS: [RegExp, string][] = [
  [/requestModels/, 'request_models'],
  [/request parameter/i, 'request_parameter'],
  [/modelSelectionExpression/, 'model_selection_expression'],
  [/routeResponseSelectionExpression/, 'route_response_selection_expression'],
  [/route key|routeKey|Route with key/i, 'route_key'],
  [/target|Integration identifier/i, 'target'],
  [/authorizationScopes|scopes/i, 'authorization_scopes'],
  [/authorizerId|authorizer ID|Authorizer identifier/, 'authorizer_id'],
  [/authorizationType/, 'authorization_type'],
  [/apiKeyRequired/, 'api_key_required'],
];

export const routeKind: ResourceKind = {
  type: 'aws_apigatewayv2_route',
  deleteRank: 5,
  ids: (instance, previous) => ({
    apiId: text(instance.attributes, 'api_id') ?? '',
    routeId: previous?.ids['routeId'] ?? stableId('route', instance.address),
  }),
  computed: (instance, ids) => ({
    id: ids['routeId'] ?? '',
    authorization_type: text(instance.attributes, 'authorization_type') ?? 'NONE',
    api_key_required: instance.attributes['api_key_required'] === true,
  }),
  apply: (instance, ids, ctx, previous) => {
    const { cp } = ctx;
    const apiId = ids['apiId'] ?? '';
    const routeId = ids['routeId'] ?? '';
    const request = routeRequest(instance.attributes);
    const current = previous?.ids['apiId'] === apiId || !previous ? found(() => cp.run('GetRoute', { apiId, routeId })) : undefined;
    if (!current) {
      cp.run('CreateRoute', { ...request, apiId }, { id: routeId });
      return;
    }
    if (current.target && request['target'] === undefined) request['target'] = '';
    if (current.authorizationScopes?.length && request['authorizationScopes'] === undefined) request['authorizationScopes'] = [];
    // What the configuration no longer sets is cleared, as the provider does: "" for a string,
    // {} for request_models, and DeleteRouteRequestParameter for each removed block (TF route.go Update).
    for (const member of ['modelSelectionExpression', 'routeResponseSelectionExpression', 'operationName'] as const)
      if (current[member] !== undefined && request[member] === undefined) request[member] = '';
    if (current.requestModels && request['requestModels'] === undefined) request['requestModels'] = {};
    const parameters = request['requestParameters'] as Record<string, unknown> | undefined;
    for (const key of removedKeys(current.requestParameters, parameters))
      removeQuietly(() => cp.run('DeleteRouteRequestParameter', { apiId, routeId, requestParameterKey: key }));
    cp.run('UpdateRoute', { ...request, apiId, routeId });
  },
  remove: (record, ctx) => removeQuietly(() => ctx.cp.run('DeleteRoute', { apiId: record.ids['apiId'], routeId: record.ids['routeId'] })),
  argumentOf: (message) => MEMBERS.find(([pattern]) => pattern.test(message))?.[1],
};
