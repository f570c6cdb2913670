import { describe, expect, it } from 'vitest';
import { expectError, newControlPlane, seed } from './control-plane.test-support.js';

/** CreateApi/UpdateApi, routes, integrations, authorizers and stages of WebSocket APIs. */
const LAMBDA =
  'arn:aws:apigateway:us-east-2:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-2:000000000000:function:chat/invocations';

function wsApi() {
  const { cp } = newControlPlane();
  const api = cp.run('CreateApi', { name: 'chat', protocolType: 'WEBSOCKET', routeSelectionExpression: '$request.body.action' });
  return { cp, api };
}

describe('WebSocket APIs: CreateApi and UpdateApi', () => {
  it('creates a WebSocket API with AWS defaults and a wss-style route selection', () => {
    const { cp, api } = wsApi();
    expect(api).toMatchObject({
      protocolType: 'WEBSOCKET',
      routeSelectionExpression: '$request.body.action',
      apiKeySelectionExpression: '$request.header.x-api-key',
      disableExecuteApiEndpoint: false,
    });
    expect(api.corsConfiguration).toBeUndefined();
    const other = cp.run('CreateApi', {
      name: 'b',
      protocolType: 'WEBSOCKET',
      routeSelectionExpression: '${request.body.service}/${request.body.action}',
      apiKeySelectionExpression: '$context.authorizer.usageIdentifierKey',
      disableSchemaValidation: true,
    });
    expect(other).toMatchObject({ apiKeySelectionExpression: '$context.authorizer.usageIdentifierKey', disableSchemaValidation: true });
    for (const expression of ['$request.body.a.b', '${request.body.x}', '$request.body[2]', '$request.body.detail-type', '\\$default'])
      expect(cp.run('UpdateApi', { apiId: other.apiId, routeSelectionExpression: expression }).routeSelectionExpression).toBe(expression);
  });

  it('refuses what WebSocket APIs do not have, saying what is allowed', () => {
    const { cp, api } = wsApi();
    const create = (extra: object) => () => cp.run('CreateApi', { name: 'x', protocolType: 'WEBSOCKET', ...extra });
    expectError(create({}), 'BadRequestException', /^routeSelectionExpression is required for WebSocket APIs/);
    const rse = { routeSelectionExpression: '$request.body.action' };
    expectError(
      create({ routeSelectionExpression: '$request.method $request.path' }),
      'BadRequestException',
      /"\$request.method" is not a \$request.body.<JSONPath> variable/,
    );
    expectError(create({ routeSelectionExpression: '${request.body.action' }), 'BadRequestException', /has no closing "}"/);
    expectError(create({ routeSelectionExpression: '$request.body..a' }), 'BadRequestException', /recursive descent/);
    expectError(
      create({ ...rse, apiKeySelectionExpression: '$request.header.key' }),
      'BadRequestException',
      /supported values are \$request.header.x-api-key and \$context.authorizer.usageIdentifierKey/,
    );
    expectError(create({ ...rse, corsConfiguration: { allowOrigins: ['*'] } }), 'BadRequestException', /supported only for HTTP APIs/);
    expectError(create({ ...rse, target: LAMBDA }), 'BadRequestException', /target \(quick create\) is supported only for HTTP APIs/);
    expectError(create({ ...rse, routeKey: '$default' }), 'BadRequestException', /routeKey \(quick create\)/);
    expectError(
      () => cp.run('UpdateApi', { apiId: api.apiId, corsConfiguration: { allowOrigins: ['*'] } }),
      'BadRequestException',
      /corsConfiguration is supported only for HTTP APIs/,
    );
    expectError(() => cp.run('DeleteCorsConfiguration', { apiId: api.apiId }), 'BadRequestException', /only for HTTP APIs/);
    expectError(
      () => cp.run('UpdateApi', { apiId: api.apiId, routeSelectionExpression: '$request.path' }),
      'BadRequestException',
      /WebSocket/,
    );
    // HTTP APIs keep their rule.
    expectError(
      () => cp.run('CreateApi', { name: 'h', protocolType: 'HTTP', routeSelectionExpression: '$request.body.action' }),
      'BadRequestException',
      /for HTTP APIs it must be/,
    );
  });
});

