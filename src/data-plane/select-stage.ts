import { DEFAULT_STAGE_NAME } from '../model/index.js';
import type { ApiState, ServingState, StageState } from './deployment.js';
import { GatewayError } from './gateway-error.js';
import type { Endpoint, StageSelection } from './invocation.js';

const NOT_FOUND = GatewayError.of('NotFound');

/**
 * Stage selection on the execute-api endpoint (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html, "Routing API requests";
 * docs/reference/dataplane.md §1): a first path segment naming an existing stage selects it and is consumed;
 * otherwise the `$default` stage serves the whole path; otherwise 404. A stage that was never
 * deployed has nothing to serve (404). `disableExecuteApiEndpoint` closes this endpoint: 403
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-disable-default-endpoint.html; body as observed by yulin, docs/reference/dataplane.md §1).
 */
export function selectStage(state: ServingState, endpoint: Endpoint): StageSelection | GatewayError {
  const path = endpoint.path;
  if (path.charCodeAt(0) !== 47 /* / */) return NOT_FOUND;
  const api = state.apis.get(endpoint.apiId);
  if (api === undefined) return NOT_FOUND;
  if (endpoint.customDomain !== undefined) return selectMappedStage(api, endpoint.customDomain.stage, path);
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
  if (stage === undefined) return NOT_FOUND;
  const deployment = stage.deployment;
  if (deployment === undefined) return NOT_FOUND;
  if (deployment.disableExecuteApiEndpoint) return GatewayError.of('Forbidden');
  return { api, stage, deployment, routePath, path };
}

/**
 * A custom domain's API mapping names the stage; the path after the mapping key is the route path,
 * and `disableExecuteApiEndpoint` does not apply (it closes only the execute-api endpoint,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-disable-default-endpoint.html). The backend sees the path as the same request to the
 * execute-api endpoint would carry it (our choice; AWS reports conflict, docs/reference/dataplane.md §1).
 */
function selectMappedStage(api: ApiState, stageName: string, rest: string): StageSelection | GatewayError {
  const stage = stageName === DEFAULT_STAGE_NAME ? api.defaultStage : api.namedStages.get(stageName);
  const deployment = stage?.deployment;
  if (stage === undefined || deployment === undefined) return NOT_FOUND;
  const path = stageName === DEFAULT_STAGE_NAME ? rest : `/${stageName}${rest}`;
  return { api, stage, deployment, routePath: rest, path };
}
