import type { TargetResolver, UpstreamPools } from '../integrations/index.js';
import {
  integrationIdOfTarget,
  parseRouteKey,
  type DeploymentSnapshot,
  type ParsedRouteKey,
  type Route,
} from '../model/index.js';
import { compileAuthorizer, type AuthorizerPlan } from './authorizers/index.js';
import { compileIntegration, type IntegrationPlan } from './integration-plan.js';
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
  /** The route's authorization, compiled (dataplane.md §6); undefined for `NONE` routes. */
  readonly authorizer: AuthorizerPlan | undefined;
}

export interface CompiledDeployment {
  readonly apiId: string;
  readonly deploymentId: string;
  readonly disableExecuteApiEndpoint: boolean;
  readonly routes: RouteTable<CompiledRoute>;
  /** Route keys the snapshot held that could not be parsed (the control plane should have refused them). */
  readonly skippedRouteKeys: readonly string[];
}

export interface CompileDependencies {
  readonly pools: UpstreamPools;
  readonly targets: TargetResolver;
}

/** Compile a frozen deployment once; requests only walk the result. */
export function compileDeployment(
  deploymentId: string,
  snapshot: DeploymentSnapshot,
  deps: CompileDependencies,
): CompiledDeployment {
  const plans = new Map<string, IntegrationPlan>();
  for (const integration of snapshot.integrations)
    plans.set(integration.integrationId, compileIntegration(integration, deps.pools, deps.targets));

  const entries: RouteTableEntry<CompiledRoute>[] = [];
  const skippedRouteKeys: string[] = [];
  for (const route of snapshot.routes) {
    const parsed = parseRouteKey(route.routeKey);
    if (!parsed.ok) {
      skippedRouteKeys.push(route.routeKey);
      continue;
    }
    const integrationId = integrationIdOfTarget(route.target);
    const integration = integrationId === undefined ? undefined : plans.get(integrationId);
    const uriPath = integration?.kind === 'http' ? integration.uriPath : '';
    const value: CompiledRoute = {
      routeKey: route.routeKey,
      route,
      key: parsed.value,
      integration,
      upstreamPath: compileUpstreamPath(uriPath, parsed.value),
      authorizer: compileAuthorizer(route, snapshot.authorizers),
    };
    entries.push({ key: parsed.value, value });
  }
  return {
    apiId: snapshot.apiId,
    deploymentId,
    disableExecuteApiEndpoint: snapshot.disableExecuteApiEndpoint,
    routes: buildRouteTable(entries),
    skippedRouteKeys,
  };
}