describe('WebSocket APIs: routes', () => {
  it('takes the predefined and custom route keys and refuses reserved ones with AWS text', () => {
    const { cp, api } = wsApi();
    for (const routeKey of ['$connect', '$disconnect', '$default', 'sendmessage', 'GET /pets'])
      expect(cp.run('CreateRoute', { apiId: api.apiId, routeKey }).routeKey).toBe(routeKey);
    expectError(
      () => cp.run('CreateRoute', { apiId: api.apiId, routeKey: '$getauthorized' }),
      'BadRequestException',
      /^The provided route key is not formatted properly/,
    );
    expectError(() => cp.run('CreateRoute', { apiId: api.apiId, routeKey: 'sendmessage' }), 'ConflictException', /already exists/);
    // Keys are exact: a different custom key is another route.
    cp.run('CreateRoute', { apiId: api.apiId, routeKey: 'GET /pets/{x}' });
    cp.run('CreateRoute', { apiId: api.apiId, routeKey: 'GET /pets/{y}' });
  });

  it('keeps the WebSocket-only route members, merges request parameters and deletes them one by one', () => {
    const { cp, api } = wsApi();
    cp.run('CreateModel', { apiId: api.apiId, name: 'Message', contentType: 'application/json', schema: '{"type":"object"}' });
    const route = cp.run('CreateRoute', {
      apiId: api.apiId,
      routeKey: '$connect',
      apiKeyRequired: true,
      operationName: 'Connect',
      routeResponseSelectionExpression: '$default',
      modelSelectionExpression: 'action',
      requestModels: { test: 'Message' },
      requestParameters: { 'route.request.header.authorization': { required: true } },
    });
    expect(route).toMatchObject({ apiKeyRequired: true, requestModels: { test: 'Message' } });
    const updated = cp.run('UpdateRoute', {
      apiId: api.apiId,
      routeId: route.routeId,
      routeResponseSelectionExpression: '',
      requestParameters: { 'route.request.querystring.authToken': { required: false } },
    });
    expect(updated.routeResponseSelectionExpression).toBeUndefined();
    expect(updated.requestParameters).toEqual({
      'route.request.header.authorization': { required: true },
      'route.request.querystring.authToken': { required: false },
    });
    const key = 'route.request.header.authorization';
    cp.run('DeleteRouteRequestParameter', { apiId: api.apiId, routeId: route.routeId, requestParameterKey: key });
    expect(cp.run('GetRoute', { apiId: api.apiId, routeId: route.routeId }).requestParameters).toEqual({
      'route.request.querystring.authToken': { required: false },
    });
    expectError(
      () => cp.run('DeleteRouteRequestParameter', { apiId: api.apiId, routeId: route.routeId, requestParameterKey: key }),
      'NotFoundException',
      /Invalid request parameter key/,
    );
    expectError(
      () => cp.run('CreateRoute', { apiId: api.apiId, routeKey: 'a', requestModels: { 'application/json': 'Nope' } }),
      'BadRequestException',
      /Invalid model name "Nope"/,
    );
    expectError(
      () => cp.run('CreateRoute', { apiId: api.apiId, routeKey: 'b', requestParameters: { 'method.request.header.x': {} } }),
      'BadRequestException',
      /route.request.header.\{name\} or route.request.querystring.\{name\}/,
    );
    // HTTP routes still refuse them.
    const { cp: httpCp } = newControlPlane();
    const { api: http } = seed(httpCp);
    expectError(
      () => httpCp.run('CreateRoute', { apiId: http.apiId, routeKey: 'GET /a', apiKeyRequired: true }),
      'BadRequestException',
      /HTTP APIs/,
    );
  });

  it('authorizes with NONE, AWS_IAM or CUSTOM (a REQUEST authorizer with WebSocket identity sources), never JWT', () => {
    const { cp, api } = wsApi();
    const authorizer = cp.run('CreateAuthorizer', {
      apiId: api.apiId,
      name: 'auth',
      authorizerType: 'REQUEST',
      authorizerUri: LAMBDA,
      identitySource: ['route.request.header.Auth', 'route.request.querystring.token', 'stageVariables.x', 'context.requestId'],
    });
    const route = cp.run('CreateRoute', {
      apiId: api.apiId,
      routeKey: '$connect',
      authorizationType: 'CUSTOM',
      authorizerId: authorizer.authorizerId,
    });
    expect(route.authorizationType).toBe('CUSTOM');
    // AWS accepts an authorizer on other routes too (hashicorp/terraform-provider-aws#40833); only $connect's runs.
    const send = { apiId: api.apiId, routeKey: 'sendmessage', authorizationType: 'CUSTOM', authorizerId: authorizer.authorizerId };
    expect(cp.run('CreateRoute', send).authorizerId).toBe(authorizer.authorizerId);
    cp.run('UpdateRoute', { apiId: api.apiId, routeId: route.routeId, authorizationType: 'AWS_IAM' });
    expectError(
      () => cp.run('CreateRoute', { apiId: api.apiId, routeKey: 'x', authorizationType: 'JWT', authorizerId: authorizer.authorizerId }),
      'BadRequestException',
      /JWT is supported only for HTTP APIs/,
    );
    const base = { apiId: api.apiId, name: 'a', authorizerType: 'REQUEST', authorizerUri: LAMBDA };
    expectError(
      () => cp.run('CreateAuthorizer', { ...base, identitySource: ['$request.header.Auth'] }),
      'BadRequestException',
      /WebSocket APIs use route.request.header.<name>/,
    );
    expectError(
      () => cp.run('CreateAuthorizer', { ...base, identitySource: ['route.request.header.A'], authorizerResultTtlInSeconds: 300 }),
      'BadRequestException',
      /only for HTTP API Lambda authorizers/,
    );
    expectError(
      () => cp.run('CreateAuthorizer', { ...base, authorizerType: 'JWT', jwtConfiguration: { issuer: 'https://i' } }),
      'BadRequestException',
      /JWT authorizers are supported only for HTTP APIs/,
    );
  });
});

