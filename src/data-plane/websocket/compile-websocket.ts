import {
  integrationIdOfTarget,
  WEBSOCKET_TIMEOUT_LIMITS,
  type Authorizer,
  type DeploymentSnapshot,
  type Integration,
  type IntegrationResponse,
} from '../../model/index.js';
import { compileAuthorizer } from '../authorizers/authorizer-plan.js';
import type { CompileDependencies, UnservedPlan } from '../deployment.js';
import { compileLambdaPlan } from '../lambda/lambda-plan.js';
import { parseSelectionExpression } from './selection-expression.js';
import { compileTemplatePlan } from './template-plan.js';
import type { CompiledWebSocketDeployment, HeaderParameter, WebSocketIntegrationPlan, WebSocketRoute } from './websocket-deployment.js';

/** `timeoutInMillis` for WebSocket APIs: 50–29,000 ms, default 29,000 (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html). */
function timeoutOf(ms: number | undefined): number {
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0) return WEBSOCKET_TIMEOUT_LIMITS.max;
  return Math.min(WEBSOCKET_TIMEOUT_LIMITS.max, Math.max(WEBSOCKET_TIMEOUT_LIMITS.min, Math.floor(ms)));
}

const unserved = (integration: Integration, problem: string): UnservedPlan => ({
  kind: 'unserved',
  integrationId: integration.integrationId,
  problem,
});

/**
 * WebSocket request parameters (https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-data-transformations.html):
 * `integration.request.header.<name>` from `route.request.header.<name>`, `route.request.querystring.<name>`
 * (what the `$connect` request carried), `context.<name>`, `stageVariables.<name>` or a quoted static value.
 */
function headerParameters(integration: Integration): HeaderParameter[] | string {
  const parameters: HeaderParameter[] = [];
  for (const [key, value] of Object.entries(integration.requestParameters ?? {})) {
    const target = /^integration\.request\.header\.(.+)$/.exec(key);
    if (target === null) return `request parameter "${key}" is not served (only integration.request.header.<name>)`;
    const name = target[1] as string;
    const quoted = /^'(.*)'$/.exec(value);
    if (quoted !== null) {
      parameters.push({ name, source: { kind: 'static', value: quoted[1] as string } });
      continue;
    }
    const source = /^(route\.request\.header|route\.request\.querystring|context|stageVariables)\.(.+)$/.exec(value);
    if (source === null) return `request parameter value "${value}" is not served`;
    const kinds = {
      'route.request.header': 'header',
      'route.request.querystring': 'querystring',
      context: 'context',
      stageVariables: 'stageVariable',
    } as const;
    const kind = kinds[source[1] as keyof typeof kinds];
    parameters.push({ name, source: { kind, name: kind === 'header' ? (source[2] as string).toLowerCase() : (source[2] as string) } });
  }
  return parameters;
}

function compileHttp(
  integration: Integration,
  deps: CompileDependencies,
  responses: readonly IntegrationResponse[],
): WebSocketIntegrationPlan {
  if (integration.connectionType === 'VPC_LINK')
    return unserved(integration, `WebSocket integrations through a VPC link are not served yet (integration ${integration.integrationId})`);
  const uri = integration.integrationUri ?? '';
  if (uri.includes('${')) return unserved(integration, `stage variables in WebSocket integration URIs are not served yet ("${uri}")`);
  let url: URL;
  let upstream;
  try {
    url = new URL(uri);
    upstream = deps.pools.upstream(url.origin, { ca: deps.targets.ca });
  } catch {
    return unserved(integration, `integration URI "${uri}" is not an http(s) URL`);
  }
  const headers = headerParameters(integration);
  if (typeof headers === 'string') return unserved(integration, headers);
  const method = (integration.integrationMethod ?? 'POST').toUpperCase();
  // HTTP (not HTTP_PROXY): request templates, passthrough and integration responses apply.
  const templates = integration.integrationType === 'HTTP' ? compileTemplatePlan(integration, responses) : undefined;
  if (typeof templates === 'string') return unserved(integration, `integration ${integration.integrationId}: ${templates}`);
  return {
    kind: 'http',
    integrationId: integration.integrationId,
    upstream,
    target: `${url.pathname}${url.search}`,
    method: method === 'ANY' ? 'POST' : method,
    timeoutMs: timeoutOf(integration.timeoutInMillis),
    headers,
    templates,
  };
}

