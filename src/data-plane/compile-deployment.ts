import type { TargetResolver, UpstreamPools } from '../integrations/index.js';
import {
  integrationIdOfTarget,
  parseRouteKey,
  type DeploymentSnapshot,
  type Integration,
  type ParsedRouteKey,
  type Route,
} from '../model/index.js';
import { compileCors, type CorsPlan } from './cors.js';
import { compileAuthorizer, type AuthorizerPlan } from './authorizers/index.js';
import { compileIntegration, type IntegrationPlan } from './integration-plan.js';
import { compileRequestMapping, compileResponseMapping, type RequestMappingPlan, type ResponseMappingPlan } from './mapping/index.js';
import { usesStageVariables } from './stage-variables.js';
import { buildRouteTable, type RouteTable, type RouteTableEntry } from './route-table.js';
import { compileUpstreamPath, type UpstreamPath } from './upstream-path.js';

/** A route ready to serve: its integration plan and upstream path decided at compile time. */
export interface CompiledRoute {
  readonly routeKey: string;
  readonly route: Route;
  readonly key: ParsedRouteKey;
  /** undefined when the route has no `integrations/{id}` target. */
  readonly integration: IntegrationPlan | undefined;
  readonly upstreamPath: UpstreamPath;
  /** The route's authorization, compiled (docs/reference/dataplane.md §6); undefined for `NONE` routes. */
  readonly authorizer: AuthorizerPlan | undefined;
  /** `requestParameters` / `responseParameters` of the integration, compiled (undefined: none). */
  readonly requestMapping: RequestMappingPlan | undefined;
  readonly responseMapping: ResponseMappingPlan | undefined;
  /** A mapping reads `$request.body` or `$response.body`: bodies are buffered for this route. */
  readonly buffersBodies: boolean;
  /** An HTTP_PROXY integration whose URI uses `${stageVariables.…}`: resolved per stage (stage-variables.ts). */
  readonly stagedIntegration: Integration | undefined;
}

export interface CompiledDeployment {
  readonly apiId: string;
  readonly deploymentId: string;
  readonly disableExecuteApiEndpoint: boolean;
  /** The API's `corsConfiguration`, compiled; undefined when it has none. */
  readonly cors: CorsPlan | undefined;
  readonly routes: RouteTable<CompiledRoute>;
  /** Route keys the snapshot held that could not be parsed (the control plane should have refused them). */
  readonly skippedRouteKeys: readonly string[];
}

export interface CompileDependencies {
  readonly pools: UpstreamPools;
  readonly targets: TargetResolver;
}

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
      buffersBodies: compiled?.requestMapping?.readsBody === true || compiled?.responseMapping?.readsBody === true,
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
