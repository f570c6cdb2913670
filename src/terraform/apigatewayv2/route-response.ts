import { stableId } from '../../model/index.js';
import { copy, type Request, stringMap, text } from './arguments.js';
import { found, removeQuietly } from './exists.js';
import type { ResourceKind } from './kind.js';

/** aws_apigatewayv2_route_response: the Create/Get/Update/DeleteRouteResponse calls of TF route_response.go. */
const MEMBERS: [RegExp, string][] = [
  [/routeResponseKey|Route response with key/, 'route_response_key'],
  [/responseModels/, 'response_models'],
  [/modelSelectionExpression/, 'model_selection_expression'],
  [/Route identifier/, 'route_id'],
];

export const routeResponseKind: ResourceKind = {
  type: 'aws_apigatewayv2_route_response',
  deleteRank: 6,
  ids: (instance, previous) => ({
    apiId: text(instance.attributes, 'api_id') ?? '',
    routeId: text(instance.attributes, 'route_id') ?? '',
    routeResponseId: previous?.ids['routeResponseId'] ?? stableId('routeResponse', instance.address),
  }),
  computed: (_instance, ids) => ({ id: ids['routeResponseId'] ?? '' }),
  apply: (instance, ids, ctx, previous) => {
    const { cp } = ctx;
    const args = instance.attributes;
    const { apiId = '', routeId = '', routeResponseId = '' } = ids;
    // api_id and route_id force a new route response.
    if (previous && (previous.ids['apiId'] !== apiId || previous.ids['routeId'] !== routeId))
      removeQuietly(() => cp.run('DeleteRouteResponse', previous.ids));
    const request: Request = { apiId, routeId };
    copy(request, args, { route_response_key: 'routeResponseKey', model_selection_expression: 'modelSelectionExpression' });
    const models = stringMap(args, 'response_models');
    const current = found(() => cp.run('GetRouteResponse', { apiId, routeId, routeResponseId }));
    if (!current) {
      cp.run('CreateRouteResponse', { ...request, responseModels: models }, { id: routeResponseId });
      return;
    }
    if (current.modelSelectionExpression !== undefined && request['modelSelectionExpression'] === undefined)
      request['modelSelectionExpression'] = '';
    cp.run('UpdateRouteResponse', { ...request, routeResponseId, responseModels: models ?? {} });
  },
  remove: (record, ctx) => removeQuietly(() => ctx.cp.run('DeleteRouteResponse', record.ids)),
  argumentOf: (message) => MEMBERS.find(([pattern]) => pattern.test(message))?.[1],
};