describe('WebSocket APIs: stages', () => {
  it('returns execution-log defaults and accepts dataTraceEnabled/loggingLevel', () => {
    const { cp, api } = wsApi();
    cp.run('CreateRoute', { apiId: api.apiId, routeKey: '$connect' });
    const stage = cp.run('CreateStage', { apiId: api.apiId, stageName: 'production' });
    expect(stage.defaultRouteSettings).toEqual({ dataTraceEnabled: false, detailedMetricsEnabled: false, loggingLevel: 'OFF' });
    const updated = cp.run('UpdateStage', {
      apiId: api.apiId,
      stageName: 'production',
      defaultRouteSettings: { dataTraceEnabled: true, loggingLevel: 'INFO', throttlingBurstLimit: 5, throttlingRateLimit: 10 },
      routeSettings: { $connect: { loggingLevel: 'ERROR', dataTraceEnabled: true } },
    });
    expect(updated.defaultRouteSettings).toEqual({
      dataTraceEnabled: true,
      detailedMetricsEnabled: false,
      loggingLevel: 'INFO',
      throttlingBurstLimit: 5,
      throttlingRateLimit: 10,
    });
    expect(cp.run('GetStages', { apiId: api.apiId }).items[0]?.routeSettings).toEqual({
      $connect: { loggingLevel: 'ERROR', dataTraceEnabled: true },
    });
    expectError(
      () => cp.run('UpdateStage', { apiId: api.apiId, stageName: 'production', routeSettings: { nope: {} } }),
      'NotFoundException',
      /Unable to find Route by key nope/,
    );
    expectError(() => cp.run('ResetAuthorizersCache', { apiId: api.apiId, stageName: 'production' }), 'BadRequestException', /HTTP APIs/);
  });
});
