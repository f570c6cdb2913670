import { describe, expect, it } from 'vitest';
import { expectError, LISTENER, newControlPlane, seed } from './control-plane.test-support.js';
import { ServiceError } from './service-errors.js';

describe('ControlPlane: the seed system', () => {
  it('creates every resource with AWS defaults and deploys the auto-deploy stage', () => {
    const { cp } = newControlPlane();
    const { api, link, integration, route, stage } = seed(cp);
    expect(api).toMatchObject({
      apiEndpoint: `http://${api.apiId}.execute-api.localhost:4566`,
      apiKeySelectionExpression: '$request.header.x-api-key',
      routeSelectionExpression: '$request.method $request.path',
      disableExecuteApiEndpoint: false,
      createdDate: '2026-11-25T12:00:00Z',
      tags: { env: 'dev' },
    });
    expect(api.apiId).toMatch(/^[a-z0-9]{10}$/);
    expect(link).toMatchObject({ vpcLinkStatus: 'AVAILABLE', vpcLinkVersion: 'V2' });
    expect(link.vpcLinkId).toMatch(/^[a-z0-9]{6}$/);
    expect(integration).toMatchObject({ connectionType: 'VPC_LINK', payloadFormatVersion: '1.0', timeoutInMillis: 30000 });
    expect(integration).not.toHaveProperty('passthroughBehavior');
    expect(route).toMatchObject({ authorizationType: 'NONE', apiKeyRequired: false });
    expect(stage.defaultRouteSettings).toEqual({ detailedMetricsEnabled: false });
    const deployed = cp.run('GetStage', { apiId: api.apiId, stageName: '$default' });
    expect(deployed.deploymentId).toBeDefined();
    const deployment = cp.run('GetDeployment', { apiId: api.apiId, deploymentId: deployed.deploymentId });
    expect(deployment).toMatchObject({ autoDeployed: true, deploymentStatus: 'DEPLOYED' });
    const served = cp.servingConfig().apis[0]?.stages[0]?.deployment?.snapshot();
    expect(served?.routes.map((r) => r.routeKey)).toEqual(['$default']);
    expect(served?.integrations[0]?.integrationUri).toBe(LISTENER);
  });

  it('batches auto-deploys and emits one change event per unit of work', () => {
    const { cp, events } = newControlPlane();
    cp.batch(() => seed(cp));
    expect(events).toEqual([{ kind: 'config' }]);
    const apiId = cp.run('GetApis', {}).items[0]?.apiId ?? '';
    expect(cp.run('GetDeployments', { apiId }).items).toHaveLength(1);
  });

  it('does not redeploy when nothing deployable changed, and prunes replaced auto-deployments', () => {
    const { cp } = newControlPlane();
    const { api, integration } = seed(cp);
    const first = cp.run('GetStage', { apiId: api.apiId, stageName: '$default' }).deploymentId;
    cp.run('UpdateApi', { apiId: api.apiId, name: 'renamed' });
    expect(cp.run('GetStage', { apiId: api.apiId, stageName: '$default' }).deploymentId).toBe(first);
    cp.run('UpdateIntegration', {
      apiId: api.apiId,
      integrationId: integration.integrationId,
      integrationType: 'HTTP_PROXY',
      timeoutInMillis: 5000,
    });
    const second = cp.run('GetStage', { apiId: api.apiId, stageName: '$default' }).deploymentId;
    expect(second).not.toBe(first);
    expect(cp.run('GetDeployments', { apiId: api.apiId }).items.map((d) => d.deploymentId)).toEqual([second]);
  });

  it('keeps serving the last deployment on a stage without autoDeploy until CreateDeployment', () => {
    const { cp } = newControlPlane();
    const { api, integration } = seed(cp);
    cp.run('CreateStage', { apiId: api.apiId, stageName: 'prod' });
    const prodOf = () => cp.servingConfig().apis[0]?.stages.find((s) => s.stage.stageName === 'prod');
    expect(prodOf()?.deployment).toBeUndefined();
    const deployment = cp.run('CreateDeployment', { apiId: api.apiId, stageName: 'prod', description: 'v1' });
    cp.run('CreateRoute', { apiId: api.apiId, routeKey: 'GET /pets', target: `integrations/${integration.integrationId}` });
    expect(prodOf()?.deployment?.deploymentId).toBe(deployment.deploymentId);
    expect(
      prodOf()
        ?.deployment?.snapshot()
        .routes.map((r) => r.routeKey),
    ).toEqual(['$default']);
    expectError(
      () => cp.run('DeleteDeployment', { apiId: api.apiId, deploymentId: deployment.deploymentId }),
      'BadRequestException',
      /Active stages pointing to this deployment/,
    );
  });

  it('refuses CreateDeployment to an autoDeploy stage and leaves its deployment alone (docs/compatibility.md)', () => {
    const { cp } = newControlPlane();
    const { api } = seed(cp);
    const before = cp.run('GetStage', { apiId: api.apiId, stageName: '$default' }).deploymentId;
    expectError(
      () => cp.run('CreateDeployment', { apiId: api.apiId, stageName: '$default' }),
      'BadRequestException',
      /^Stage \$default has autoDeploy enabled and deploys every change by itself; deploy to a stage without autoDeploy\.$/,
    );
    expect(cp.run('GetStage', { apiId: api.apiId, stageName: '$default' }).deploymentId).toBe(before);
    expect(cp.run('GetDeployments', { apiId: api.apiId }).items.map((d) => d.deploymentId)).toEqual([before]);
  });
});

