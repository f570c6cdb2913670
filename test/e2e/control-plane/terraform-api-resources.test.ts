import {
  CreateApiCommand,
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  DeleteApiCommand,
  DeleteAuthorizerCommand,
  DeleteCorsConfigurationCommand,
  DeleteDeploymentCommand,
  DeleteIntegrationCommand,
  DeleteRouteCommand,
  DeleteRouteRequestParameterCommand,
  GetApiCommand,
  GetAuthorizerCommand,
  GetDeploymentCommand,
  GetIntegrationCommand,
  GetRouteCommand,
  GetRoutesCommand,
  ReimportApiCommand,
  UpdateApiCommand,
  UpdateAuthorizerCommand,
  UpdateDeploymentCommand,
  UpdateIntegrationCommand,
  UpdateRouteCommand,
  type ApiGatewayV2Client,
} from '@aws-sdk/client-apigatewayv2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, rejection, startControlPlane } from './harness.js';

/** The Terraform AWS provider's call sequences per resource (docs/reference/controlplane.md §4.2), through the real SDK. */
let h: Harness;
let client: ApiGatewayV2Client;
let apiId: string;
beforeEach(async () => {
  h = await startControlPlane();
  client = h.client();
  apiId = (await client.send(new CreateApiCommand({ Name: 'tf', ProtocolType: 'HTTP' }))).ApiId ?? '';
});
afterEach(async () => {
  await h.close();
});

describe('aws_apigatewayv2_api', () => {
  it('create with tags and CORS → read → update changed fields → delete CORS → delete', async () => {
    const created = await client.send(
      new CreateApiCommand({
        Name: 'example',
        ProtocolType: 'HTTP',
        ApiKeySelectionExpression: '$request.header.x-api-key',
        RouteSelectionExpression: '$request.method $request.path',
        CorsConfiguration: { AllowOrigins: ['https://example.com'], AllowMethods: ['GET'], MaxAge: 300 },
        Tags: { Name: 'example' },
      }),
    );
    const read = await client.send(new GetApiCommand({ ApiId: created.ApiId }));
    expect(read).toMatchObject({ Tags: { Name: 'example' }, CorsConfiguration: { AllowOrigins: ['https://example.com'], MaxAge: 300 } });
    await client.send(new UpdateApiCommand({ ApiId: created.ApiId, Description: 'changed', Version: '2' }));
    await client.send(new DeleteCorsConfigurationCommand({ ApiId: created.ApiId }));
    const after = await client.send(new GetApiCommand({ ApiId: created.ApiId }));
    expect(after).toMatchObject({ Name: 'example', Description: 'changed', Version: '2' });
    expect(after.CorsConfiguration).toBeUndefined();
    await client.send(new DeleteApiCommand({ ApiId: created.ApiId }));
    expect((await rejection(client.send(new GetApiCommand({ ApiId: created.ApiId })))).name).toBe('NotFoundException');
  });
});

describe('aws_apigatewayv2_api with body', () => {
  it('CreateApi → ReimportApi → UpdateApi with the empty description and version the provider sends', async () => {
    const body = JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'tf' },
      paths: {
        '/pets': {
          get: {
            'x-amazon-apigateway-integration': {
              type: 'HTTP_PROXY',
              httpMethod: 'GET',
              uri: 'https://backend.example.com',
              payloadFormatVersion: '1.0',
            },
          },
        },
      },
    });
    await client.send(new UpdateApiCommand({ ApiId: apiId, Version: '3', Description: 'old' }));
    await client.send(new ReimportApiCommand({ ApiId: apiId, Body: body, FailOnWarnings: true }));
    const updated = await client.send(new UpdateApiCommand({ ApiId: apiId, Name: 'tf', Description: '', Version: '' }));
    expect(updated.Version).toBeUndefined();
    expect(updated.Description).toBeUndefined();
    expect((await client.send(new GetRoutesCommand({ ApiId: apiId }))).Items?.map((r) => r.RouteKey)).toEqual(['GET /pets']);
  });
});

describe('aws_apigatewayv2_integration', () => {
  it('keeps AWS defaults and honours the map-deletion rules of UpdateIntegration', async () => {
    const created = await client.send(
      new CreateIntegrationCommand({
        ApiId: apiId,
        IntegrationType: 'HTTP_PROXY',
        IntegrationMethod: 'ANY',
        IntegrationUri: 'https://example.com/{proxy}',
        PassthroughBehavior: 'WHEN_NO_MATCH',
        PayloadFormatVersion: '1.0',
        RequestParameters: { 'append:header.a': '$request.header.b', 'overwrite:path': '$request.path' },
        ResponseParameters: { '500': { 'overwrite:statuscode': '403' }, '404': { 'append:header.e': '$context.requestId' } },
      }),
    );
    const read = await client.send(new GetIntegrationCommand({ ApiId: apiId, IntegrationId: created.IntegrationId }));
    expect(read).toMatchObject({
      ConnectionType: 'INTERNET',
      PayloadFormatVersion: '1.0',
      TimeoutInMillis: 30000,
      IntegrationMethod: 'ANY',
    });
    expect(read.PassthroughBehavior).toBeUndefined();
    expect(read.IntegrationResponseSelectionExpression).toBeUndefined();
    const updated = await client.send(
      new UpdateIntegrationCommand({
        ApiId: apiId,
        IntegrationId: created.IntegrationId,
        IntegrationType: 'HTTP_PROXY',
        RequestParameters: { 'append:header.a': '' },
        ResponseParameters: { '500': {} },
        TimeoutInMillis: 5000,
      }),
    );
    expect(updated.RequestParameters).toEqual({ 'overwrite:path': '$request.path' });
    expect(updated.ResponseParameters).toEqual({ '404': { 'append:header.e': '$context.requestId' } });
    expect(updated.TimeoutInMillis).toBe(5000);
    const lambda = await client.send(
      new CreateIntegrationCommand({
        ApiId: apiId,
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: 'arn:aws:lambda:us-east-2:123456789012:function:f',
        PayloadFormatVersion: '2.0',
      }),
    );
    expect(lambda.IntegrationMethod).toBe('POST');
    await client.send(new DeleteIntegrationCommand({ ApiId: apiId, IntegrationId: created.IntegrationId }));
    const gone = await rejection(client.send(new GetIntegrationCommand({ ApiId: apiId, IntegrationId: created.IntegrationId })));
    expect(gone.name).toBe('NotFoundException');
    expect(gone.message).toBe(`Invalid Integration identifier specified ${created.IntegrationId}`);
  });
});

