/**
 * Every apigatewayv2 operation's HTTP binding: method, URI template and success code, from the
 * service model's `http` traits (docs/reference/controlplane.md §1; botocore apigatewayv2 2018-11-29
 * service-2.json). Path labels are written as the request member they fill (`{apiId}`,
 * `{resourceArn}`), so matching a template yields the operation's input directly.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Query members of the model (docs/reference/controlplane.md §2.1) and how each is typed on the wire. */
export const QUERY_MEMBERS = {
  maxResults: 'string',
  nextToken: 'string',
  tagKeys: 'list',
  basepath: 'string',
  failOnWarnings: 'boolean',
  outputType: 'string',
  includeExtensions: 'boolean',
  stageName: 'string',
  exportVersion: 'string',
} as const;
export type QueryMember = keyof typeof QUERY_MEMBERS;

export interface OperationBinding {
  readonly name: string;
  readonly method: HttpMethod;
  readonly uri: string;
  readonly status: number;
  readonly query: readonly QueryMember[];
  /** The output member written as the raw response body (ExportApi's document, a blob payload). */
  readonly payload?: 'body';
}

const PAGE = ['maxResults', 'nextToken'] as const;
const IMPORT = ['basepath', 'failOnWarnings'] as const;
const EXPORT = ['outputType', 'includeExtensions', 'stageName', 'exportVersion'] as const;

const op = (name: string, method: HttpMethod, uri: string, status: number, query: readonly QueryMember[] = []): OperationBinding => ({
  name,
  method,
  uri,
  status,
  query,
});

const API = '/v2/apis/{apiId}';
const INTEGRATION = `${API}/integrations/{integrationId}`;
const ROUTE = `${API}/routes/{routeId}`;
const STAGE = `${API}/stages/{stageName}`;
const DOMAIN = '/v2/domainnames/{domainName}';

