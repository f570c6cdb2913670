import { describe, expect, it } from 'vitest';
import { ManualClock, SequenceIds } from '../model/index.js';
import { MemoryStore } from '../store/index.js';
import { ControlPlane, type ControlPlaneEvent } from './control-plane.js';
import { ServiceError } from './service-errors.js';

const LISTENER = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:listener/app/my-load-balancer/50dc6c495c0c9188/0467ef3c8400ae65';

function newControlPlane(): { cp: ControlPlane; events: ControlPlaneEvent[]; clock: ManualClock } {
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 12, 0, 0));
  const cp = new ControlPlane({
    store: new MemoryStore(),
    clock,
    ids: new SequenceIds('test'),
    region: 'us-east-2',
    accountId: '000000000000',
    apiEndpoint: (apiId) => `http://${apiId}.execute-api.localhost:4566`,
  });
  const events: ControlPlaneEvent[] = [];
  cp.onChange((event) => events.push(event));
  return { cp, events, clock };
}

function expectError(fn: () => unknown, type: string, message: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).type).toBe(type);
    expect((error as ServiceError).message).toMatch(message);
    return;
  }
  throw new Error(`expected ${type}`);
}

function seed(cp: ControlPlane) {
  const api = cp.run('CreateApi', { name: 'development-api-gatewayv2', protocolType: 'HTTP', tags: { env: 'dev' } });
  const link = cp.run('CreateVpcLink', { name: 'development-vpclink', subnetIds: ['subnet-1', 'subnet-2'], securityGroupIds: ['sg-1'] });
  const integration = cp.run('CreateIntegration', {
    apiId: api.apiId,
    integrationType: 'HTTP_PROXY',
    connectionId: link.vpcLinkId,
    connectionType: 'VPC_LINK',
    description: 'VPC integration',
    integrationMethod: 'ANY',
    integrationUri: LISTENER,
    passthroughBehavior: 'WHEN_NO_MATCH',
  });
  const route = cp.run('CreateRoute', {
    apiId: api.apiId,
    routeKey: '$default',
    target: `integrations/${integration.integrationId}`,
    apiKeyRequired: false,
    authorizationType: 'NONE',
  });
  const stage = cp.run('CreateStage', { apiId: api.apiId, stageName: '$default', autoDeploy: true });
  return { api, link, integration, route, stage };
}

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
    expect(stage.defaultRouteSettings).toEqual({ detailedMetricsEnabled: false, throttlingBurstLimit: 0, throttlingRateLimit: 0 });
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
});

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

  it('names the missing API the way AWS does and refuses WebSocket APIs clearly', () => {
    const { cp } = newControlPlane();
    expectError(() => cp.run('GetApi', { apiId: 'abc' }), 'NotFoundException', /^Invalid API identifier specified 000000000000:abc$/);
    expectError(
      () => cp.run('CreateApi', { name: 'ws', protocolType: 'WEBSOCKET' }),
      'BadRequestException',
      /WebSocket APIs are not supported/,
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
