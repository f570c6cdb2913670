import { AUTHORIZER_TYPES, type Api, type Authorizer } from '../../model/index.js';
import type { OperationContext } from '../context.js';
import { Input } from '../input.js';
import { checkQuota, quota } from '../quotas.js';
import { label, paginate, requireApi, requireAuthorizer, type Page } from '../lookups.js';
import { badRequest, conflict } from '../service-errors.js';

const IDENTITY_SOURCE = /^\$(request\.(header|querystring)\.[^\s,]+|context\.[A-Za-z0-9._]+|stageVariables\.[A-Za-z0-9_]+)$/;
/** WebSocket APIs name identity sources without "$" (model doc of IdentitySource: route.request.header.Auth). */
const WEBSOCKET_IDENTITY_SOURCE = /^(route\.request\.(header|querystring)\.[^\s,]+|context\.[A-Za-z0-9._]+|stageVariables\.[A-Za-z0-9_]+)$/;

function applyMembers(authorizer: Authorizer, input: Input): void {
  const name = input.string('name', { min: 1, max: 128 });
  if (name !== undefined) authorizer.name = name;
  for (const member of ['authorizerUri', 'authorizerCredentialsArn', 'identityValidationExpression'] as const) {
    const value = input.string(member, { max: 2048 });
    if (value !== undefined) authorizer[member] = value;
  }
  const version = input.string('authorizerPayloadFormatVersion', { oneOf: ['1.0', '2.0'] });
  if (version !== undefined) authorizer.authorizerPayloadFormatVersion = version;
  const ttl = input.integer('authorizerResultTtlInSeconds', 0, 3600);
  if (ttl !== undefined) authorizer.authorizerResultTtlInSeconds = ttl;
  const simple = input.boolean('enableSimpleResponses');
  if (simple !== undefined) authorizer.enableSimpleResponses = simple;
  const sources = input.stringList('identitySource');
  if (sources !== undefined) authorizer.identitySource = sources;
  const jwt = input.object('jwtConfiguration');
  if (jwt) {
    const audience = jwt.stringList('audience');
    const issuer = jwt.string('issuer', { min: 1 });
    authorizer.jwtConfiguration = {
      ...authorizer.jwtConfiguration,
      ...(audience !== undefined ? { audience } : {}),
      ...(issuer !== undefined ? { issuer } : {}),
    };
  }
}

/** Rules from the model docs and AWS "Controlling access to HTTP APIs" (docs/reference/dataplane.md §6). */
function checkAuthorizer(api: Api, authorizer: Authorizer): void {
  const sources = authorizer.identitySource ?? [];
  if (api.protocolType === 'WEBSOCKET') return checkWebSocketAuthorizer(authorizer, sources);
  for (const source of sources)
    if (!IDENTITY_SOURCE.test(source))
      throw badRequest(
        `Invalid identity source "${source}": use $request.header.<name>, $request.querystring.<name>, $context.<name> or $stageVariables.<name>.`,
      );
  if (authorizer.authorizerType === 'JWT') {
    if (api.protocolType !== 'HTTP') throw badRequest('JWT authorizers are supported only for HTTP APIs.');
    if (!authorizer.jwtConfiguration?.issuer) throw badRequest('jwtConfiguration with an issuer is required for JWT authorizers.');
    if ((authorizer.jwtConfiguration.audience?.length ?? 0) > 50) throw badRequest('A JWT authorizer can have at most 50 audiences.');
    if (sources.length !== 1)
      throw badRequest('A JWT authorizer needs exactly one identity source, such as $request.header.Authorization.');
    if (authorizer.authorizerUri) throw badRequest('authorizerUri is used only by REQUEST authorizers.');
    return;
  }
  if (!authorizer.authorizerUri) throw badRequest('authorizerUri (the Lambda function invoke ARN) is required for REQUEST authorizers.');
  if (api.protocolType === 'HTTP' && !authorizer.authorizerPayloadFormatVersion)
    throw badRequest('AuthorizerPayloadFormatVersion is a required parameter for REQUEST authorizer');
  if (authorizer.enableSimpleResponses && authorizer.authorizerPayloadFormatVersion !== '2.0')
    throw badRequest('enableSimpleResponses is supported only with authorizerPayloadFormatVersion 2.0.');
  if ((authorizer.authorizerResultTtlInSeconds ?? 0) > 0 && sources.length === 0)
    throw badRequest('Caching (authorizerResultTtlInSeconds > 0) needs at least one identity source to key the cache.');
  if (api.protocolType === 'HTTP' && authorizer.identityValidationExpression)
    throw badRequest('identityValidationExpression is not supported for HTTP APIs.');
}

