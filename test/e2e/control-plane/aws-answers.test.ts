import {
  type ApiGatewayV2Client,
  BadRequestException,
  CreateApiCommand,
  CreateApiMappingCommand,
  CreateAuthorizerCommand,
  CreateDomainNameCommand,
  CreateRouteCommand,
  CreateStageCommand,
  DeleteDomainNameCommand,
  DeleteStageCommand,
  GetApiCommand,
  GetApisCommand,
  GetDomainNameCommand,
  GetRoutesCommand,
  GetStageCommand,
  GetStagesCommand,
  ImportApiCommand,
  NotFoundException,
  ReimportApiCommand,
  UpdateApiMappingCommand,
  UpdateRouteCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, rejection, startControlPlane } from './harness.js';

/**
 * Six answers pinned to what AWS itself sends (issue #18), each asserted as an AWS SDK user sees
 * it: the exception class, the HTTP status and the exact message. The evidence for each is
 * cited where the answer is made (lookups.ts, api-mappings.ts, routes.ts, stages.ts, openapi/).
 */

let h: Harness;
let client: ApiGatewayV2Client;
beforeEach(async () => {
  h = await startControlPlane();
  client = h.client();
});
afterEach(async () => {
  await h.close();
});

async function expectAnswer(
  call: Promise<unknown> | (() => Promise<unknown>),
  type: typeof BadRequestException | typeof NotFoundException,
  status: number,
  message: string,
): Promise<void> {
  const error = await rejection(typeof call === 'function' ? call() : call);
  expect(error).toBeInstanceOf(type);
  expect(error.$metadata.httpStatusCode).toBe(status);
  expect(error.message).toBe(message);
}

const newApi = async (name = 'api'): Promise<string> =>
  (await client.send(new CreateApiCommand({ Name: name, ProtocolType: 'HTTP' }))).ApiId ?? '';

/** The body TestAccAPIGatewayV2API_OpenAPI_failOnWarnings sends to AWS. */
const UNRESOLVED_SCHEMA = JSON.stringify({
  openapi: '3.0.1',
  info: { title: 'Title test', version: '2.0', description: 'Description test' },
  paths: {
    '/update': {
      get: {
        'x-amazon-apigateway-integration': {
          type: 'HTTP_PROXY',
          httpMethod: 'GET',
          payloadFormatVersion: '1.0',
          uri: 'https://www.google.de',
        },
        responses: {
          '200': {
            description: 'Response description',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ModelThatDoesNotExist' } } },
          },
        },
      },
    },
  },
});
const WARNING =
  "Parse issue: attribute paths.'/update'(get).responses.200.content.schema.#/components/schemas/ModelThatDoesNotExist is missing";

describe('1. import warnings and failOnWarnings', () => {
  it('refuses ReimportApi and ImportApi with failOnWarnings, changing nothing', async () => {
    const apiId = await newApi('test-import-api');
    const refused = `Warnings found during import:\n\t${WARNING}`;
    await expectAnswer(
      client.send(new ReimportApiCommand({ ApiId: apiId, Body: UNRESOLVED_SCHEMA, FailOnWarnings: true })),
      BadRequestException,
      400,
      refused,
    );
    expect((await client.send(new GetApiCommand({ ApiId: apiId }))).Name).toBe('test-import-api');
    expect((await client.send(new GetRoutesCommand({ ApiId: apiId }))).Items).toEqual([]);
    await expectAnswer(
      client.send(new ImportApiCommand({ Body: UNRESOLVED_SCHEMA, FailOnWarnings: true })),
      BadRequestException,
      400,
      refused,
    );
    expect((await client.send(new GetApisCommand({}))).Items?.map((a) => a.Name)).toEqual(['test-import-api']);
  });

  it('imports without the flag and returns the warning in warnings', async () => {
    const apiId = await newApi('test-import-api');
    const reimported = await client.send(new ReimportApiCommand({ ApiId: apiId, Body: UNRESOLVED_SCHEMA }));
    expect(reimported).toMatchObject({ Name: 'Title test', Warnings: [WARNING] });
    expect((await client.send(new GetRoutesCommand({ ApiId: apiId }))).Items?.map((r) => r.RouteKey)).toEqual(['GET /update']);
    const imported = await client.send(new ImportApiCommand({ Body: UNRESOLVED_SCHEMA, FailOnWarnings: false }));
    expect(imported.Warnings).toEqual([WARNING]);
    const resolved = JSON.parse(UNRESOLVED_SCHEMA) as Record<string, unknown>;
    resolved['components'] = { schemas: { ModelThatDoesNotExist: { type: 'object' } } };
    const clean = await client.send(new ImportApiCommand({ Body: JSON.stringify(resolved), FailOnWarnings: true }));
    expect(clean.Warnings).toBeUndefined();
  });
});

