import type { ProtocolType } from './api.js';
import type { DeploymentSnapshot } from './deployment.js';
import type { ApiMapping } from './domain-name.js';
import type { Stage } from './stage.js';
import type { VpcLinkStatus } from './vpc-link.js';

/**
 * Everything the data plane serves, as frozen values. Built by the control plane after every
 * change and handed to the gateway, which never reads the store or the control plane itself.
 */
export interface ServingConfig {
  region: string;
  accountId: string;
  apis: ServedApi[];
  vpcLinks: Record<string, ServedVpcLink>;
  domainNames: ServedDomainName[];
}

export interface ServedApi {
  apiId: string;
  name: string;
  protocolType: ProtocolType;
  stages: ServedStage[];
}

export interface ServedStage {
  /** Live stage settings: variables, throttling, access logs apply without a deployment. */
  stage: Stage;
  /** The stage's deployment; absent until the stage is first deployed. */
  deployment?: ServedDeployment;
}

export interface ServedDeployment {
  deploymentId: string;
  /** Loaded on demand: the gateway compiles each deployment once and caches it by id. */
  snapshot(): DeploymentSnapshot;
}

export interface ServedVpcLink {
  name: string;
  status: VpcLinkStatus;
  statusMessage: string;
}

export interface ServedDomainName {
  domainName: string;
  mappings: ApiMapping[];
}
