import type { ServedDeployment, ServedVpcLink, ServingConfig, Stage } from '../model/index.js';
import { DEFAULT_STAGE_NAME } from '../model/index.js';
import type { CompileDependencies, CompiledDeployment, CompiledRoute } from './compile-deployment.js';
import { buildDomainTable, type DomainTable } from './custom-domains.js';

export interface StageState {
  readonly stageName: string;
  readonly stage: Stage;
  /** undefined until the stage is first deployed: such a stage answers 404. */
  readonly deployment: CompiledDeployment | undefined;
  /** Routes whose integration URI uses stage variables, compiled for this stage's variables on first use. */
  readonly boundRoutes: Map<CompiledRoute, CompiledRoute>;
}

export interface ApiState {
  readonly apiId: string;
  /** Named stages only: `$default` is never selected by a path segment. */
  readonly namedStages: ReadonlyMap<string, StageState>;
  readonly defaultStage: StageState | undefined;
}

/** A ServingConfig turned into lookups, immutable once built; in-flight requests keep theirs. */
export interface ServingState {
  readonly accountId: string;
  readonly region: string;
  readonly apis: ReadonlyMap<string, ApiState>;
  readonly vpcLinks: Readonly<Record<string, ServedVpcLink>>;
  /** Custom domain names by lower-case name, with their API mappings (docs/reference/dataplane.md §1). */
  readonly domains: DomainTable;
  /** What compiles an integration when a stage's variables complete its URI (stage-variables.ts). */
  readonly compileDeps: CompileDependencies | undefined;
}

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
    // WebSocket APIs are a later phase (docs/reference/dataplane.md §12): not served, so their ids answer 404.
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
