import type { CompiledDeployment } from './compile-deployment.js';
import type { GatewayErrorKind } from './gateway-errors.js';
import type { Endpoint } from './resolve-endpoint.js';
import type { ApiState, ServingState, StageState } from './serving-state.js';

export interface StageSelection {
  readonly api: ApiState;
  readonly stage: StageState;
  readonly deployment: CompiledDeployment;
  /** What the routes see: the request path without a named stage's segment ("/" at least). */
  readonly routePath: string;
}

/**
 * Stage selection on the execute-api endpoint (DG:http-api-develop-routes, "Routing API requests";
 * dataplane.md §1): a first path segment naming an existing stage selects it and is consumed;
 * otherwise the `$default` stage serves the whole path; otherwise 404. A stage that was never
 * deployed has nothing to serve (404). `disableExecuteApiEndpoint` closes this endpoint: 403
 * (SNAP:http-api-disable-default-endpoint.md; body as observed by yulin, dataplane.md §1).
 */
export function selectStage(state: ServingState, endpoint: Endpoint): StageSelection | GatewayErrorKind {
  const path = endpoint.path;
  if (path.charCodeAt(0) !== 47 /* / */) return 'NotFound';
  const api = state.apis.get(endpoint.apiId);
  if (api === undefined) return 'NotFound';
  let stage: StageState | undefined;
  let routePath = path;
  if (api.namedStages.size > 0) {
    const end = path.indexOf('/', 1);
    const named = api.namedStages.get(end < 0 ? path.slice(1) : path.slice(1, end));
    if (named !== undefined) {
      stage = named;
      routePath = end < 0 ? '/' : path.slice(end);
    }
  }
  stage ??= api.defaultStage;
  if (stage === undefined) return 'NotFound';
  const deployment = stage.deployment;
  if (deployment === undefined) return 'NotFound';
  if (deployment.disableExecuteApiEndpoint) return 'Forbidden';
  return { api, stage, deployment, routePath };
}
