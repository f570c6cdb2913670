import type { Integration } from '../model/index.js';
import type { CompileDependencies, CompiledRoute, ServingState, StageState } from './deployment.js';
import { compileIntegration } from './integration-plan.js';
import type { RouteMatch } from './invocation.js';
import { compileUpstreamPath } from './upstream-path.js';

/**
 * `${stageVariables.name}` in an HTTP integration URI may stand for the whole host, a subdomain,
 * the path or the query (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.html, "Stage variables"). Stage variables are live
 * stage settings, not part of a deployment, so such an integration is compiled per (deployment,
 * stage): on the first request after each config swap, then cached on the stage's serving state.
 */
const STAGE_VARIABLE = /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g;

export function usesStageVariables(uri: string | undefined): boolean {
  return uri !== undefined && uri.includes('${stageVariables.');
}

/** A variable the stage does not define becomes "" (AWS documents nothing else; pinned by the conformance suite). */
function substituteStageVariables(text: string, variables: Readonly<Record<string, string>>): string {
  return text.replace(STAGE_VARIABLE, (_all, name: string) => variables[name] ?? '');
}

function bindRoute(route: CompiledRoute, integration: Integration, stage: StageState, deps: CompileDependencies): CompiledRoute {
  const variables = stage.stage.stageVariables;
  const resolved: Integration = { ...integration, integrationUri: substituteStageVariables(integration.integrationUri ?? '', variables) };
  const plan = compileIntegration(resolved, deps.pools, deps.targets);
  return {
    ...route,
    integration: plan,
    upstreamPath: compileUpstreamPath(plan.kind === 'http' ? plan.uriPath : '', route.key),
    stagedIntegration: undefined,
  };
}

/** The match with its route's integration resolved against the stage's variables (unchanged when it uses none). */
export function bindStageVariables(match: RouteMatch, stage: StageState, state: ServingState): RouteMatch {
  const integration = match.route.stagedIntegration;
  const deps = state.compileDeps;
  if (integration === undefined || deps === undefined) return match;
  let bound = stage.boundRoutes.get(match.route);
  if (bound === undefined) {
    bound = bindRoute(match.route, integration, stage, deps);
    stage.boundRoutes.set(match.route, bound);
  }
  return { ...match, route: bound };
}
