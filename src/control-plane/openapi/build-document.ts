import {
  type Api,
  type Authorizer,
  type DeploymentSnapshot,
  type Integration,
  integrationIdOfTarget,
  type Route,
} from '../../model/index.js';

/**
 * An HTTP API as the OpenAPI 3.0 document AWS exports (AWS "Export HTTP APIs from API
 * Gateway"; the shape follows real exports: lower-case integration types, a `default` response
 * per operation, `/$default` as an ANY method with `isDefaultRoute`, a `{basePath}` server
 * variable). Importing the result gives an equivalent API.
 */
export interface ExportSource {
  api: Api;
  apiEndpoint: string;
  /** The deployed snapshot of a stage, or the latest configuration. */
  snapshot: DeploymentSnapshot;
  stageName?: string;
  includeExtensions: boolean;
}

type Json = Record<string, unknown>;

const DEFAULT_TIMEOUT = 30_000;
const IAM_SCHEME = 'sigv4';

/** `2020-09-17 12:44:11UTC`: the version AWS exports for an API without one. */
function versionOf(api: Api): string {
  return api.version ?? api.createdDate.replace('T', ' ').replace(/Z$/, 'UTC');
}

function integrationDocument(integration: Integration): Json {
  const doc: Json = {
    type: integration.integrationType.toLowerCase(),
    ...(integration.integrationMethod !== undefined ? { httpMethod: integration.integrationMethod } : {}),
    ...(integration.integrationUri !== undefined ? { uri: integration.integrationUri } : {}),
    payloadFormatVersion: integration.payloadFormatVersion,
    connectionType: integration.connectionType,
  };
  if (integration.connectionId !== undefined) doc['connectionId'] = integration.connectionId;
  if (integration.integrationSubtype !== undefined) doc['integrationSubtype'] = integration.integrationSubtype;
  if (integration.credentialsArn !== undefined) doc['credentials'] = integration.credentialsArn;
  if (integration.requestParameters && Object.keys(integration.requestParameters).length)
    doc['requestParameters'] = integration.requestParameters;
  if (integration.responseParameters && Object.keys(integration.responseParameters).length)
    doc['responseParameters'] = integration.responseParameters;
  if (integration.timeoutInMillis !== DEFAULT_TIMEOUT) doc['timeoutInMillis'] = integration.timeoutInMillis;
  if (integration.tlsConfig?.serverNameToVerify !== undefined)
    doc['tlsConfig'] = { serverNameToVerify: integration.tlsConfig.serverNameToVerify };
  if (integration.description !== undefined) doc['description'] = integration.description;
  return doc;
}

function securityScheme(authorizer: Authorizer, includeExtensions: boolean): Json {
  const sources = authorizer.identitySource ?? [];
  if (authorizer.authorizerType === 'JWT') {
    const extension = { type: 'jwt', identitySource: sources.join(', '), jwtConfiguration: authorizer.jwtConfiguration ?? {} };
    return { type: 'oauth2', flows: {}, ...(includeExtensions ? { 'x-amazon-apigateway-authorizer': extension } : {}) };
  }
  const header = sources.length === 1 ? /^\$request\.header\.(.+)$/.exec(sources[0] ?? '')?.[1] : undefined;
  const extension: Json = { type: 'request', identitySource: sources.join(', ') };
  if (authorizer.authorizerUri !== undefined) extension['authorizerUri'] = authorizer.authorizerUri;
  if (authorizer.authorizerCredentialsArn !== undefined) extension['authorizerCredentials'] = authorizer.authorizerCredentialsArn;
  if (authorizer.authorizerPayloadFormatVersion !== undefined)
    extension['authorizerPayloadFormatVersion'] = authorizer.authorizerPayloadFormatVersion;
  if (authorizer.authorizerResultTtlInSeconds !== undefined)
    extension['authorizerResultTtlInSeconds'] = authorizer.authorizerResultTtlInSeconds;
  if (authorizer.enableSimpleResponses !== undefined) extension['enableSimpleResponses'] = authorizer.enableSimpleResponses;
  return {
    type: 'apiKey',
    name: header ?? 'Unused',
    in: 'header',
    ...(includeExtensions ? { 'x-amazon-apigateway-authorizer': extension } : {}),
  };
}

