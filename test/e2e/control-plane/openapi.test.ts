import {
  CreateStageCommand,
  CreateVpcLinkCommand,
  ExportApiCommand,
  GetRoutesCommand,
  GetStageCommand,
  ImportApiCommand,
  ReimportApiCommand,
  type ApiGatewayV2Client,
} from '@aws-sdk/client-apigatewayv2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { type Harness, rejection, startControlPlane } from './harness.js';
import { petstore } from './openapi-fixture.js';

let h: Harness;
let client: ApiGatewayV2Client;
let vpcLinkId: string;
beforeEach(async () => {
  h = await startControlPlane();
  client = h.client();
  vpcLinkId = (await client.send(new CreateVpcLinkCommand({ Name: 'link', SubnetIds: ['subnet-1'] }))).VpcLinkId ?? '';
});
afterEach(async () => {
  await h.close();
});

const routeKeys = async (apiId: string | undefined): Promise<string[]> =>
  ((await client.send(new GetRoutesCommand({ ApiId: apiId }))).Items ?? []).map((r) => r.RouteKey ?? '').sort();

describe('OpenAPI through the AWS SDK', () => {
  it('ImportApi (PUT /v2/apis) → ExportApi as JSON and YAML → import of the export gives the same routes', async () => {
    const imported = await client.send(new ImportApiCommand({ Body: JSON.stringify(petstore(vpcLinkId)) }));
    expect(imported.$metadata.httpStatusCode).toBe(201);
    expect(imported).toMatchObject({ Name: 'petstore', Version: '1.0', ProtocolType: 'HTTP' });
    expect(imported.CorsConfiguration?.AllowOrigins).toEqual(['https://app.example.com']);
    const keys = await routeKeys(imported.ApiId);
    expect(keys).toEqual(['$default', 'ANY /internal/{proxy+}', 'GET /pets', 'GET /pets/{petId}', 'POST /pets']);

    const json = await client.send(new ExportApiCommand({ ApiId: imported.ApiId, Specification: 'OAS30', OutputType: 'JSON' }));
    const jsonText = new TextDecoder().decode(json.body);
    const yaml = await client.send(
      new ExportApiCommand({ ApiId: imported.ApiId, Specification: 'OAS30', OutputType: 'YAML', IncludeExtensions: true }),
    );
    const yamlText = new TextDecoder().decode(yaml.body);
    expect(parseYaml(yamlText)).toEqual(JSON.parse(jsonText));
    const copy = await client.send(new ImportApiCommand({ Body: yamlText }));
    expect(await routeKeys(copy.ApiId)).toEqual(keys);
  });

  it('ReimportApi (PUT /v2/apis/{apiId}) replaces the routes and redeploys the auto-deploy stage', async () => {
    const imported = await client.send(new ImportApiCommand({ Body: JSON.stringify(petstore(vpcLinkId)) }));
    await client.send(new CreateStageCommand({ ApiId: imported.ApiId, StageName: '$default', AutoDeploy: true }));
    const before = (await client.send(new GetStageCommand({ ApiId: imported.ApiId, StageName: '$default' }))).DeploymentId;
    const next =
      'openapi: "3.0.1"\ninfo:\n  title: v2\npaths:\n  /health:\n    get:\n      x-amazon-apigateway-integration:\n        type: http_proxy\n        httpMethod: GET\n        uri: https://backend.example.com/health\n        payloadFormatVersion: 1.0\n';
    const reimported = await client.send(new ReimportApiCommand({ ApiId: imported.ApiId, Body: next }));
    expect(reimported.$metadata.httpStatusCode).toBe(201);
    expect(reimported).toMatchObject({ ApiId: imported.ApiId, Name: 'v2' });
    expect(await routeKeys(imported.ApiId)).toEqual(['GET /health']);
    const after = (await client.send(new GetStageCommand({ ApiId: imported.ApiId, StageName: '$default' }))).DeploymentId;
    expect(after).not.toBe(before);
  });

  it('rejects Swagger 2.0, and fails on warnings only with failOnWarnings=true', async () => {
    const swagger = await rejection(client.send(new ImportApiCommand({ Body: '{"swagger":"2.0","info":{"title":"x"},"paths":{}}' })));
    expect(swagger.name).toBe('BadRequestException');
    expect(swagger.$metadata.httpStatusCode).toBe(400);
    const warned = JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'warned' },
      paths: { '/a': { get: { 'x-amazon-apigateway-integration': { type: 'MOCK', payloadFormatVersion: '1.0' } } } },
    });
    const tolerated = await client.send(new ImportApiCommand({ Body: warned, FailOnWarnings: false }));
    expect(tolerated.Warnings).toHaveLength(1);
    expect(tolerated.Warnings?.[0]).toMatch(/integration type MOCK is not supported for HTTP APIs/);
    const failed = await rejection(client.send(new ImportApiCommand({ Body: warned, FailOnWarnings: true })));
    expect(failed.name).toBe('BadRequestException');
    expect(failed.message).toMatch(/^Warnings found during import:/);
  });
});