export const OPERATION_BINDINGS: readonly OperationBinding[] = [
  op('GetApis', 'GET', '/v2/apis', 200, PAGE),
  op('CreateApi', 'POST', '/v2/apis', 201),
  op('ImportApi', 'PUT', '/v2/apis', 201, IMPORT),
  op('GetApi', 'GET', API, 200),
  op('UpdateApi', 'PATCH', API, 200),
  op('ReimportApi', 'PUT', API, 201, IMPORT),
  op('DeleteApi', 'DELETE', API, 204),
  op('DeleteCorsConfiguration', 'DELETE', `${API}/cors`, 204),
  { ...op('ExportApi', 'GET', `${API}/exports/{specification}`, 200, EXPORT), payload: 'body' },

  op('GetVpcLinks', 'GET', '/v2/vpclinks', 200, PAGE),
  op('CreateVpcLink', 'POST', '/v2/vpclinks', 201),
  op('GetVpcLink', 'GET', '/v2/vpclinks/{vpcLinkId}', 200),
  op('UpdateVpcLink', 'PATCH', '/v2/vpclinks/{vpcLinkId}', 200),
  op('DeleteVpcLink', 'DELETE', '/v2/vpclinks/{vpcLinkId}', 202),

  op('GetIntegrations', 'GET', `${API}/integrations`, 200, PAGE),
  op('CreateIntegration', 'POST', `${API}/integrations`, 201),
  op('GetIntegration', 'GET', INTEGRATION, 200),
  op('UpdateIntegration', 'PATCH', INTEGRATION, 200),
  op('DeleteIntegration', 'DELETE', INTEGRATION, 204),
  op('GetIntegrationResponses', 'GET', `${INTEGRATION}/integrationresponses`, 200, PAGE),
  op('CreateIntegrationResponse', 'POST', `${INTEGRATION}/integrationresponses`, 201),
  op('GetIntegrationResponse', 'GET', `${INTEGRATION}/integrationresponses/{integrationResponseId}`, 200),
  op('UpdateIntegrationResponse', 'PATCH', `${INTEGRATION}/integrationresponses/{integrationResponseId}`, 200),
  op('DeleteIntegrationResponse', 'DELETE', `${INTEGRATION}/integrationresponses/{integrationResponseId}`, 204),

  op('GetRoutes', 'GET', `${API}/routes`, 200, PAGE),
  op('CreateRoute', 'POST', `${API}/routes`, 201),
  op('GetRoute', 'GET', ROUTE, 200),
  op('UpdateRoute', 'PATCH', ROUTE, 200),
  op('DeleteRoute', 'DELETE', ROUTE, 204),
  op('DeleteRouteRequestParameter', 'DELETE', `${ROUTE}/requestparameters/{requestParameterKey}`, 204),
  op('GetRouteResponses', 'GET', `${ROUTE}/routeresponses`, 200, PAGE),
  op('CreateRouteResponse', 'POST', `${ROUTE}/routeresponses`, 201),
  op('GetRouteResponse', 'GET', `${ROUTE}/routeresponses/{routeResponseId}`, 200),
  op('UpdateRouteResponse', 'PATCH', `${ROUTE}/routeresponses/{routeResponseId}`, 200),
  op('DeleteRouteResponse', 'DELETE', `${ROUTE}/routeresponses/{routeResponseId}`, 204),

  op('GetStages', 'GET', `${API}/stages`, 200, PAGE),
  op('CreateStage', 'POST', `${API}/stages`, 201),
  op('GetStage', 'GET', STAGE, 200),
  op('UpdateStage', 'PATCH', STAGE, 200),
  op('DeleteStage', 'DELETE', STAGE, 204),
  op('DeleteAccessLogSettings', 'DELETE', `${STAGE}/accesslogsettings`, 204),
  op('DeleteRouteSettings', 'DELETE', `${STAGE}/routesettings/{routeKey}`, 204),
  op('ResetAuthorizersCache', 'DELETE', `${STAGE}/cache/authorizers`, 204),

  op('GetDeployments', 'GET', `${API}/deployments`, 200, PAGE),
  op('CreateDeployment', 'POST', `${API}/deployments`, 201),
  op('GetDeployment', 'GET', `${API}/deployments/{deploymentId}`, 200),
  op('UpdateDeployment', 'PATCH', `${API}/deployments/{deploymentId}`, 200),
  op('DeleteDeployment', 'DELETE', `${API}/deployments/{deploymentId}`, 204),

  op('GetAuthorizers', 'GET', `${API}/authorizers`, 200, PAGE),
  op('CreateAuthorizer', 'POST', `${API}/authorizers`, 201),
  op('GetAuthorizer', 'GET', `${API}/authorizers/{authorizerId}`, 200),
  op('UpdateAuthorizer', 'PATCH', `${API}/authorizers/{authorizerId}`, 200),
  op('DeleteAuthorizer', 'DELETE', `${API}/authorizers/{authorizerId}`, 204),

  op('GetModels', 'GET', `${API}/models`, 200, PAGE),
  op('CreateModel', 'POST', `${API}/models`, 201),
  op('GetModel', 'GET', `${API}/models/{modelId}`, 200),
  op('UpdateModel', 'PATCH', `${API}/models/{modelId}`, 200),
  op('DeleteModel', 'DELETE', `${API}/models/{modelId}`, 204),
  op('GetModelTemplate', 'GET', `${API}/models/{modelId}/template`, 200),

  op('GetDomainNames', 'GET', '/v2/domainnames', 200, PAGE),
  op('CreateDomainName', 'POST', '/v2/domainnames', 201),
  op('GetDomainName', 'GET', DOMAIN, 200),
  op('UpdateDomainName', 'PATCH', DOMAIN, 200),
  op('DeleteDomainName', 'DELETE', DOMAIN, 204),

  op('GetApiMappings', 'GET', `${DOMAIN}/apimappings`, 200, PAGE),
  op('CreateApiMapping', 'POST', `${DOMAIN}/apimappings`, 201),
  op('GetApiMapping', 'GET', `${DOMAIN}/apimappings/{apiMappingId}`, 200),
  op('UpdateApiMapping', 'PATCH', `${DOMAIN}/apimappings/{apiMappingId}`, 200),
  op('DeleteApiMapping', 'DELETE', `${DOMAIN}/apimappings/{apiMappingId}`, 204),

  op('GetTags', 'GET', '/v2/tags/{resourceArn}', 200),
  op('TagResource', 'POST', '/v2/tags/{resourceArn}', 201),
  op('UntagResource', 'DELETE', '/v2/tags/{resourceArn}', 204, ['tagKeys']),
];
