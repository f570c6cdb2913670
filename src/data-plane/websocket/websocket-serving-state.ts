import { DEFAULT_STAGE_NAME, type ServedDeployment, type ServingConfig } from '../../model/index.js';
import type { Endpoint } from '../invocation.js';
import type { CompiledWebSocketDeployment, WebSocketApiState, WebSocketStageState } from './websocket-deployment.js';

/** The WebSocket APIs of a ServingConfig, compiled; immutable once built (open connections keep their deployment). */
export interface WebSocketServingState {
  readonly region: string;
  readonly accountId: string;
  readonly apis: ReadonlyMap<string, WebSocketApiState>;
}

export const EMPTY_WEBSOCKET_STATE: WebSocketServingState = { region: '', accountId: '', apis: new Map() };

/**
 * The WebSocket APIs of the config, each deployment compiled at most once: `previous` holds those
 * compiled for the last config by `{apiId}/{deploymentId}`; the returned cache keeps those still in use.
 */
export function buildWebSocketState(
  config: ServingConfig,
  previous: ReadonlyMap<string, CompiledWebSocketDeployment>,
  compile: (apiId: string, deployment: ServedDeployment) => CompiledWebSocketDeployment,
): { state: WebSocketServingState; compiled: Map<string, CompiledWebSocketDeployment> } {
  const compiled = new Map<string, CompiledWebSocketDeployment>();
  const apis = new Map<string, WebSocketApiState>();
  for (const api of config.apis) {
    if (api.protocolType !== 'WEBSOCKET') continue;
    const namedStages = new Map<string, WebSocketStageState>();
    let defaultStage: WebSocketStageState | undefined;
    for (const served of api.stages) {
      let deployment: CompiledWebSocketDeployment | undefined;
      if (served.deployment !== undefined) {
        const key = `${api.apiId}/${served.deployment.deploymentId}`;
        deployment = compiled.get(key) ?? previous.get(key) ?? compile(api.apiId, served.deployment);
        compiled.set(key, deployment);
      }
      const stage: WebSocketStageState = { stageName: served.stage.stageName, stage: served.stage, deployment };
      if (stage.stageName === DEFAULT_STAGE_NAME) defaultStage = stage;
      else namedStages.set(stage.stageName, stage);
    }
    apis.set(api.apiId, { apiId: api.apiId, namedStages, defaultStage });
  }
  return { state: { region: config.region, accountId: config.accountId, apis }, compiled };
}

/** What a request on a WebSocket API's endpoint is for, once its stage is known. */
export interface WebSocketTarget {
  readonly api: WebSocketApiState;
  readonly stage: WebSocketStageState;
  /** The path after the stage (after a custom domain's mapping key): "" or "/" for the WebSocket URL itself. */
  readonly rest: string;
}

/**
 * The stage of a WebSocket API request, as for HTTP APIs (https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-stages.html):
 * `wss://{api-id}.execute-api.{region}.amazonaws.com/{stage}` — a first path segment naming a stage,
 * else `$default`; through a custom domain, the API mapping's stage. Undefined: no such stage
 * (or the execute-api endpoint is disabled), answered 403 as AWS answers unknown paths there.
 */
export function selectWebSocketStage(api: WebSocketApiState, endpoint: Endpoint): WebSocketTarget | undefined {
  const path = endpoint.path;
  if (endpoint.customDomain !== undefined) {
    const name = endpoint.customDomain.stage;
    const stage = name === DEFAULT_STAGE_NAME ? api.defaultStage : api.namedStages.get(name);
    return stage?.deployment === undefined ? undefined : { api, stage, rest: path };
  }
  const end = path.indexOf('/', 1);
  const named = path.charCodeAt(0) === 47 ? api.namedStages.get(end < 0 ? path.slice(1) : path.slice(1, end)) : undefined;
  const stage = named ?? api.defaultStage;
  const deployment = stage?.deployment;
  if (stage === undefined || deployment === undefined || deployment.disableExecuteApiEndpoint) return undefined;
  return { api, stage, rest: named === undefined ? path : end < 0 ? '' : path.slice(end) };
}
