import { describe, expect, it } from 'vitest';
import { newControlPlane, seed } from './control-plane.test-support.js';

/**
 * UpdateIntegration with empty parameter maps (what the Terraform provider sends for an integration
 * without request_parameters or response_parameters) changes nothing: no `{}` member is stored, so
 * the deployable configuration is the same and an auto-deploy stage gets no new deployment. The
 * first reload of an unchanged configuration after start-up used to redeploy for that reason.
 */
describe('UpdateIntegration with empty parameter maps', () => {
  it('stores no empty map and deploys nothing new', () => {
    const { cp } = newControlPlane();
    const { api, integration } = seed(cp);
    const deployed = cp.run('GetStage', { apiId: api.apiId, stageName: '$default' }).deploymentId;
    const updated = cp.run('UpdateIntegration', {
      apiId: api.apiId,
      integrationId: integration.integrationId,
      requestParameters: {},
      responseParameters: {},
    });
    expect(updated).not.toHaveProperty('requestParameters');
    expect(updated).not.toHaveProperty('responseParameters');
    expect(cp.run('GetStage', { apiId: api.apiId, stageName: '$default' }).deploymentId).toBe(deployed);
    expect(cp.run('GetDeployments', { apiId: api.apiId }).items).toHaveLength(1);
  });

  it('removing the last mapping leaves no member either, and adding one still works', () => {
    const { cp } = newControlPlane();
    const { api, integration } = seed(cp);
    const ids = { apiId: api.apiId, integrationId: integration.integrationId };
    const added = cp.run('UpdateIntegration', { ...ids, requestParameters: { 'append:header.x-a': '$request.header.b' } });
    expect(added.requestParameters).toEqual({ 'append:header.x-a': '$request.header.b' });
    const removed = cp.run('UpdateIntegration', { ...ids, requestParameters: { 'append:header.x-a': '' } });
    expect(removed).not.toHaveProperty('requestParameters');
  });
});
