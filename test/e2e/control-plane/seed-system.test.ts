import {
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  CreateVpcLinkCommand,
  GetDeploymentsCommand,
  GetStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, LISTENER_ARN, startControlPlane } from './harness.js';

describe.each(['sqlite', 'memory'] as const)("the seed's system, built through the AWS SDK alone (%s store)", (store) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startControlPlane({ store });
  });
  afterEach(async () => {
    await h.close();
  });

  it('deploys the $default auto-deploy stage and hands the snapshot to the serving config', async () => {
    const client = h.client();
    const api = await client.send(new CreateApiCommand({ Name: 'development-api-gatewayv2', ProtocolType: 'HTTP', Tags: { env: 'dev' } }));
    const link = await client.send(
      new CreateVpcLinkCommand({ Name: 'development-vpclink', SubnetIds: ['subnet-1', 'subnet-2'], SecurityGroupIds: ['sg-1'] }),
    );
    const integration = await client.send(
      new CreateIntegrationCommand({
        ApiId: api.ApiId,
        IntegrationType: 'HTTP_PROXY',
        ConnectionId: link.VpcLinkId,
        ConnectionType: 'VPC_LINK',
        Description: 'VPC integration',
        IntegrationMethod: 'ANY',
        IntegrationUri: LISTENER_ARN,
        PassthroughBehavior: 'WHEN_NO_MATCH',
        PayloadFormatVersion: '1.0',
      }),
    );
    await client.send(
      new CreateRouteCommand({
        ApiId: api.ApiId,
        RouteKey: '$default',
        Target: `integrations/${integration.IntegrationId}`,
        ApiKeyRequired: false,
        AuthorizationType: 'NONE',
      }),
    );
    await client.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: '$default', AutoDeploy: true }));

    const stage = await client.send(new GetStageCommand({ ApiId: api.ApiId, StageName: '$default' }));
    expect(stage.DeploymentId).toBeDefined();
    const deployments = await client.send(new GetDeploymentsCommand({ ApiId: api.ApiId }));
    expect(deployments.Items).toEqual([
      expect.objectContaining({ DeploymentId: stage.DeploymentId, AutoDeployed: true, DeploymentStatus: 'DEPLOYED' }),
    ]);

    const served = h.controlPlane.servingConfig();
    expect(served.vpcLinks[link.VpcLinkId ?? '']).toMatchObject({ name: 'development-vpclink', status: 'AVAILABLE' });
    const servedApi = served.apis.find((a) => a.apiId === api.ApiId);
    const servedStage = servedApi?.stages.find((s) => s.stage.stageName === '$default');
    expect(servedStage?.deployment?.deploymentId).toBe(stage.DeploymentId);
    const snapshot = servedStage?.deployment?.snapshot();
    expect(snapshot?.routes).toEqual([
      expect.objectContaining({ routeKey: '$default', target: `integrations/${integration.IntegrationId}` }),
    ]);
    expect(snapshot?.integrations).toEqual([
      expect.objectContaining({
        connectionType: 'VPC_LINK',
        connectionId: link.VpcLinkId,
        integrationUri: LISTENER_ARN,
        integrationMethod: 'ANY',
      }),
    ]);
  });
});
