import { DEFAULT_STAGE_NAME, type ServedDeployment, type ServingConfig } from '../model/index.js';
import { buildDomainTable } from './custom-domains.js';
import type { ApiState, CompileDependencies, CompiledDeployment, ServingState, StageState } from './deployment.js';

export const EMPTY_STATE: ServingState = {
  accountId: '',
  region: '',
  apis: new Map(),
  vpcLinks: {},
  domains: buildDomainTable([]),
  compileDeps: undefined,
};

/**
 * Build the serving state, compiling each deployment at most once: `previous` holds the deployments
 * compiled for the last config by `{apiId}/{deploymentId}`; the returned cache keeps only those still in use.
 */
export function buildServingState(
  config: ServingConfig,
  previous: ReadonlyMap<string, CompiledDeployment>,
  compile: (apiId: string, deployment: ServedDeployment) => CompiledDeployment,
  compileDeps?: CompileDependencies,
): { state: ServingState; compiled: Map<string, CompiledDeployment> } {
  const compiled = new Map<string, CompiledDeployment>();
  const apis = new Map<string, ApiState>();
  for (const api of config.apis) {
    // WebSocket APIs are served beside these by websocket/ (websocket-serving-state.ts, docs/reference/dataplane.md §12).
    if (api.protocolType !== 'HTTP') continue;
    const namedStages = new Map<string, StageState>();
    let defaultStage: StageState | undefined;
    for (const served of api.stages) {
      let deployment: CompiledDeployment | undefined;
      if (served.deployment !== undefined) {
        const cacheKey = `${api.apiId}/${served.deployment.deploymentId}`;
        deployment = compiled.get(cacheKey) ?? previous.get(cacheKey) ?? compile(api.apiId, served.deployment);
        compiled.set(cacheKey, deployment);
      }
      const stageState: StageState = {
        stageName: served.stage.stageName,
        stage: served.stage,
        deployment,
        boundRoutes: new Map(),
      };
      if (served.stage.stageName === DEFAULT_STAGE_NAME) defaultStage = stageState;
      else namedStages.set(served.stage.stageName, stageState);
    }
    apis.set(api.apiId, { apiId: api.apiId, namedStages, defaultStage });
  }
  return {
    state: {
      accountId: config.accountId,
      region: config.region,
      apis,
      vpcLinks: config.vpcLinks,
      domains: buildDomainTable(config.domainNames),
      compileDeps,
    },
    compiled,
  };
}
