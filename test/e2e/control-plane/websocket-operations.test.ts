import {
  type ApiGatewayV2Client,
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateIntegrationResponseCommand,
  CreateModelCommand,
  CreateRouteCommand,
  CreateRouteResponseCommand,
  CreateStageCommand,
  DeleteIntegrationResponseCommand,
  DeleteModelCommand,
  DeleteRouteRequestParameterCommand,
  DeleteRouteResponseCommand,
  GetIntegrationResponseCommand,
  GetIntegrationResponsesCommand,
  GetModelCommand,
  GetModelsCommand,
  GetModelTemplateCommand,
  GetRouteCommand,
  GetRouteResponseCommand,
  GetRouteResponsesCommand,
  GetStageCommand,
  UpdateIntegrationResponseCommand,
  UpdateModelCommand,
  UpdateRouteResponseCommand,
} from '@aws-sdk/client-apigatewayv2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, rejection, startControlPlane } from './harness.js';

/** The WebSocket-only operations through the real AWS SDK v3 client: shapes, status codes and errors on the wire. */
let h: Harness;
let client: ApiGatewayV2Client;
let ApiId: string;
beforeEach(async () => {
  h = await startControlPlane();
  client = h.client();
  ApiId = (
    await client.send(new CreateApiCommand({ Name: 'chat', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }))
  ).ApiId as string;
});
afterEach(async () => {
  await h.close();
});

async function expectRejected(promise: Promise<unknown>, name: string, status: number, message: string | RegExp): Promise<void> {
  const error = await rejection(promise);
  expect(error.name).toBe(name);
  expect(error.$metadata.httpStatusCode).toBe(status);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
}