/**
 * WebSocket APIs have Lambda REQUEST authorizers only, called on $connect; caching, simple
 * responses and payload 2.0 are "Supported only for HTTP APIs" (model docs).
 */
function checkWebSocketAuthorizer(authorizer: Authorizer, sources: string[]): void {
  if (authorizer.authorizerType === 'JWT') throw badRequest('JWT authorizers are supported only for HTTP APIs.');
  for (const source of sources)
    if (!WEBSOCKET_IDENTITY_SOURCE.test(source))
      throw badRequest(
        `Invalid identity source "${source}": WebSocket APIs use route.request.header.<name>, route.request.querystring.<name>, context.<name> or stageVariables.<name>.`,
      );
  if (!authorizer.authorizerUri) throw badRequest('authorizerUri (the Lambda function invoke ARN) is required for REQUEST authorizers.');
  if (authorizer.jwtConfiguration) throw badRequest('jwtConfiguration is used only by JWT authorizers, which only HTTP APIs have.');
  if (authorizer.authorizerPayloadFormatVersion !== undefined && authorizer.authorizerPayloadFormatVersion !== '1.0')
    throw badRequest('authorizerPayloadFormatVersion 2.0 is supported only for HTTP APIs.');
  if (authorizer.enableSimpleResponses) throw badRequest('enableSimpleResponses is supported only for HTTP APIs.');
  if ((authorizer.authorizerResultTtlInSeconds ?? 0) > 0)
    throw badRequest(
      'authorizerResultTtlInSeconds is supported only for HTTP API Lambda authorizers; WebSocket authorizers run on every $connect.',
    );
  if (authorizer.identityValidationExpression) throw badRequest('identityValidationExpression does not apply to REQUEST authorizers.');
}

export function createAuthorizer(ctx: OperationContext, request: unknown): Authorizer {
  const input = new Input(request);
  const api = requireApi(ctx, label(input, 'apiId'));
  const type = input.required('authorizerType', input.string('authorizerType', { oneOf: AUTHORIZER_TYPES }));
  checkQuota(ctx.store.count('authorizers', api.apiId), quota(ctx, 'authorizersPerApi'), 'Authorizers', 'API', 'authorizersPerApi');
  const authorizer: Authorizer = {
    authorizerId: ctx.newId('authorizer'),
    name: input.required('name', input.string('name', { min: 1, max: 128 })),
    authorizerType: type as Authorizer['authorizerType'],
  };
  applyMembers(authorizer, input);
  checkAuthorizer(api, authorizer);
  ctx.store.put('authorizers', api.apiId, authorizer.authorizerId, authorizer);
  ctx.apiChanged(api.apiId);
  return authorizer;
}

export function getAuthorizer(ctx: OperationContext, request: unknown): Authorizer {
  const input = new Input(request);
  return requireAuthorizer(ctx, label(input, 'apiId'), label(input, 'authorizerId'));
}

export function getAuthorizers(ctx: OperationContext, request: unknown): Page<Authorizer> {
  const input = new Input(request);
  const api = requireApi(ctx, label(input, 'apiId'));
  return paginate(ctx.store.list('authorizers', api.apiId), input);
}

export function updateAuthorizer(ctx: OperationContext, request: unknown): Authorizer {
  const input = new Input(request);
  const api = requireApi(ctx, label(input, 'apiId'));
  const authorizer = requireAuthorizer(ctx, api.apiId, label(input, 'authorizerId'));
  const type = input.string('authorizerType', { oneOf: AUTHORIZER_TYPES });
  if (type !== undefined) authorizer.authorizerType = type as Authorizer['authorizerType'];
  applyMembers(authorizer, input);
  checkAuthorizer(api, authorizer);
  ctx.store.put('authorizers', api.apiId, authorizer.authorizerId, authorizer);
  ctx.apiChanged(api.apiId);
  return authorizer;
}

/** AWS answers 409 while routes use the authorizer; the provider retries on it (docs/reference/controlplane.md §3.2). */
export function deleteAuthorizer(ctx: OperationContext, request: unknown): void {
  const input = new Input(request);
  const api = requireApi(ctx, label(input, 'apiId'));
  const authorizer = requireAuthorizer(ctx, api.apiId, label(input, 'authorizerId'));
  const user = ctx.store.list('routes', api.apiId).find((route) => route.authorizerId === authorizer.authorizerId);
  if (user)
    throw conflict(
      `Cannot delete authorizer ${authorizer.authorizerId}: route ${user.routeId} (${user.routeKey}) still uses it. Detach it from every route first.`,
    );
  ctx.store.delete('authorizers', api.apiId, authorizer.authorizerId);
  ctx.apiChanged(api.apiId);
}
