import { API_DEFAULTS, type Api } from '../../model/index.js';
import type { OperationContext } from '../context.js';
import { Input } from '../input.js';
import { label, paginate, requireApi, type Page } from '../lookups.js';
import { badRequest } from '../service-errors.js';
import { readApiKeySelection, readProtocol, readRouteSelection, refuseHttpOnlyMembers } from './api-protocol.js';
import { readCors } from './cors.js';
import { createIntegration } from './integrations.js';
import { createRoute } from './routes.js';
import { createStage } from './stages.js';
import { readTags } from './tags.js';

export type ApiOutput = Api & { apiEndpoint: string };

export function apiOutput(ctx: OperationContext, api: Api): ApiOutput {
  return { ...api, apiEndpoint: ctx.apiEndpoint(api.apiId, api.protocolType) };
}

export function createApi(ctx: OperationContext, request: unknown): ApiOutput {
  const input = new Input(request);
  const protocolType = readProtocol(input);
  refuseHttpOnlyMembers(input, protocolType);
  const api: Api = {
    apiId: ctx.newId('api'),
    name: input.required('name', input.string('name', { min: 1, max: 128 })),
    protocolType,
    apiKeySelectionExpression: readApiKeySelection(input, protocolType) ?? API_DEFAULTS.apiKeySelectionExpression,
    routeSelectionExpression: readRouteSelection(input, protocolType, true) ?? API_DEFAULTS.routeSelectionExpression,
    createdDate: ctx.now(),
    disableExecuteApiEndpoint: input.boolean('disableExecuteApiEndpoint') ?? false,
    ipAddressType: (input.string('ipAddressType', { oneOf: ['ipv4', 'dualstack'] }) ?? 'ipv4') as Api['ipAddressType'],
    tags: readTags(input) ?? {},
  };
  const cors = readCors(input.object('corsConfiguration'));
  if (cors) api.corsConfiguration = cors;
  const description = input.string('description', { max: 1024 });
  if (description !== undefined) api.description = description;
  const version = input.string('version', { min: 1, max: 64 });
  if (version !== undefined) api.version = version;
  const disableSchemaValidation = input.boolean('disableSchemaValidation');
  if (disableSchemaValidation !== undefined) api.disableSchemaValidation = disableSchemaValidation;
  ctx.store.put('apis', '', api.apiId, api);
  const target = input.string('target', { min: 1 });
  if (target !== undefined) quickCreate(ctx, api, input, target);
  else if (input.has('routeKey') || input.has('credentialsArn'))
    throw badRequest('routeKey and credentialsArn are used only with target (quick create).');
  ctx.apiChanged(api.apiId);
  return apiOutput(ctx, api);
}

/**
 * Quick create (CreateApi with `target`): an HTTP_PROXY or AWS_PROXY integration, a route
 * (`$default` unless routeKey is given) and a `$default` auto-deploy stage, all marked
 * apiGatewayManaged (model docs of CreateApiRequest.Target/RouteKey).
 */
function quickCreate(ctx: OperationContext, api: Api, input: Input, target: string): void {
  const isHttp = /^https?:\/\//i.test(target);
  const credentialsArn = input.string('credentialsArn');
  const integration = createIntegration(
    ctx,
    {
      apiId: api.apiId,
      integrationType: isHttp ? 'HTTP_PROXY' : 'AWS_PROXY',
      integrationUri: target,
      integrationMethod: isHttp ? 'ANY' : 'POST',
      payloadFormatVersion: isHttp ? '1.0' : '2.0',
      ...(credentialsArn !== undefined ? { credentialsArn } : {}),
    },
    { managed: true },
  );
  createRoute(
    ctx,
    {
      apiId: api.apiId,
      routeKey: input.string('routeKey') ?? '$default',
      target: `integrations/${integration.integrationId}`,
    },
    { managed: true },
  );
  createStage(ctx, { apiId: api.apiId, stageName: '$default', autoDeploy: true }, { managed: true });
}

export function getApi(ctx: OperationContext, request: unknown): ApiOutput {
  return apiOutput(ctx, requireApi(ctx, label(new Input(request), 'apiId')));
}

