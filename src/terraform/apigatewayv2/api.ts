import type { ControlPlane } from '../../control-plane/index.js';
import { apiArn, executionArn, stableId } from '../../model/index.js';
import { type Arguments, block, copy, put, type Request, stringMap, text } from './arguments.js';
import { found, removeQuietly } from './exists.js';
import type { ResourceKind } from './kind.js';
import { syncTags } from './tags.js';

function corsRequest(args: Arguments): Request | undefined {
  const cors = block(args, 'cors_configuration');
  if (!cors) return undefined;
  const request: Request = {};
  copy(request, cors, {
    allow_credentials: 'allowCredentials',
    allow_headers: 'allowHeaders',
    allow_methods: 'allowMethods',
    allow_origins: 'allowOrigins',
    expose_headers: 'exposeHeaders',
    max_age: 'maxAge',
  });
  return request;
}

/** The members CreateApi and UpdateApi share; the provider's schema defaults are sent as it does. */
function apiRequest(args: Arguments): Request {
  const request: Request = {
    apiKeySelectionExpression: text(args, 'api_key_selection_expression') ?? '$request.header.x-api-key',
    routeSelectionExpression: text(args, 'route_selection_expression') ?? '$request.method $request.path',
  };
  copy(request, args, {
    name: 'name',
    description: 'description',
    disable_execute_api_endpoint: 'disableExecuteApiEndpoint',
    version: 'version',
    ip_address_type: 'ipAddressType',
  });
  put(request, 'corsConfiguration', corsRequest(args));
  return request;
}

const MEMBERS: Record<string, string> = {
  name: 'name',
  protocolType: 'protocol_type',
  corsConfiguration: 'cors_configuration',
  CORS: 'cors_configuration',
  routeSelectionExpression: 'route_selection_expression',
  apiKeySelectionExpression: 'api_key_selection_expression',
  routeKey: 'route_key',
  target: 'target',
  tag: 'tags',
  version: 'version',
  description: 'description',
};

export const apiKind: ResourceKind = {
  type: 'aws_apigatewayv2_api',
  deleteRank: 0,
  ids: (instance, previous) => ({ apiId: previous?.ids['apiId'] ?? stableId('api', instance.address) }),
  computed: (instance, ids, ctx) => {
    const apiId = ids['apiId'] ?? '';
    const protocol = text(instance.attributes, 'protocol_type') === 'WEBSOCKET' ? 'WEBSOCKET' : 'HTTP';
    return {
      id: apiId,
      arn: apiArn(ctx.region(), apiId),
      execution_arn: executionArn(ctx.region(), ctx.accountId(), apiId),
      api_endpoint: ctx.cp.apiEndpoint(apiId, protocol),
      tags_all: stringMap(instance.attributes, 'tags') ?? {},
    };
  },
  apply: (instance, ids, ctx) => {
    const { cp } = ctx;
    const args = instance.attributes;
    const apiId = ids['apiId'] ?? '';
    const tags = stringMap(args, 'tags') ?? {};
    const protocolType = text(args, 'protocol_type');
    let current = found(() => cp.run('GetApi', { apiId }));
    // protocol_type and the quick-create arguments force a new resource in the provider.
    if (current && current.protocolType !== protocolType) {
      cp.run('DeleteApi', { apiId });
      current = undefined;
    }
    if (!current) {
      const request: Request = { ...apiRequest(args), protocolType, tags };
      copy(request, args, { credentials_arn: 'credentialsArn', route_key: 'routeKey', target: 'target' });
      cp.run('CreateApi', request, { id: apiId });
    } else {
      if (!block(args, 'cors_configuration') && current.corsConfiguration) cp.run('DeleteCorsConfiguration', { apiId });
      cp.run('UpdateApi', { ...apiRequest(args), apiId });
      syncTags(cp, apiArn(ctx.region(), apiId), current.tags, tags);
    }
    const body = text(args, 'body');
    if (body !== undefined) reimport(ctx.cp, apiId, body, args);
  },
  remove: (record, ctx) => removeQuietly(() => ctx.cp.run('DeleteApi', { apiId: record.ids['apiId'] })),
  argumentOf: (message) => Object.entries(MEMBERS).find(([member]) => message.includes(member))?.[1],
};

/**
 * `body` (an OpenAPI document) is applied the way the provider does it: ReimportApi, then the
 * configured name/description/version win over the document's `info` (TF api.go). A configured
 * `disable_execute_api_endpoint` is applied after the import too: the provider's first apply sends
 * it only before ReimportApi (which sets it from the document), and a second apply converges on
 * the configured value, so Portico serves what the configuration says from the start.
 */
function reimport(cp: ControlPlane, apiId: string, body: string, args: Arguments): void {
  // ReimportApi is registered by the OpenAPI module; call it by name.
  const run = cp.run.bind(cp) as (name: string, request: unknown) => unknown;
  run('ReimportApi', { apiId, body, failOnWarnings: args['fail_on_warnings'] === true });
  const update: Request = { apiId };
  copy(update, args, {
    name: 'name',
    description: 'description',
    version: 'version',
    disable_execute_api_endpoint: 'disableExecuteApiEndpoint',
  });
  put(update, 'corsConfiguration', corsRequest(args));
  cp.run('UpdateApi', update);
}
