import type { ControlPlane } from '../../src/control-plane/index.js';

/**
 * Everything the control plane holds that a hostile request could touch (APIs and their routes,
 * integrations, stages and deployments, VPC links, domain names), read back in process as JSON:
 * equal before and after means nothing was written.
 */
export function controlPlaneState(cp: ControlPlane): string {
  const apis = cp.run('GetApis', {}).items;
  return JSON.stringify({
    apis,
    each: apis.map((api) => ({
      routes: cp.run('GetRoutes', { apiId: api.apiId }).items,
      integrations: cp.run('GetIntegrations', { apiId: api.apiId }).items,
      stages: cp.run('GetStages', { apiId: api.apiId }).items,
      deployments: cp.run('GetDeployments', { apiId: api.apiId }).items,
    })),
    vpcLinks: cp.run('GetVpcLinks', {}).items,
    domainNames: cp.run('GetDomainNames', {}).items,
  });
}
