import { type ProtocolType, stableId } from '../../model/index.js';
import { type Arguments, block, copy, type Request, text } from './arguments.js';
import { found, removeQuietly } from './exists.js';
import type { ResourceKind } from './kind.js';

/** WebSocket identity sources have no "$" (route.request.header.Auth); HTTP ones always do. */
function isWebSocketSources(sources: unknown): boolean {
  return Array.isArray(sources) && sources.length > 0 && sources.every((s) => typeof s === 'string' && !s.startsWith('$'));
}

function authorizerRequest(args: Arguments, protocol: ProtocolType): Request {
  const request: Request = {};
  copy(request, args, {
    name: 'name',
    authorizer_type: 'authorizerType',
    authorizer_credentials_arn: 'authorizerCredentialsArn',
    authorizer_payload_format_version: 'authorizerPayloadFormatVersion',
    authorizer_result_ttl_in_seconds: 'authorizerResultTtlInSeconds',
    authorizer_uri: 'authorizerUri',
    enable_simple_responses: 'enableSimpleResponses',
    identity_sources: 'identitySource',
  });
  const jwt = block(args, 'jwt_configuration');
  if (jwt) {
    const configuration: Request = {};
    copy(configuration, jwt, { audience: 'audience', issuer: 'issuer' });
    request['jwtConfiguration'] = configuration;
  }
  // For a REQUEST authorizer of an HTTP API with identity sources and no TTL the provider sends 300 (TF authorizer.go).
  const sources = args['identity_sources'];
  if (
    protocol === 'HTTP' &&
    request['authorizerType'] === 'REQUEST' &&
    request['authorizerResultTtlInSeconds'] === undefined &&
    Array.isArray(sources) &&
    sources.length > 0
  )
    request['authorizerResultTtlInSeconds'] = 300;
  return request;
}

const MEMBERS: [RegExp, string][] = [
  [/jwtConfiguration|issuer|audience/i, 'jwt_configuration'],
  [/identity source/i, 'identity_sources'],
  [/PayloadFormatVersion|enableSimpleResponses/, 'authorizer_payload_format_version'],
  [/authorizerUri/, 'authorizer_uri'],
  [/TtlInSeconds|Caching/, 'authorizer_result_ttl_in_seconds'],
  [/JWT authorizers/, 'authorizer_type'],
];

export const authorizerKind: ResourceKind = {
  type: 'aws_apigatewayv2_authorizer',
  deleteRank: 3,
  ids: (instance, previous) => ({
    apiId: text(instance.attributes, 'api_id') ?? '',
    authorizerId: previous?.ids['authorizerId'] ?? stableId('authorizer', instance.address),
  }),
  computed: (instance, ids) => ({
    id: ids['authorizerId'] ?? '',
    authorizer_result_ttl_in_seconds:
      (authorizerRequest(instance.attributes, isWebSocketSources(instance.attributes['identity_sources']) ? 'WEBSOCKET' : 'HTTP')[
        'authorizerResultTtlInSeconds'
      ] as number | undefined) ?? 0,
  }),
  apply: (instance, ids, ctx) => {
    const { cp } = ctx;
    const apiId = ids['apiId'] ?? '';
    const authorizerId = ids['authorizerId'] ?? '';
    // The provider reads the API first to learn its protocol (TF authorizer.go Create).
    const protocol = found(() => cp.run('GetApi', { apiId }))?.protocolType ?? 'HTTP';
    const request = authorizerRequest(instance.attributes, protocol);
    const current = found(() => cp.run('GetAuthorizer', { apiId, authorizerId }));
    if (current) cp.run('UpdateAuthorizer', { ...request, apiId, authorizerId });
    else cp.run('CreateAuthorizer', { ...request, apiId }, { id: authorizerId });
  },
  remove: (record, ctx) =>
    removeQuietly(() => ctx.cp.run('DeleteAuthorizer', { apiId: record.ids['apiId'], authorizerId: record.ids['authorizerId'] })),
  argumentOf: (message) => MEMBERS.find(([pattern]) => pattern.test(message))?.[1],
};