function compileIntegration(
  integration: Integration,
  deps: CompileDependencies,
  responses: readonly IntegrationResponse[],
): WebSocketIntegrationPlan {
  switch (integration.integrationType) {
    case 'AWS_PROXY':
      return compileLambdaPlan({ ...integration, payloadFormatVersion: '1.0' }, timeoutOf(integration.timeoutInMillis));
    case 'HTTP_PROXY':
    case 'HTTP':
      return compileHttp(integration, deps, responses);
    case 'MOCK': {
      const templates = compileTemplatePlan(integration, responses);
      if (typeof templates === 'string') return unserved(integration, `integration ${integration.integrationId}: ${templates}`);
      return { kind: 'templated', integrationId: integration.integrationId, templates };
    }
    case 'AWS':
      return unserved(
        integration,
        `AWS (non-proxy) integrations are not served yet (integration ${integration.integrationId}: use AWS_PROXY for Lambda)`,
      );
  }
}

/**
 * WebSocket authorizers are Lambda REQUEST authorizers with REST's policy responses, whose identity
 * sources read `route.request.header.<name>`, `route.request.querystring.<name>`, `stageVariables.<name>`
 * or `context.<name>` (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html):
 * written here as the `$`-forms the shared authorizer compiler reads.
 */
function webSocketAuthorizers(authorizers: readonly Authorizer[]): Authorizer[] {
  const dollarForm = (source: string): string =>
    source.startsWith('route.request.') ? `$${source.slice('route.'.length)}` : source.startsWith('$') ? source : `$${source}`;
  return authorizers.map((authorizer) => ({
    ...authorizer,
    authorizerPayloadFormatVersion: '1.0',
    enableSimpleResponses: false,
    ...(authorizer.identitySource === undefined ? {} : { identitySource: authorizer.identitySource.map(dollarForm) }),
  }));
}

/** Compile a frozen WebSocket deployment once; connections and messages only walk the result. */
export function compileWebSocketDeployment(
  deploymentId: string,
  snapshot: DeploymentSnapshot,
  deps: CompileDependencies,
): CompiledWebSocketDeployment {
  const plans = new Map<string, Integration>();
  for (const integration of snapshot.integrations) plans.set(integration.integrationId, integration);
  const compiled = new Map<string, WebSocketIntegrationPlan>();
  const webSocket = snapshot.webSocket;
  const routes = new Map<string, WebSocketRoute>();
  const authorizers = webSocketAuthorizers(snapshot.authorizers);
  for (const route of snapshot.routes) {
    const integrationId = integrationIdOfTarget(route.target);
    const integration = integrationId === undefined ? undefined : plans.get(integrationId);
    let plan = integration === undefined ? undefined : compiled.get(integration.integrationId);
    if (integration !== undefined && plan === undefined) {
      plan = compileIntegration(integration, deps, webSocket?.integrationResponses[integration.integrationId] ?? []);
      compiled.set(integration.integrationId, plan);
    }
    const responses = webSocket?.routeResponses[route.routeId] ?? [];
    routes.set(route.routeKey, {
      routeKey: route.routeKey,
      route,
      integration: plan,
      // AWS authorizes WebSocket APIs on `$connect` only (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-keys-connect-disconnect.html).
      authorizer: route.routeKey === '$connect' ? compileAuthorizer(route, authorizers) : undefined,
      // "You can only define the $default route response" (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-response.html).
      twoWay: responses.some((response) => response.routeResponseKey === '$default'),
      integrationResponses: integrationId === undefined ? [] : (webSocket?.integrationResponses[integrationId] ?? []),
    });
  }
  const expression = webSocket?.routeSelectionExpression ?? '$request.body.action';
  const selection = parseSelectionExpression(expression);
  const connect = routes.get('$connect');
  const disconnect = routes.get('$disconnect');
  const fallback = routes.get('$default');
  routes.delete('$connect');
  routes.delete('$disconnect');
  routes.delete('$default');
  return {
    apiId: snapshot.apiId,
    deploymentId,
    disableExecuteApiEndpoint: snapshot.disableExecuteApiEndpoint,
    selection: typeof selection === 'string' ? undefined : selection,
    selectionProblem: typeof selection === 'string' ? selection : undefined,
    routes,
    connect,
    disconnect,
    fallback,
  };
}
