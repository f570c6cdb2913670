import { integrationIdOfTarget, parseRouteKey, type DeploymentSnapshot, type Integration } from '../model/index.js';
import { compileAuthorizer } from './authorizers/authorizer-plan.js';
import { compileCors } from './cors.js';
import type { CompileDependencies, CompiledDeployment, CompiledRoute, IntegrationPlan } from './deployment.js';
import { compileIntegration } from './integration-plan.js';
import { compileRequestMapping, type RequestMappingPlan } from './mapping/request-mapping.js';
import { compileResponseMapping, type ResponseMappingPlan } from './mapping/response-mapping.js';
import { usesStageVariables } from './stage-variables.js';
import { buildRouteTable, type RouteTableEntry } from './route-table.js';
import { compileUpstreamPath } from './upstream-path.js';

interface CompiledIntegration {
  readonly plan: IntegrationPlan;
  readonly requestMapping: RequestMappingPlan | undefined;
  readonly responseMapping: ResponseMappingPlan | undefined;
  readonly staged: Integration | undefined;
}

// Parameter mapping applies to HTTP_PROXY (and to AWS_PROXY without a subtype: docs/reference/dataplane.md §4).
function compileWhole(integration: Integration, deps: CompileDependencies): CompiledIntegration {
  const staged = integration.integrationType === 'HTTP_PROXY' && usesStageVariables(integration.integrationUri) ? integration : undefined;
  const plan: IntegrationPlan =
    staged === undefined
      ? compileIntegration(integration, deps.pools, deps.targets)
      : { kind: 'unserved', integrationId: integration.integrationId, problem: 'stage variables were not resolved for this stage' };
  const mapped = integration.integrationSubtype === undefined;
  return {
    plan,
    requestMapping: mapped ? compileRequestMapping(integration.requestParameters) : undefined,
    responseMapping: mapped ? compileResponseMapping(integration.responseParameters) : undefined,
    staged,
  };
}

/** Compile a frozen deployment once; requests only walk the result. */
export function compileDeployment(deploymentId: string, snapshot: DeploymentSnapshot, deps: CompileDependencies): CompiledDeployment {
  const plans = new Map<string, CompiledIntegration>();
  for (const integration of snapshot.integrations) plans.set(integration.integrationId, compileWhole(integration, deps));

  const entries: RouteTableEntry<CompiledRoute>[] = [];
  const skippedRouteKeys: string[] = [];
  for (const route of snapshot.routes) {
    const parsed = parseRouteKey(route.routeKey);
    if (!parsed.ok) {
      skippedRouteKeys.push(route.routeKey);
      continue;
    }
    const integrationId = integrationIdOfTarget(route.target);
    const compiled = integrationId === undefined ? undefined : plans.get(integrationId);
    const integration = compiled?.plan;
    const uriPath = integration?.kind === 'http' ? integration.uriPath : '';
    const value: CompiledRoute = {
      routeKey: route.routeKey,
      route,
      key: parsed.value,
      integration,
      upstreamPath: compileUpstreamPath(uriPath, parsed.value),
      authorizer: compileAuthorizer(route, snapshot.authorizers),
      requestMapping: compiled?.requestMapping,
      responseMapping: compiled?.responseMapping,
      stagedIntegration: compiled?.staged,
    };
    entries.push({ key: parsed.value, value });
  }
  return {
    apiId: snapshot.apiId,
    deploymentId,
    disableExecuteApiEndpoint: snapshot.disableExecuteApiEndpoint,
    cors: compileCors(snapshot.corsConfiguration),
    routes: buildRouteTable(entries),
    skippedRouteKeys,
  };
}
