import type { ServingConfig } from '../model/index.js';
import type { Store } from '../store/index.js';

/** What a serving configuration says besides the store's contents (API endpoints are not part of it). */
export interface ServingConfigSettings {
  readonly region: string;
  readonly accountId: string;
}

/**
 * The frozen view the data plane serves: APIs with their stages and deployments, VPC links, domains,
 * read from the store. `ControlPlane.servingConfig()` is this over its own store; a gateway worker of
 * `--workers N` calls it on the state it reads, without a control plane of its own.
 */
export function buildServingConfig(store: Store, settings: ServingConfigSettings): ServingConfig {
  const vpcLinks: ServingConfig['vpcLinks'] = {};
  for (const link of store.list('vpcLinks', ''))
    vpcLinks[link.vpcLinkId] = { name: link.name, status: link.vpcLinkStatus, statusMessage: link.vpcLinkStatusMessage };
  return {
    region: settings.region,
    accountId: settings.accountId,
    apis: store.list('apis', '').map((api) => ({
      apiId: api.apiId,
      name: api.name,
      protocolType: api.protocolType,
      stages: store.list('stages', api.apiId).map((stage) => {
        const deploymentId = stage.deploymentId;
        if (!deploymentId) return { stage };
        return {
          stage,
          deployment: {
            deploymentId,
            snapshot: () => {
              const snapshot = store.get('deploymentSnapshots', api.apiId, deploymentId);
              if (!snapshot) throw new Error(`deployment ${deploymentId} of API ${api.apiId} has no snapshot`);
              return snapshot;
            },
          },
        };
      }),
    })),
    vpcLinks,
    domainNames: store.list('domainNames', '').map((domain) => ({
      domainName: domain.domainName,
      mappings: store.list('apiMappings', domain.domainName),
    })),
  };
}
