import type {
  Api,
  ApiModel,
  Authorizer,
  Deployment,
  DomainName,
  Integration,
  IntegrationResponse,
  Route,
  RouteResponse,
  Stage,
  VpcLink,
} from '../model/index.js';
import type { OperationContext } from './context.js';
import { Input } from './input.js';
import { badRequest, notFound } from './service-errors.js';

/*
 * Lookups that answer NotFoundException with the texts AWS uses. From real AWS:
 * "Invalid API identifier specified {account}:{apiId}" (aws/aws-sam-cli#7030), the stage and
 * domain-name texts below. The others follow the same pattern as moto's and are not verified
 * against AWS (docs/reference/controlplane.md §3.1, docs/compatibility.md).
 */

export function requireApi(ctx: OperationContext, apiId: string): Api {
  const api = ctx.store.get('apis', '', apiId);
  if (!api) throw notFound(`Invalid API identifier specified ${ctx.accountId}:${apiId}`, 'Api');
  return api;
}

export function requireHttpApi(ctx: OperationContext, apiId: string): Api {
  const api = requireApi(ctx, apiId);
  if (api.protocolType !== 'HTTP') throw badRequest('This operation is supported only for HTTP APIs.');
  return api;
}

/**
 * Models, route responses and integration responses exist only on WebSocket APIs (model docs:
 * "Supported only for WebSocket APIs"). AWS's answer on an HTTP API is not on record; this is a
 * BadRequestException naming the operation.
 */
export function requireWebSocketApi(ctx: OperationContext, apiId: string, operation: string): Api {
  const api = requireApi(ctx, apiId);
  if (api.protocolType !== 'WEBSOCKET')
    throw badRequest(`${operation} is supported only for WebSocket APIs; API ${api.apiId} is an ${api.protocolType} API.`);
  return api;
}

export function requireModel(ctx: OperationContext, apiId: string, modelId: string): ApiModel {
  const found = ctx.store.get('models', apiId, modelId);
  if (!found) throw notFound(`Invalid Model identifier specified ${modelId}`, 'Model');
  return found;
}

export function requireRouteResponse(ctx: OperationContext, apiId: string, routeId: string, routeResponseId: string): RouteResponse {
  const found = ctx.store.get('routeResponses', `${apiId}/${routeId}`, routeResponseId);
  if (!found) throw notFound(`Invalid RouteResponse identifier specified ${routeResponseId}`, 'RouteResponse');
  return found;
}

export function requireIntegrationResponse(
  ctx: OperationContext,
  apiId: string,
  integrationId: string,
  integrationResponseId: string,
): IntegrationResponse {
  const found = ctx.store.get('integrationResponses', `${apiId}/${integrationId}`, integrationResponseId);
  if (!found) throw notFound(`Invalid IntegrationResponse identifier specified ${integrationResponseId}`, 'IntegrationResponse');
  return found;
}

export function requireIntegration(ctx: OperationContext, apiId: string, integrationId: string): Integration {
  const found = ctx.store.get('integrations', apiId, integrationId);
  if (!found) throw notFound(`Invalid Integration identifier specified ${integrationId}`, 'Integration');
  return found;
}

export function requireRoute(ctx: OperationContext, apiId: string, routeId: string): Route {
  const found = ctx.store.get('routes', apiId, routeId);
  if (!found) throw notFound(`Invalid Route identifier specified ${routeId}`, 'Route');
  return found;
}

/** The text AWS sends, with nothing after it (https://github.com/aws/aws-cdk/issues/9078). */
export const INVALID_STAGE = 'Invalid stage identifier specified';

export function requireStage(ctx: OperationContext, apiId: string, stageName: string): Stage {
  const found = ctx.store.get('stages', apiId, stageName);
  // NotFoundException, as API Gateway answers for a missing stage of a REST API
  // (https://github.com/hashicorp/terraform-provider-aws/issues/12756).
  if (!found) throw notFound(INVALID_STAGE, 'Stage');
  return found;
}

export function requireDeployment(ctx: OperationContext, apiId: string, deploymentId: string): Deployment {
  const found = ctx.store.get('deployments', apiId, deploymentId);
  if (!found) throw notFound(`Invalid Deployment identifier specified ${deploymentId}`, 'Deployment');
  return found;
}

export function requireAuthorizer(ctx: OperationContext, apiId: string, authorizerId: string): Authorizer {
  const found = ctx.store.get('authorizers', apiId, authorizerId);
  if (!found) throw notFound(`Invalid Authorizer identifier specified ${authorizerId}`, 'Authorizer');
  return found;
}

export function requireVpcLink(ctx: OperationContext, vpcLinkId: string): VpcLink {
  const found = ctx.store.get('vpcLinks', '', vpcLinkId);
  if (!found) throw notFound(`Invalid VpcLink identifier specified ${vpcLinkId}`, 'VpcLink');
  return found;
}

export function requireDomainName(ctx: OperationContext, domainName: string): DomainName {
  const found = ctx.store.get('domainNames', '', domainName.toLowerCase());
  // 404 with this text from AmazonApiGatewayV2 (https://github.com/aws/aws-cdk/issues/36708).
  if (!found) throw notFound('Invalid domain name identifier specified', 'DomainName');
  return found;
}

/** A path label or key member every operation of a resource needs. */
export function label(request: Input, member: string): string {
  return request.required(member, request.string(member, { min: 1 }));
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/**
 * `maxResults`/`nextToken` paging (docs/reference/controlplane.md §2.7). Both travel as strings. AWS's default
 * page size is not published; without maxResults we return everything, so clients that do not
 * page still see every item. The token is the opaque offset of the next item.
 */
export function paginate<T>(items: T[], request: Input): Page<T> {
  const rawMax = request.raw('maxResults');
  const rawToken = request.raw('nextToken');
  let start = 0;
  if (rawToken !== undefined && rawToken !== null && rawToken !== '') {
    const decoded = typeof rawToken === 'string' ? Buffer.from(rawToken, 'base64url').toString() : '';
    const match = /^offset:(\d+)$/.exec(decoded);
    if (!match) throw badRequest('Invalid nextToken: pass the nextToken of the previous page unchanged.');
    start = Number(match[1]);
  }
  let max = items.length;
  if (rawMax !== undefined && rawMax !== null && rawMax !== '') {
    const parsed = typeof rawMax === 'number' ? rawMax : Number(rawMax);
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > 500)
      throw badRequest(`Invalid maxResults "${String(rawMax)}": must be an integer from 1 to 500.`);
    max = parsed;
  }
  const page = items.slice(start, start + max);
  const next = start + max;
  return next < items.length ? { items: page, nextToken: Buffer.from(`offset:${next}`).toString('base64url') } : { items: page };
}
