import {
  CreateApiCommand,
  CreateApiMappingCommand,
  CreateDomainNameCommand,
  CreateRouteCommand,
  CreateStageCommand,
  CreateVpcLinkCommand,
  DeleteAccessLogSettingsCommand,
  DeleteApiMappingCommand,
  DeleteDomainNameCommand,
  DeleteRouteSettingsCommand,
  DeleteStageCommand,
  DeleteVpcLinkCommand,
  GetApiMappingCommand,
  GetDomainNameCommand,
  GetStageCommand,
  GetTagsCommand,
  GetVpcLinkCommand,
  ResetAuthorizersCacheCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateApiMappingCommand,
  UpdateDomainNameCommand,
  UpdateStageCommand,
  UpdateVpcLinkCommand,
  type ApiGatewayV2Client,
} from '@aws-sdk/client-apigatewayv2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, REGION, rejection, startControlPlane } from './harness.js';

let h: Harness;
let client: ApiGatewayV2Client;
beforeEach(async () => {
  h = await startControlPlane();
  client = h.client();
});
afterEach(async () => {
  await h.close();
});

/** Tag/untag with the ARN the provider builds itself, then read the tags back both ways. */
async function roundTripTags(arn: string): Promise<void> {
  const tagged = await client.send(new TagResourceCommand({ ResourceArn: arn, Tags: { added: 'yes', keep: 'k' } }));
  expect(tagged.$metadata.httpStatusCode).toBe(201);
  const untagged = await client.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['added', 'Name'] }));
  expect(untagged.$metadata.httpStatusCode).toBe(204);
  expect((await client.send(new GetTagsCommand({ ResourceArn: arn }))).Tags).toEqual({ keep: 'k' });
}