describe('WebSocket APIs over the wire', () => {
  it('CreateApi answers what a WebSocket API is, and refuses what it cannot have', async () => {
    const api = await client.send(
      new CreateApiCommand({ Name: 'ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '${request.body.a.b}' }),
    );
    expect(api).toMatchObject({
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '${request.body.a.b}',
      ApiKeySelectionExpression: '$request.header.x-api-key',
    });
    await expectRejected(
      client.send(new CreateApiCommand({ Name: 'ws', ProtocolType: 'WEBSOCKET' })),
      'BadRequestException',
      400,
      'routeSelectionExpression is required for WebSocket APIs, for example $request.body.action.',
    );
    await expectRejected(
      client.send(
        new CreateApiCommand({
          Name: 'ws',
          ProtocolType: 'WEBSOCKET',
          RouteSelectionExpression: '$request.body.action',
          CorsConfiguration: { AllowOrigins: ['*'] },
        }),
      ),
      'BadRequestException',
      400,
      'corsConfiguration is supported only for HTTP APIs; WebSocket APIs have no CORS.',
    );
  });

  it('Models: create, get, page, update, template, delete, and the errors of each', async () => {
    const schema = JSON.stringify({ type: 'object', properties: { message: { type: 'string' } } });
    const created = await client.send(new CreateModelCommand({ ApiId, Name: 'Message', ContentType: 'application/json', Schema: schema }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created).toMatchObject({
      Name: 'Message',
      ContentType: 'application/json',
      Schema: schema,
      ModelId: expect.stringMatching(/^[a-z0-9]{7}$/),
    });
    const ModelId = created.ModelId as string;
    expect(await client.send(new GetModelCommand({ ApiId, ModelId }))).toMatchObject({ Name: 'Message' });
    expect((await client.send(new GetModelsCommand({ ApiId }))).Items?.map((m) => m.Name)).toEqual(['Message']);
    expect((await client.send(new UpdateModelCommand({ ApiId, ModelId, Description: 'chat message' }))).Description).toBe('chat message');
    expect((await client.send(new GetModelTemplateCommand({ ApiId, ModelId }))).Value).toBe(
      '#set($inputRoot = $input.path(\'$\'))\n{\n  "message" : "$inputRoot.message"\n}\n',
    );
    await expectRejected(
      client.send(new CreateModelCommand({ ApiId, Name: 'Message', Schema: '{}' })),
      'ConflictException',
      409,
      `Model name already exists for this API: Message (${ModelId}).`,
    );
    await expectRejected(
      client.send(new CreateModelCommand({ ApiId, Name: 'Bad', Schema: 'not json' })),
      'BadRequestException',
      400,
      /^Invalid model specified: Validation Result: warnings : \[\], errors : \[Invalid model schema specified: the schema is not JSON/,
    );
    const deleted = await client.send(new DeleteModelCommand({ ApiId, ModelId }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    await expectRejected(
      client.send(new GetModelCommand({ ApiId, ModelId })),
      'NotFoundException',
      404,
      `Invalid Model identifier specified ${ModelId}`,
    );
    const http = await client.send(new CreateApiCommand({ Name: 'h', ProtocolType: 'HTTP' }));
    await expectRejected(
      client.send(new GetModelsCommand({ ApiId: http.ApiId })),
      'BadRequestException',
      400,
      `GetModels is supported only for WebSocket APIs; API ${http.ApiId} is an HTTP API.`,
    );
  });

  it('RouteResponses and DeleteRouteRequestParameter', async () => {
    const route = await client.send(
      new CreateRouteCommand({
        ApiId,
        RouteKey: '$connect',
        RouteResponseSelectionExpression: '$default',
        RequestParameters: { 'route.request.querystring.token': { Required: true } },
      }),
    );
    const RouteId = route.RouteId as string;
    const created = await client.send(new CreateRouteResponseCommand({ ApiId, RouteId, RouteResponseKey: '$default' }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    const RouteResponseId = created.RouteResponseId as string;
    expect(await client.send(new GetRouteResponseCommand({ ApiId, RouteId, RouteResponseId }))).toMatchObject({
      RouteResponseKey: '$default',
    });
    expect((await client.send(new GetRouteResponsesCommand({ ApiId, RouteId }))).Items).toHaveLength(1);
    const updated = await client.send(
      new UpdateRouteResponseCommand({ ApiId, RouteId, RouteResponseId, ModelSelectionExpression: '$request.body.action' }),
    );
    expect(updated.ModelSelectionExpression).toBe('$request.body.action');
    await expectRejected(
      client.send(new CreateRouteResponseCommand({ ApiId, RouteId, RouteResponseKey: '$default' })),
      'ConflictException',
      409,
      `Route response with key $default already exists for this route (${RouteResponseId}).`,
    );
    await expectRejected(
      client.send(new CreateRouteResponseCommand({ ApiId, RouteId, RouteResponseKey: 'ok' })),
      'BadRequestException',
      400,
      'Invalid routeResponseKey "ok": currently only $default is supported as a route response key.',
    );
    expect((await client.send(new DeleteRouteResponseCommand({ ApiId, RouteId, RouteResponseId }))).$metadata.httpStatusCode).toBe(204);
    await expectRejected(
      client.send(new GetRouteResponseCommand({ ApiId, RouteId, RouteResponseId })),
      'NotFoundException',
      404,
      `Invalid RouteResponse identifier specified ${RouteResponseId}`,
    );
    const key = 'route.request.querystring.token';
    expect(
      (await client.send(new DeleteRouteRequestParameterCommand({ ApiId, RouteId, RequestParameterKey: key }))).$metadata.httpStatusCode,
    ).toBe(204);
    expect((await client.send(new GetRouteCommand({ ApiId, RouteId }))).RequestParameters).toBeUndefined();
    await expectRejected(
      client.send(new DeleteRouteRequestParameterCommand({ ApiId, RouteId, RequestParameterKey: key })),
      'NotFoundException',
      404,
      `Invalid request parameter key ${key}: route ${RouteId} has no such request parameter.`,
    );
    await expectRejected(
      client.send(new CreateRouteCommand({ ApiId, RouteKey: '$getauthorized' })),
      'BadRequestException',
      400,
      /^The provided route key is not formatted properly/,
    );
  });

  it('IntegrationResponses, MOCK defaults and stage log settings', async () => {
    const integration = await client.send(
      new CreateIntegrationCommand({ ApiId, IntegrationType: 'MOCK', RequestTemplates: { $default: '{"statusCode":200}' } }),
    );
    expect(integration).toMatchObject({
      IntegrationResponseSelectionExpression: '${integration.response.statuscode}',
      PassthroughBehavior: 'WHEN_NO_MATCH',
      TimeoutInMillis: 29000,
    });
    const IntegrationId = integration.IntegrationId as string;
    const created = await client.send(
      new CreateIntegrationResponseCommand({
        ApiId,
        IntegrationId,
        IntegrationResponseKey: '/200/',
        ResponseTemplates: { $default: '{"pong":true}' },
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(201);
    const IntegrationResponseId = created.IntegrationResponseId as string;
    expect(await client.send(new GetIntegrationResponseCommand({ ApiId, IntegrationId, IntegrationResponseId }))).toMatchObject({
      IntegrationResponseKey: '/200/',
      ResponseTemplates: { $default: '{"pong":true}' },
    });
    expect((await client.send(new GetIntegrationResponsesCommand({ ApiId, IntegrationId }))).Items).toHaveLength(1);
    const updated = await client.send(
      new UpdateIntegrationResponseCommand({ ApiId, IntegrationId, IntegrationResponseId, ContentHandlingStrategy: 'CONVERT_TO_TEXT' }),
    );
    expect(updated.ContentHandlingStrategy).toBe('CONVERT_TO_TEXT');
    await expectRejected(
      client.send(new CreateIntegrationResponseCommand({ ApiId, IntegrationId, IntegrationResponseKey: '200' })),
      'BadRequestException',
      400,
      'Invalid integrationResponseKey "200": use $default or a pattern between slashes, such as /2\\d\\d/ or /4\\d\\d/.',
    );
    await client.send(new DeleteIntegrationResponseCommand({ ApiId, IntegrationId, IntegrationResponseId }));
    await expectRejected(
      client.send(new GetIntegrationResponseCommand({ ApiId, IntegrationId, IntegrationResponseId })),
      'NotFoundException',
      404,
      `Invalid IntegrationResponse identifier specified ${IntegrationResponseId}`,
    );
    await expectRejected(
      client.send(new CreateIntegrationCommand({ ApiId, IntegrationType: 'MOCK', TimeoutInMillis: 30000 })),
      'BadRequestException',
      400,
      'Invalid timeoutInMillis 30000: must be between 50 and 29000 for WebSocket APIs.',
    );
    await client.send(
      new CreateStageCommand({ ApiId, StageName: 'production', DefaultRouteSettings: { LoggingLevel: 'INFO', DataTraceEnabled: true } }),
    );
    expect((await client.send(new GetStageCommand({ ApiId, StageName: 'production' }))).DefaultRouteSettings).toEqual({
      DataTraceEnabled: true,
      DetailedMetricsEnabled: false,
      LoggingLevel: 'INFO',
    });
  });
});
