import {
  type ApiGatewayV2Client,
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
} from '@aws-sdk/client-apigatewayv2';

/** An HTTP API whose `$default` route proxies to `backend`, on an auto-deployed `$default` stage throttled at rate/burst. */
export async function createThrottledApi(client: ApiGatewayV2Client, backend: string, rate: number, burst: number): Promise<string> {
  const apiId = (await client.send(new CreateApiCommand({ Name: 'throttled', ProtocolType: 'HTTP' }))).ApiId ?? '';
  const integration = await client.send(
    new CreateIntegrationCommand({
      ApiId: apiId,
      IntegrationType: 'HTTP_PROXY',
      IntegrationMethod: 'ANY',
      IntegrationUri: backend,
      PayloadFormatVersion: '1.0',
    }),
  );
  await client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: '$default', Target: `integrations/${integration.IntegrationId}` }));
  await client.send(
    new CreateStageCommand({
      ApiId: apiId,
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: rate, ThrottlingBurstLimit: burst },
    }),
  );
  return apiId;
}