describe('ControlPlane: atomicity, ids and paging', () => {
  it('rolls back a whole batch when one operation fails', () => {
    const { cp, events } = newControlPlane();
    expect(() =>
      cp.batch(() => {
        cp.run('CreateApi', { name: 'one', protocolType: 'HTTP' });
        cp.run('CreateApi', { name: '', protocolType: 'HTTP' });
      }),
    ).toThrow(ServiceError);
    expect(cp.run('GetApis', {}).items).toEqual([]);
    expect(events).toEqual([]);
  });

  it('uses a requested id for the created resource', () => {
    const { cp } = newControlPlane();
    const api = cp.run('CreateApi', { name: 'stable', protocolType: 'HTTP' }, { id: 'abcdefghij' });
    expect(api.apiId).toBe('abcdefghij');
    expect(cp.run('GetApi', { apiId: 'abcdefghij' }).name).toBe('stable');
  });

  it('pages with maxResults and nextToken', () => {
    const { cp } = newControlPlane();
    for (let i = 0; i < 5; i++) cp.run('CreateApi', { name: `api-${i}`, protocolType: 'HTTP' });
    const first = cp.run('GetApis', { maxResults: '2' });
    expect(first.items.map((a) => a.name)).toEqual(['api-0', 'api-1']);
    const second = cp.run('GetApis', { maxResults: '2', nextToken: first.nextToken });
    const third = cp.run('GetApis', { maxResults: '2', nextToken: second.nextToken });
    expect([...second.items, ...third.items].map((a) => a.name)).toEqual(['api-2', 'api-3', 'api-4']);
    expect(third.nextToken).toBeUndefined();
    expectError(() => cp.run('GetApis', { maxResults: '0' }), 'BadRequestException', /maxResults/);
  });

  it('answers everything in one page when maxResults is not given (docs/compatibility.md)', () => {
    const { cp } = newControlPlane();
    // More than any page size a client might assume (AWS publishes no default).
    for (let i = 0; i < 120; i++) cp.run('CreateApi', { name: `api-${i}`, protocolType: 'HTTP' });
    const page = cp.run('GetApis', {});
    expect(page.items).toHaveLength(120);
    expect(page.nextToken).toBeUndefined();
  });

  it('quick create makes a managed integration, route and $default auto-deploy stage', () => {
    const { cp } = newControlPlane();
    const api = cp.run('CreateApi', { name: 'quick', protocolType: 'HTTP', target: 'https://example.com' });
    const [route] = cp.run('GetRoutes', { apiId: api.apiId }).items;
    expect(route).toMatchObject({ routeKey: '$default', apiGatewayManaged: true });
    const [stage] = cp.run('GetStages', { apiId: api.apiId }).items;
    expect(stage).toMatchObject({ stageName: '$default', autoDeploy: true, apiGatewayManaged: true });
    expect(stage?.deploymentId).toBeDefined();
    expectError(
      () => cp.run('DeleteRoute', { apiId: api.apiId, routeId: route?.routeId }),
      'BadRequestException',
      /managed by API Gateway/,
    );
  });
});