describe('aws_apigatewayv2_route and aws_apigatewayv2_authorizer', () => {
  it('route create → read → DeleteRouteRequestParameter 404 → update → delete', async () => {
    const route = await client.send(
      new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /pets/{petId}', ApiKeyRequired: false, AuthorizationType: 'NONE' }),
    );
    expect(await client.send(new GetRouteCommand({ ApiId: apiId, RouteId: route.RouteId }))).toMatchObject({
      RouteKey: 'GET /pets/{petId}',
      ApiKeyRequired: false,
      AuthorizationType: 'NONE',
    });
    const parameter = await rejection(
      client.send(
        new DeleteRouteRequestParameterCommand({
          ApiId: apiId,
          RouteId: route.RouteId,
          RequestParameterKey: 'route.request.querystring.q',
        }),
      ),
    );
    expect(parameter.name).toBe('NotFoundException');
    expect(parameter.$metadata.httpStatusCode).toBe(404);
    const updated = await client.send(new UpdateRouteCommand({ ApiId: apiId, RouteId: route.RouteId, RouteKey: 'POST /pets/{petId}' }));
    expect(updated.RouteKey).toBe('POST /pets/{petId}');
    const duplicate = await rejection(client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'POST /pets/{id}' })));
    expect(duplicate.name).toBe('ConflictException');
    expect(duplicate.$metadata.httpStatusCode).toBe(409);
    await client.send(new DeleteRouteCommand({ ApiId: apiId, RouteId: route.RouteId }));
  });

  it('authorizer create → read → update; delete answers 409 while a route uses it', async () => {
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
        EnableSimpleResponses: true,
        IdentitySource: ['$request.header.Authorization'],
        AuthorizerResultTtlInSeconds: 300,
      }),
    );
    expect(await client.send(new GetAuthorizerCommand({ ApiId: apiId, AuthorizerId: lambda.AuthorizerId }))).toMatchObject({
      AuthorizerResultTtlInSeconds: 300,
      EnableSimpleResponses: true,
    });
    await client.send(new UpdateAuthorizerCommand({ ApiId: apiId, AuthorizerId: jwt.AuthorizerId, JwtConfiguration: { Audience: ['b'] } }));
    const route = await client.send(
      new CreateRouteCommand({
        ApiId: apiId,
        RouteKey: 'GET /me',
        AuthorizationType: 'JWT',
        AuthorizerId: jwt.AuthorizerId,
        AuthorizationScopes: ['read'],
      }),
    );
    const busy = await rejection(client.send(new DeleteAuthorizerCommand({ ApiId: apiId, AuthorizerId: jwt.AuthorizerId })));
    expect(busy.name).toBe('ConflictException');
    expect(busy.$metadata.httpStatusCode).toBe(409);
    await client.send(new UpdateRouteCommand({ ApiId: apiId, RouteId: route.RouteId, AuthorizationType: 'NONE' }));
    await client.send(new DeleteAuthorizerCommand({ ApiId: apiId, AuthorizerId: jwt.AuthorizerId }));
    expect((await rejection(client.send(new GetAuthorizerCommand({ ApiId: apiId, AuthorizerId: jwt.AuthorizerId })))).name).toBe(
      'NotFoundException',
    );
  });
});

describe('aws_apigatewayv2_deployment', () => {
  it('create reports DEPLOYED at once (the waiter) → update → delete', async () => {
    const created = await client.send(new CreateDeploymentCommand({ ApiId: apiId, Description: 'first' }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    const polled = await client.send(new GetDeploymentCommand({ ApiId: apiId, DeploymentId: created.DeploymentId }));
    expect(polled).toMatchObject({ DeploymentStatus: 'DEPLOYED', AutoDeployed: false, Description: 'first' });
    expect(polled.CreatedDate).toBeInstanceOf(Date);
    await client.send(new UpdateDeploymentCommand({ ApiId: apiId, DeploymentId: created.DeploymentId, Description: 'second' }));
    expect((await client.send(new GetDeploymentCommand({ ApiId: apiId, DeploymentId: created.DeploymentId }))).Description).toBe('second');
    await client.send(new DeleteDeploymentCommand({ ApiId: apiId, DeploymentId: created.DeploymentId }));
    expect((await rejection(client.send(new GetDeploymentCommand({ ApiId: apiId, DeploymentId: created.DeploymentId })))).name).toBe(
      'NotFoundException',
    );
  });
});
