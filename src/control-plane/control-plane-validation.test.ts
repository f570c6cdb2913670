import { describe, expect, it } from 'vitest';
import { expectError, newControlPlane, seed } from './control-plane.test-support.js';

describe('ControlPlane: validation mirrors AWS', () => {
  it('rejects bad route keys, duplicates and unknown targets', () => {
    const { cp } = newControlPlane();
    const { api } = seed(cp);
    expectError(() => cp.run('CreateRoute', { apiId: api.apiId, routeKey: 'GET pets' }), 'BadRequestException', /must start with "\/"/);
    expectError(
      () => cp.run('CreateRoute', { apiId: api.apiId, routeKey: 'FETCH /pets' }),
      'BadRequestException',
      /"FETCH" is not a supported method/,
    );
    expectError(
      () => cp.run('CreateRoute', { apiId: api.apiId, routeKey: 'GET /a/{proxy+}/b' }),
      'BadRequestException',
      /must be the last segment/,
    );
    expectError(() => cp.run('CreateRoute', { apiId: api.apiId }), 'BadRequestException', /Route key is required/);
    cp.run('CreateRoute', { apiId: api.apiId, routeKey: 'GET /pets/{id}' });
    expectError(() => cp.run('CreateRoute', { apiId: api.apiId, routeKey: 'GET /pets/{petId}' }), 'ConflictException', /already exists/);
    expectError(
      () => cp.run('CreateRoute', { apiId: api.apiId, routeKey: 'GET /x', target: 'lambda' }),
      'BadRequestException',
      /integrations\/\{integrationId\}/,
    );
    expectError(
      () => cp.run('CreateRoute', { apiId: api.apiId, routeKey: 'GET /x', target: 'integrations/nope123' }),
      'NotFoundException',
      /Invalid Integration identifier specified nope123/,
    );
  });

  it('accepts only proxy integrations on HTTP APIs, with AWS limits', () => {
    const { cp } = newControlPlane();
    const { api, link } = seed(cp);
    const base = { apiId: api.apiId, integrationMethod: 'GET', integrationUri: 'https://example.com' };
    expectError(
      () => cp.run('CreateIntegration', { ...base, integrationType: 'MOCK' }),
      'BadRequestException',
      /may only be associated with proxy integrations/,
    );
    expectError(
      () => cp.run('CreateIntegration', { ...base, integrationType: 'HTTP_PROXY', timeoutInMillis: 30001 }),
      'BadRequestException',
      /between 50 and 30000/,
    );
    expectError(
      () => cp.run('CreateIntegration', { ...base, integrationType: 'HTTP_PROXY', payloadFormatVersion: '2.0' }),
      'BadRequestException',
      /2.0 is supported only for Lambda/,
    );
    expectError(
      () => cp.run('CreateIntegration', { ...base, integrationType: 'HTTP_PROXY', integrationUri: 'ftp://x' }),
      'BadRequestException',
      /absolute http/,
    );
    expectError(
      () =>
        cp.run('CreateIntegration', { ...base, integrationType: 'HTTP_PROXY', connectionType: 'VPC_LINK', connectionId: link.vpcLinkId }),
      'BadRequestException',
      /valid ELB listener ARN or a valid Cloud Map service ARN/,
    );
    expectError(
      () =>
        cp.run('CreateIntegration', { ...base, integrationType: 'HTTP_PROXY', requestParameters: { 'overwrite:header.x-amz-date': 'x' } }),
      'BadRequestException',
      /reserved/,
    );
    const lambda = cp.run('CreateIntegration', {
      apiId: api.apiId,
      integrationType: 'AWS_PROXY',
      integrationUri: 'arn:aws:lambda:us-east-2:000000000000:function:f',
      payloadFormatVersion: '2.0',
    });
    expect(lambda.integrationMethod).toBe('POST');
    const cloudMap = cp.run('CreateIntegration', {
      ...base,
      integrationType: 'HTTP_PROXY',
      connectionType: 'VPC_LINK',
      connectionId: link.vpcLinkId,
      integrationUri: 'arn:aws:servicediscovery:us-east-2:123456789012:service/srv-abc123?stage=prod',
      tlsConfig: { serverNameToVerify: 'internal.example.com' },
    });
    expect(cloudMap.tlsConfig).toEqual({ serverNameToVerify: 'internal.example.com' });
    // On an INTERNET integration AWS accepts tlsConfig and does not return it (terraform-provider-aws #41326).
    const internet = cp.run('CreateIntegration', {
      ...base,
      integrationType: 'HTTP_PROXY',
      tlsConfig: { serverNameToVerify: 'example.com' },
    });
    expect(internet.tlsConfig).toBeUndefined();
  });

  it('reads authorizerId "NONE" as no authorizer', () => {
    const { cp } = newControlPlane();
    const { api } = seed(cp);
    const route = cp.run('CreateRoute', { apiId: api.apiId, routeKey: 'GET /open', authorizationType: 'NONE', authorizerId: 'NONE' });
    expect(route.authorizerId).toBeUndefined();
  });

  it('deletes request parameters set to "" and response entries set to {} on update', () => {
    const { cp } = newControlPlane();
    const { api } = seed(cp);
    const created = cp.run('CreateIntegration', {
      apiId: api.apiId,
      integrationType: 'HTTP_PROXY',
      integrationMethod: 'ANY',
      integrationUri: 'https://example.com',
      requestParameters: { 'append:header.a': '$request.header.b', 'overwrite:path': '$request.path' },
      responseParameters: { '500': { 'overwrite:statuscode': '403' }, '404': { 'append:header.e': '$context.requestId' } },
    });
    const updated = cp.run('UpdateIntegration', {
      apiId: api.apiId,
      integrationId: created.integrationId,
      integrationType: 'HTTP_PROXY',
      requestParameters: { 'append:header.a': '', 'remove:querystring.q': "''" },
      responseParameters: { '500': {} },
    });
    expect(updated.requestParameters).toEqual({ 'overwrite:path': '$request.path', 'remove:querystring.q': "''" });
    expect(updated.responseParameters).toEqual({ '404': { 'append:header.e': '$context.requestId' } });
  });

  it('validates stages the way AWS does for HTTP APIs', () => {
    const { cp } = newControlPlane();
    const { api } = seed(cp);
    expectError(() => cp.run('CreateStage', { apiId: api.apiId, stageName: 'bad name' }), 'BadRequestException', /Invalid stage name/);
    expectError(() => cp.run('CreateStage', { apiId: api.apiId, stageName: '$default' }), 'ConflictException', /already exists/);
    expectError(
      () => cp.run('CreateStage', { apiId: api.apiId, stageName: 'dev', defaultRouteSettings: { loggingLevel: 'INFO' } }),
      'BadRequestException',
      /^Execution logs are not supported on protocolType HTTP$/,
    );
    expectError(
      () => cp.run('CreateStage', { apiId: api.apiId, stageName: 'dev', routeSettings: { 'GET /missing': { throttlingRateLimit: 1 } } }),
      'NotFoundException',
      /Unable to find Route by key GET \/missing within the provided RouteSettings/,
    );
    // Limits above the default account limit are the account's business (the data plane takes the
    // smaller of the two buckets): only negative values and a fractional burst are refused.
    expectError(
      () => cp.run('CreateStage', { apiId: api.apiId, stageName: 'dev', defaultRouteSettings: { throttlingRateLimit: -1 } }),
      'BadRequestException',
      /^Invalid throttlingRateLimit -1: must be 0 or more requests per second\.$/,
    );
    expectError(
      () => cp.run('CreateStage', { apiId: api.apiId, stageName: 'dev', defaultRouteSettings: { throttlingBurstLimit: 2.5 } }),
      'BadRequestException',
      /throttlingBurstLimit: must be an integer from 0/,
    );
    const fast = cp.run('CreateStage', {
      apiId: api.apiId,
      stageName: 'fast',
      defaultRouteSettings: { throttlingRateLimit: 1_000_000, throttlingBurstLimit: 50_000 },
    });
    expect(fast.defaultRouteSettings).toMatchObject({ throttlingRateLimit: 1_000_000, throttlingBurstLimit: 50_000 });
    const stage = cp.run('CreateStage', {
      apiId: api.apiId,
      stageName: 'dev',
      stageVariables: { a: '1', b: '2' },
      accessLogSettings: { destinationArn: 'arn:aws:logs:us-east-2:123456789012:log-group:api:*', format: '$context.requestId' },
    });
    expect(stage.accessLogSettings?.destinationArn).toBe('arn:aws:logs:us-east-2:123456789012:log-group:api');
    const updated = cp.run('UpdateStage', { apiId: api.apiId, stageName: 'dev', stageVariables: { a: '', c: '3' } });
    expect(updated.stageVariables).toEqual({ b: '2', c: '3' });
    expectError(() => cp.run('GetStage', { apiId: api.apiId, stageName: 'nope' }), 'NotFoundException', /Invalid stage identifier/);
  });

  it('names the missing API the way AWS does and asks a WebSocket API for its route selection expression', () => {
    const { cp } = newControlPlane();
    expectError(() => cp.run('GetApi', { apiId: 'abc' }), 'NotFoundException', /^Invalid API identifier specified 000000000000:abc$/);
    expectError(
      () => cp.run('CreateApi', { name: 'ws', protocolType: 'WEBSOCKET' }),
      'BadRequestException',
      /^routeSelectionExpression is required for WebSocket APIs/,
    );
    expectError(() => cp.run('CreateApi', { name: 'x', protocolType: 'GRPC' }), 'BadRequestException', /must be one of HTTP, WEBSOCKET/);
    expectError(() => cp.run('CreateApi', { protocolType: 'HTTP' }), 'BadRequestException', /name is required/);
  });

  it('refuses to delete an authorizer that routes use (409)', () => {
    const { cp } = newControlPlane();
    const { api } = seed(cp);
    const authorizer = cp.run('CreateAuthorizer', {
      apiId: api.apiId,
      name: 'jwt',
      authorizerType: 'JWT',
      identitySource: ['$request.header.Authorization'],
      jwtConfiguration: { issuer: 'https://issuer.example.com', audience: ['a'] },
    });
    const route = cp.run('CreateRoute', {
      apiId: api.apiId,
      routeKey: 'GET /me',
      authorizationType: 'JWT',
      authorizerId: authorizer.authorizerId,
      authorizationScopes: ['read'],
    });
    expectError(
      () => cp.run('DeleteAuthorizer', { apiId: api.apiId, authorizerId: authorizer.authorizerId }),
      'ConflictException',
      /still uses it/,
    );
    cp.run('UpdateRoute', { apiId: api.apiId, routeId: route.routeId, authorizationType: 'NONE' });
    cp.run('DeleteAuthorizer', { apiId: api.apiId, authorizerId: authorizer.authorizerId });
    expect(cp.run('GetAuthorizers', { apiId: api.apiId }).items).toEqual([]);
  });
});