describe('2. stage defaults', () => {
  it('answers {DetailedMetricsEnabled: false} and no throttling when none was set; set limits, 0 too, as stored', async () => {
    const apiId = await newApi();
    const created = await client.send(new CreateStageCommand({ ApiId: apiId, StageName: 'dev' }));
    expect(created.DefaultRouteSettings).toStrictEqual({ DetailedMetricsEnabled: false });
    const read = await client.send(new GetStageCommand({ ApiId: apiId, StageName: 'dev' }));
    expect(read.DefaultRouteSettings).toStrictEqual({ DetailedMetricsEnabled: false });
    await client.send(
      new CreateStageCommand({
        ApiId: apiId,
        StageName: 'closed',
        DefaultRouteSettings: { ThrottlingBurstLimit: 0, ThrottlingRateLimit: 0 },
      }),
    );
    const listed = (await client.send(new GetStagesCommand({ ApiId: apiId }))).Items ?? [];
    expect(Object.fromEntries(listed.map((s) => [s.StageName, s.DefaultRouteSettings]))).toStrictEqual({
      dev: { DetailedMetricsEnabled: false },
      closed: { DetailedMetricsEnabled: false, ThrottlingBurstLimit: 0, ThrottlingRateLimit: 0 },
    });
    // The data plane reads the stored settings: nothing set is no stage limit, an explicit 0 a limit of 0.
    const served = h.controlPlane.servingConfig().apis.find((a) => a.apiId === apiId)?.stages ?? [];
    const settings = Object.fromEntries(served.map((s) => [s.stage.stageName, s.stage.defaultRouteSettings]));
    expect(settings).toStrictEqual({ dev: {}, closed: { throttlingBurstLimit: 0, throttlingRateLimit: 0 } });
  });
});

describe('3. stage not found', () => {
  it('answers NotFoundException "Invalid stage identifier specified" with nothing after it', async () => {
    const apiId = await newApi();
    for (const call of [
      () => client.send(new GetStageCommand({ ApiId: apiId, StageName: 'nope' })),
      () => client.send(new UpdateStageCommand({ ApiId: apiId, StageName: 'nope', Description: 'd' })),
      () => client.send(new DeleteStageCommand({ ApiId: apiId, StageName: 'nope' })),
    ])
      await expectAnswer(call, NotFoundException, 404, 'Invalid stage identifier specified');
  });
});

describe('4. API mapping to a stage that does not exist', () => {
  it('answers BadRequestException "Invalid stage identifier specified" on create and update', async () => {
    const apiId = await newApi();
    await client.send(
      new CreateDomainNameCommand({
        DomainName: 'api.example.com',
        DomainNameConfigurations: [{ CertificateArn: 'arn:aws:acm:us-east-2:123456789012:certificate/abc', EndpointType: 'REGIONAL' }],
      }),
    );
    await expectAnswer(
      client.send(new CreateApiMappingCommand({ DomainName: 'api.example.com', ApiId: apiId, Stage: '$default' })),
      BadRequestException,
      400,
      'Invalid stage identifier specified',
    );
    await client.send(new CreateStageCommand({ ApiId: apiId, StageName: 'prod' }));
    const mapping = await client.send(new CreateApiMappingCommand({ DomainName: 'api.example.com', ApiId: apiId, Stage: 'prod' }));
    await expectAnswer(
      client.send(
        new UpdateApiMappingCommand({ DomainName: 'api.example.com', ApiMappingId: mapping.ApiMappingId, ApiId: apiId, Stage: 'gone' }),
      ),
      BadRequestException,
      400,
      'Invalid stage identifier specified',
    );
  });
});

describe('5. route with an authorizer that does not exist or is of the wrong type', () => {
  const JWT = 'Invalid authorizer ID specified. Setting the authorization type to JWT requires a valid JWT authorizer.';
  const CUSTOM =
    'Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.';

  it('answers BadRequestException in AWS words, on create and update', async () => {
    const apiId = await newApi();
    const jwt = await client.send(
      new CreateAuthorizerCommand({
        ApiId: apiId,
        Name: 'jwt',
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: { Issuer: 'https://issuer.example.com', Audience: ['a'] },
      }),
    );
    const lambda = await client.send(
      new CreateAuthorizerCommand({
        ApiId: apiId,
        Name: 'lambda',
        AuthorizerType: 'REQUEST',
        AuthorizerUri:
          'arn:aws:apigateway:us-east-2:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-2:123456789012:function:auth/invocations',
        AuthorizerPayloadFormatVersion: '2.0',
        IdentitySource: ['$request.header.Authorization'],
      }),
    );
    const route = (authorizationType: 'JWT' | 'CUSTOM', authorizerId: string | undefined) =>
      client.send(
        new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /pets', AuthorizationType: authorizationType, AuthorizerId: authorizerId }),
      );
    await expectAnswer(route('JWT', 'nope123'), BadRequestException, 400, JWT);
    await expectAnswer(route('JWT', lambda.AuthorizerId), BadRequestException, 400, JWT);
    await expectAnswer(route('CUSTOM', 'nope123'), BadRequestException, 400, CUSTOM);
    await expectAnswer(route('CUSTOM', jwt.AuthorizerId), BadRequestException, 400, CUSTOM);
    const ok = await route('JWT', jwt.AuthorizerId);
    await expectAnswer(
      client.send(new UpdateRouteCommand({ ApiId: apiId, RouteId: ok.RouteId, AuthorizationType: 'CUSTOM' })),
      BadRequestException,
      400,
      CUSTOM,
    );
  });
});

describe('6. domain name not found', () => {
  it('answers NotFoundException "Invalid domain name identifier specified"', async () => {
    const apiId = await newApi();
    await client.send(new CreateStageCommand({ ApiId: apiId, StageName: 'prod' }));
    for (const call of [
      () => client.send(new GetDomainNameCommand({ DomainName: 'missing.example.com' })),
      () => client.send(new DeleteDomainNameCommand({ DomainName: 'missing.example.com' })),
      () => client.send(new CreateApiMappingCommand({ DomainName: 'missing.example.com', ApiId: apiId, Stage: 'prod' })),
    ])
      await expectAnswer(call, NotFoundException, 404, 'Invalid domain name identifier specified');
  });
});