describe('aws_apigatewayv2_vpc_link', () => {
  it('is AVAILABLE for the create waiter and NotFound for the delete waiter', async () => {
    const link = await client.send(
      new CreateVpcLinkCommand({ Name: 'link', SubnetIds: ['subnet-1', 'subnet-2'], SecurityGroupIds: ['sg-1'], Tags: { Name: 'link' } }),
    );
    const polled = await client.send(new GetVpcLinkCommand({ VpcLinkId: link.VpcLinkId }));
    expect(polled).toMatchObject({ VpcLinkStatus: 'AVAILABLE', VpcLinkVersion: 'V2', Tags: { Name: 'link' } });
    expect((await client.send(new UpdateVpcLinkCommand({ VpcLinkId: link.VpcLinkId, Name: 'renamed' }))).Name).toBe('renamed');
    await roundTripTags(`arn:aws:apigateway:${REGION}::/vpclinks/${link.VpcLinkId}`);
    const deleted = await client.send(new DeleteVpcLinkCommand({ VpcLinkId: link.VpcLinkId }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    const gone = await rejection(client.send(new GetVpcLinkCommand({ VpcLinkId: link.VpcLinkId })));
    expect(gone.name).toBe('NotFoundException');
  });
});

describe('aws_apigatewayv2_stage', () => {
  it('create with tags → read → update variables ("" deletes) → DeleteRouteSettings by encoded key → delete', async () => {
    const api = await client.send(new CreateApiCommand({ Name: 'staged', ProtocolType: 'HTTP' }));
    await client.send(new CreateRouteCommand({ ApiId: api.ApiId, RouteKey: 'GET /pets' }));
    const created = await client.send(
      new CreateStageCommand({
        ApiId: api.ApiId,
        StageName: 'prod',
        AutoDeploy: false,
        StageVariables: { a: '1', b: '2' },
        RouteSettings: { 'GET /pets': { ThrottlingBurstLimit: 10, ThrottlingRateLimit: 5 } },
        AccessLogSettings: { DestinationArn: 'arn:aws:logs:us-east-2:123456789012:log-group:api', Format: '$context.requestId' },
        Tags: { Name: 'prod' },
      }),
    );
    expect(created.DefaultRouteSettings).toEqual({ DetailedMetricsEnabled: false });
    const read = await client.send(new GetStageCommand({ ApiId: api.ApiId, StageName: 'prod' }));
    expect(read).toMatchObject({ StageName: 'prod', Tags: { Name: 'prod' }, RouteSettings: { 'GET /pets': { ThrottlingBurstLimit: 10 } } });
    expect(read).not.toHaveProperty('ApiId');
    expect(read.DeploymentId).toBeUndefined();
    const updated = await client.send(new UpdateStageCommand({ ApiId: api.ApiId, StageName: 'prod', StageVariables: { a: '', c: '3' } }));
    expect(updated.StageVariables).toEqual({ b: '2', c: '3' });
    await client.send(new DeleteRouteSettingsCommand({ ApiId: api.ApiId, StageName: 'prod', RouteKey: 'GET /pets' }));
    expect((await client.send(new GetStageCommand({ ApiId: api.ApiId, StageName: 'prod' }))).RouteSettings).toEqual({});
    const again = await rejection(
      client.send(new DeleteRouteSettingsCommand({ ApiId: api.ApiId, StageName: 'prod', RouteKey: 'GET /pets' })),
    );
    expect(again.name).toBe('NotFoundException');
    await client.send(new DeleteAccessLogSettingsCommand({ ApiId: api.ApiId, StageName: 'prod' }));
    await client.send(new ResetAuthorizersCacheCommand({ ApiId: api.ApiId, StageName: 'prod' }));
    await roundTripTags(`arn:aws:apigateway:${REGION}::/apis/${api.ApiId}/stages/prod`);
    const logs = await rejection(
      client.send(new UpdateStageCommand({ ApiId: api.ApiId, StageName: 'prod', DefaultRouteSettings: { LoggingLevel: 'INFO' } })),
    );
    expect(logs.message).toBe('Execution logs are not supported on protocolType HTTP');
    await client.send(new DeleteStageCommand({ ApiId: api.ApiId, StageName: 'prod' }));
    expect((await rejection(client.send(new GetStageCommand({ ApiId: api.ApiId, StageName: 'prod' })))).name).toBe('NotFoundException');
  });

  it('addresses the $default stage through %24default, route settings included', async () => {
    const api = await client.send(new CreateApiCommand({ Name: 'default-stage', ProtocolType: 'HTTP', Tags: { Name: 'api' } }));
    await client.send(new CreateRouteCommand({ ApiId: api.ApiId, RouteKey: '$default' }));
    await client.send(
      new CreateStageCommand({
        ApiId: api.ApiId,
        StageName: '$default',
        AutoDeploy: true,
        RouteSettings: { $default: { ThrottlingRateLimit: 1 } },
      }),
    );
    const stage = await client.send(new GetStageCommand({ ApiId: api.ApiId, StageName: '$default' }));
    expect(stage).toMatchObject({ StageName: '$default', AutoDeploy: true });
    expect(stage.DeploymentId).toBeDefined();
    await client.send(new DeleteRouteSettingsCommand({ ApiId: api.ApiId, StageName: '$default', RouteKey: '$default' }));
    await roundTripTags(`arn:aws:apigateway:${REGION}::/apis/${api.ApiId}/stages/$default`);
    await roundTripTags(`arn:aws:apigateway:${REGION}::/apis/${api.ApiId}`);
  });
});

describe('aws_apigatewayv2_domain_name and aws_apigatewayv2_api_mapping', () => {
  it('domain is AVAILABLE for the waiter; mapping create → read → update → delete; domain delete', async () => {
    const api = await client.send(new CreateApiCommand({ Name: 'mapped', ProtocolType: 'HTTP' }));
    await client.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: 'prod' }));
    await client.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: 'beta' }));
    const certificateArn = 'arn:aws:acm:us-east-2:123456789012:certificate/abc';
    const domain = await client.send(
      new CreateDomainNameCommand({
        DomainName: 'api.example.com',
        DomainNameConfigurations: [{ CertificateArn: certificateArn, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }],
        Tags: { Name: 'domain' },
      }),
    );
    const polled = await client.send(new GetDomainNameCommand({ DomainName: 'api.example.com' }));
    expect(polled.DomainNameConfigurations?.[0]).toMatchObject({ DomainNameStatus: 'AVAILABLE', CertificateArn: certificateArn });
    expect(polled.DomainNameConfigurations?.[0]?.ApiGatewayDomainName).toBeDefined();
    expect(polled.Tags).toEqual({ Name: 'domain' });
    await client.send(
      new UpdateDomainNameCommand({
        DomainName: 'api.example.com',
        DomainNameConfigurations: [{ CertificateArn: certificateArn, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }],
        MutualTlsAuthentication: { TruststoreUri: '' },
      }),
    );
    await roundTripTags(domain.DomainNameArn ?? `arn:aws:apigateway:${REGION}::/domainnames/api.example.com`);
    const mapping = await client.send(
      new CreateApiMappingCommand({ DomainName: 'api.example.com', ApiId: api.ApiId, Stage: 'prod', ApiMappingKey: 'v1' }),
    );
    expect(
      await client.send(new GetApiMappingCommand({ DomainName: 'api.example.com', ApiMappingId: mapping.ApiMappingId })),
    ).toMatchObject({
      ApiId: api.ApiId,
      Stage: 'prod',
      ApiMappingKey: 'v1',
    });
    const updated = await client.send(
      new UpdateApiMappingCommand({ DomainName: 'api.example.com', ApiMappingId: mapping.ApiMappingId, ApiId: api.ApiId, Stage: 'beta' }),
    );
    expect(updated.Stage).toBe('beta');
    await client.send(new DeleteApiMappingCommand({ DomainName: 'api.example.com', ApiMappingId: mapping.ApiMappingId }));
    await client.send(new DeleteDomainNameCommand({ DomainName: 'api.example.com' }));
    expect((await rejection(client.send(new GetDomainNameCommand({ DomainName: 'api.example.com' })))).name).toBe('NotFoundException');
  });
});