/** Scheme names are authorizer names, made unique when two authorizers share one. */
function schemeNames(authorizers: Authorizer[]): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Set<string>([IAM_SCHEME]);
  for (const authorizer of authorizers) {
    const name = used.has(authorizer.name) ? `${authorizer.name}-${authorizer.authorizerId}` : authorizer.name;
    used.add(name);
    names.set(authorizer.authorizerId, name);
  }
  return names;
}

function pathParameters(path: string): Json[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
}

export function buildDocument(source: ExportSource): Json {
  const { api, snapshot, includeExtensions } = source;
  const integrations = new Map(snapshot.integrations.map((i) => [i.integrationId, i]));
  const uses = new Map<string, number>();
  for (const route of snapshot.routes) {
    const id = integrationIdOfTarget(route.target);
    if (id !== undefined) uses.set(id, (uses.get(id) ?? 0) + 1);
  }
  // Integrations shared by several routes, or by none, live in components and are referenced.
  const shared = snapshot.integrations.filter((i) => (uses.get(i.integrationId) ?? 0) !== 1);
  const names = schemeNames(snapshot.authorizers);
  const paths: Record<string, Json> = {};
  for (const route of snapshot.routes) addRoute(paths, route, { integrations, shared, names, includeExtensions });

  const schemes: Json = {};
  for (const authorizer of snapshot.authorizers)
    schemes[names.get(authorizer.authorizerId) ?? authorizer.name] = securityScheme(authorizer, includeExtensions);
  if (snapshot.routes.some((r) => r.authorizationType === 'AWS_IAM'))
    schemes[IAM_SCHEME] = {
      type: 'apiKey',
      name: 'Authorization',
      in: 'header',
      ...(includeExtensions ? { 'x-amazon-apigateway-authtype': 'awsSigv4' } : {}),
    };
  const components: Json = {};
  if (Object.keys(schemes).length) components['securitySchemes'] = schemes;
  if (includeExtensions && shared.length)
    components['x-amazon-apigateway-integrations'] = Object.fromEntries(shared.map((i) => [i.integrationId, integrationDocument(i)]));

  const server: Json = {
    url: `${source.apiEndpoint}/{basePath}`,
    variables: { basePath: { default: source.stageName && source.stageName !== '$default' ? source.stageName : '' } },
  };
  if (includeExtensions && snapshot.disableExecuteApiEndpoint)
    server['x-amazon-apigateway-endpoint-configuration'] = { disableExecuteApiEndpoint: true };
  const doc: Json = {
    openapi: '3.0.1',
    info: { title: api.name, ...(api.description !== undefined ? { description: api.description } : {}), version: versionOf(api) },
    servers: [server],
    paths,
  };
  if (Object.keys(components).length) doc['components'] = components;
  if (includeExtensions && snapshot.corsConfiguration) doc['x-amazon-apigateway-cors'] = snapshot.corsConfiguration;
  if (includeExtensions) doc['x-amazon-apigateway-importexport-version'] = '1.0';
  return doc;
}

interface RouteContext {
  integrations: Map<string, Integration>;
  shared: Integration[];
  names: Map<string, string>;
  includeExtensions: boolean;
}

function addRoute(paths: Record<string, Json>, route: Route, context: RouteContext): void {
  const isDefault = route.routeKey === '$default';
  const [method = 'ANY', path = '/'] = isDefault ? ['ANY', '/$default'] : route.routeKey.split(' ');
  const item = (paths[path] ??= pathParameters(path).length ? { parameters: pathParameters(path) } : {});
  const operation: Json = {};
  if (isDefault) operation['isDefaultRoute'] = true;
  if (route.operationName !== undefined) operation['operationId'] = route.operationName;
  operation['responses'] = { default: { description: `Default response for ${route.routeKey}` } };
  if (route.authorizationType === 'AWS_IAM') operation['security'] = [{ [IAM_SCHEME]: [] }];
  else if (route.authorizerId !== undefined)
    operation['security'] = [{ [context.names.get(route.authorizerId) ?? route.authorizerId]: route.authorizationScopes ?? [] }];
  const integrationId = integrationIdOfTarget(route.target);
  const integration = integrationId === undefined ? undefined : context.integrations.get(integrationId);
  if (context.includeExtensions && integration)
    operation['x-amazon-apigateway-integration'] = context.shared.includes(integration)
      ? { $ref: `#/components/x-amazon-apigateway-integrations/${integration.integrationId}` }
      : integrationDocument(integration);
  item[method === 'ANY' ? 'x-amazon-apigateway-any-method' : method.toLowerCase()] = operation;
}