export function getApis(ctx: OperationContext, request: unknown): Page<ApiOutput> {
  return paginate(
    ctx.store.list('apis', '').map((api) => apiOutput(ctx, api)),
    new Input(request),
  );
}

export function updateApi(ctx: OperationContext, request: unknown): ApiOutput {
  const input = new Input(request);
  const api = requireApi(ctx, label(input, 'apiId'));
  refuseHttpOnlyMembers(input, api.protocolType);
  const name = input.string('name', { min: 1, max: 128 });
  if (name !== undefined) api.name = name;
  // "" clears description and version: the Terraform provider sends both, empty when they are
  // configured nowhere, in the UpdateApi that follows every ReimportApi (TF api.go reimportOpenAPIDefinition).
  const description = input.string('description', { max: 1024 });
  if (description === '') delete api.description;
  else if (description !== undefined) api.description = description;
  const version = input.string('version', { max: 64 });
  if (version === '') delete api.version;
  else if (version !== undefined) api.version = version;
  const apiKeySelectionExpression = readApiKeySelection(input, api.protocolType);
  if (apiKeySelectionExpression !== undefined) api.apiKeySelectionExpression = apiKeySelectionExpression;
  const routeSelectionExpression = readRouteSelection(input, api.protocolType, false);
  if (routeSelectionExpression !== undefined) api.routeSelectionExpression = routeSelectionExpression;
  const disableExecuteApiEndpoint = input.boolean('disableExecuteApiEndpoint');
  if (disableExecuteApiEndpoint !== undefined) api.disableExecuteApiEndpoint = disableExecuteApiEndpoint;
  const disableSchemaValidation = input.boolean('disableSchemaValidation');
  if (disableSchemaValidation !== undefined) api.disableSchemaValidation = disableSchemaValidation;
  const ipAddressType = input.string('ipAddressType', { oneOf: ['ipv4', 'dualstack'] });
  if (ipAddressType !== undefined) api.ipAddressType = ipAddressType as Api['ipAddressType'];
  // An UpdateApi corsConfiguration replaces the API's CORS configuration as a whole.
  const cors = readCors(input.object('corsConfiguration'));
  if (cors) api.corsConfiguration = cors;
  ctx.store.put('apis', '', api.apiId, api);
  ctx.apiChanged(api.apiId);
  return apiOutput(ctx, api);
}

export function deleteApi(ctx: OperationContext, request: unknown): void {
  const apiId = label(new Input(request), 'apiId');
  requireApi(ctx, apiId);
  // Route and integration responses are kept under their route/integration: read those first.
  const deleteWebSocketChildren = responseCleanup(ctx, apiId);
  for (const collection of [
    'integrations',
    'routes',
    'routeKeys',
    'stages',
    'deployments',
    'deploymentSnapshots',
    'authorizers',
    'models',
  ] as const)
    ctx.store.deleteAll(collection, apiId);
  deleteWebSocketChildren();
  // Mappings of custom domains to this API go with it.
  for (const domain of ctx.store.list('domainNames', ''))
    for (const mapping of ctx.store.list('apiMappings', domain.domainName))
      if (mapping.apiId === apiId) ctx.store.delete('apiMappings', domain.domainName, mapping.apiMappingId);
  ctx.store.delete('apis', '', apiId);
  ctx.servingChanged();
}

function responseCleanup(ctx: OperationContext, apiId: string): () => void {
  const routes = ctx.store.list('routes', apiId).map((route) => route.routeId);
  const integrations = ctx.store.list('integrations', apiId).map((integration) => integration.integrationId);
  return () => {
    for (const routeId of routes) ctx.store.deleteAll('routeResponses', `${apiId}/${routeId}`);
    for (const integrationId of integrations) ctx.store.deleteAll('integrationResponses', `${apiId}/${integrationId}`);
  };
}

export function deleteCorsConfiguration(ctx: OperationContext, request: unknown): void {
  const api = requireApi(ctx, label(new Input(request), 'apiId'));
  if (api.protocolType !== 'HTTP') throw badRequest('CORS configuration is supported only for HTTP APIs.');
  delete api.corsConfiguration;
  ctx.store.put('apis', '', api.apiId, api);
  ctx.apiChanged(api.apiId);
}
