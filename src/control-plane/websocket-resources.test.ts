import { describe, expect, it } from 'vitest';
import { expectError, newControlPlane, seed } from './control-plane.test-support.js';

/** Integrations, models, route responses, integration responses and deployments of WebSocket APIs. */
const LAMBDA =
  'arn:aws:apigateway:us-east-2:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-2:000000000000:function:chat/invocations';
const SCHEMA =
  '{"$schema":"http://json-schema.org/draft-04/schema#","type":"object","properties":{"id":{"type":"string"},"n":{"type":"integer"}}}';

function wsApi() {
  const { cp } = newControlPlane();
  const api = cp.run('CreateApi', { name: 'chat', protocolType: 'WEBSOCKET', routeSelectionExpression: '$request.body.action' });
  return { cp, api };
}

describe('WebSocket APIs: integrations', () => {
  it("fills in AWS's defaults by integration type", () => {
    const { cp, api } = wsApi();
    const mock = cp.run('CreateIntegration', { apiId: api.apiId, integrationType: 'MOCK', passthroughBehavior: 'WHEN_NO_MATCH' });
    expect(mock).toMatchObject({
      connectionType: 'INTERNET',
      integrationResponseSelectionExpression: '${integration.response.statuscode}',
      passthroughBehavior: 'WHEN_NO_MATCH',
      payloadFormatVersion: '1.0',
      timeoutInMillis: 29000,
    });
    expect(mock.integrationMethod).toBeUndefined();
    const lambda = cp.run('CreateIntegration', {
      apiId: api.apiId,
      integrationType: 'AWS',
      integrationUri: LAMBDA,
      contentHandlingStrategy: 'CONVERT_TO_TEXT',
    });
    expect(lambda).toMatchObject({
      integrationMethod: 'POST',
      integrationResponseSelectionExpression: '${integration.response.body.errorMessage}',
      contentHandlingStrategy: 'CONVERT_TO_TEXT',
    });
    const proxy = cp.run('CreateIntegration', { apiId: api.apiId, integrationType: 'AWS_PROXY', integrationUri: LAMBDA });
    expect(proxy).toMatchObject({ integrationMethod: 'POST', timeoutInMillis: 29000 });
    expect(proxy.integrationResponseSelectionExpression).toBeUndefined();
    expect(proxy.passthroughBehavior).toBeUndefined();
    const http = cp.run('CreateIntegration', {
      apiId: api.apiId,
      integrationType: 'HTTP',
      integrationMethod: 'GET',
      integrationUri: 'http://www.example.com',
      requestParameters: {
        'integration.request.querystring.stage': "'value1'",
        'integration.request.header.connectionId': 'context.connectionId',
      },
      requestTemplates: { 'application/json': '' },
      templateSelectionExpression: '$request.body.name',
      timeoutInMillis: 28999,
    });
    expect(http).toMatchObject({
      passthroughBehavior: 'WHEN_NO_MATCH',
      timeoutInMillis: 28999,
      requestTemplates: { 'application/json': '' },
    });
    const updated = cp.run('UpdateIntegration', {
      apiId: api.apiId,
      integrationId: http.integrationId,
      integrationType: 'HTTP',
      passthroughBehavior: 'WHEN_NO_TEMPLATES',
      requestParameters: { 'integration.request.querystring.stage': '', 'integration.request.path.op': "'value3'" },
      requestTemplates: { 'application/xml': '#set($n = 1)' },
      templateSelectionExpression: '',
    });
    expect(updated.requestParameters).toEqual({
      'integration.request.header.connectionId': 'context.connectionId',
      'integration.request.path.op': "'value3'",
    });
    expect(updated.requestTemplates).toEqual({ 'application/xml': '#set($n = 1)' });
    expect(updated.templateSelectionExpression).toBeUndefined();
    expect(updated.passthroughBehavior).toBe('WHEN_NO_TEMPLATES');
  });

  it('refuses what WebSocket integrations cannot have', () => {
    const { cp, api } = wsApi();
    const { cp: httpCp } = newControlPlane();
    const { link } = seed(httpCp);
    const mock = { apiId: api.apiId, integrationType: 'MOCK' };
    const bad: [object, RegExp][] = [
      [{ ...mock, payloadFormatVersion: '2.0' }, /WebSocket APIs support only 1.0/],
      [{ ...mock, timeoutInMillis: 29001 }, /between 50 and 29000 for WebSocket APIs/],
      [{ ...mock, connectionType: 'VPC_LINK', connectionId: link.vpcLinkId }, /REST API VPC links/],
      [{ ...mock, contentHandlingStrategy: 'CONVERT' }, /must be one of CONVERT_TO_BINARY, CONVERT_TO_TEXT/],
      [{ ...mock, passthroughBehavior: 'ALWAYS' }, /must be one of WHEN_NO_MATCH, NEVER, WHEN_NO_TEMPLATES/],
      [{ ...mock, templateSelectionExpression: '$request.header.x' }, /not a \$request.body/],
      [{ ...mock, responseParameters: { '200': { 'overwrite:statuscode': '204' } } }, /only for HTTP APIs/],
      [{ ...mock, requestParameters: { 'append:header.x': "'a'" } }, /Invalid mapping key "append:header.x"/],
      [
        { ...mock, requestParameters: { 'integration.request.header.x': '$request.header.y' } },
        /Invalid mapping expression "\$request.header.y"/,
      ],
      [{ apiId: api.apiId, integrationType: 'HTTP', integrationUri: 'http://x' }, /integrationMethod is required for HTTP integrations/],
      [{ apiId: api.apiId, integrationType: 'HTTP_PROXY', integrationMethod: 'GET', integrationUri: 'ftp://x' }, /absolute http/],
      [{ apiId: api.apiId, integrationType: 'AWS_PROXY', integrationUri: 'chat' }, /Lambda function invoke ARN/],
    ];
    for (const [request, message] of bad) expectError(() => cp.run('CreateIntegration', request), 'BadRequestException', message);
  });
});

describe('WebSocket APIs: models', () => {
  it('creates, reads, pages, renames and deletes models, and derives a mapping template', () => {
    const { cp, api } = wsApi();
    const model = cp.run('CreateModel', { apiId: api.apiId, name: 'Message', contentType: 'application/json', schema: SCHEMA });
    expect(model).toMatchObject({ name: 'Message', contentType: 'application/json', schema: SCHEMA });
    expect(cp.run('GetModel', { apiId: api.apiId, modelId: model.modelId })).toEqual(model);
    cp.run('CreateModel', { apiId: api.apiId, name: 'Other', schema: '{}' });
    const page = cp.run('GetModels', { apiId: api.apiId, maxResults: '1' });
    expect(page.items).toHaveLength(1);
    expect(page.nextToken).toBeDefined();
    expect(cp.run('GetModelTemplate', { apiId: api.apiId, modelId: model.modelId }).value).toBe(
      '#set($inputRoot = $input.path(\'$\'))\n{\n  "id" : "$inputRoot.id",\n  "n" : $inputRoot.n\n}\n',
    );
    expectError(() => cp.run('CreateModel', { apiId: api.apiId, name: 'Message', schema: '{}' }), 'ConflictException', /already exists/);
    expectError(
      () => cp.run('CreateModel', { apiId: api.apiId, name: 'bad-name', schema: '{}' }),
      'BadRequestException',
      /letters and digits/,
    );
    expectError(
      () => cp.run('CreateModel', { apiId: api.apiId, name: 'X', schema: '[1]' }),
      'BadRequestException',
      /Invalid model specified/,
    );
    expectError(() => cp.run('CreateModel', { apiId: api.apiId, name: 'X' }), 'BadRequestException', /schema is required/);
    const route = cp.run('CreateRoute', { apiId: api.apiId, routeKey: 'send', requestModels: { 'application/json': 'Message' } });
    expectError(() => cp.run('DeleteModel', { apiId: api.apiId, modelId: model.modelId }), 'ConflictException', /refers to it/);
    expectError(() => cp.run('UpdateModel', { apiId: api.apiId, modelId: model.modelId, name: 'Renamed' }), 'ConflictException', /refers/);
    cp.run('UpdateRoute', { apiId: api.apiId, routeId: route.routeId, requestModels: {} });
    expect(cp.run('UpdateModel', { apiId: api.apiId, modelId: model.modelId, name: 'Renamed', description: 'd' })).toMatchObject({
      name: 'Renamed',
      description: 'd',
    });
    cp.run('DeleteModel', { apiId: api.apiId, modelId: model.modelId });
    expectError(
      () => cp.run('GetModel', { apiId: api.apiId, modelId: model.modelId }),
      'NotFoundException',
      /Invalid Model identifier specified/,
    );
    const { cp: httpCp } = newControlPlane();
    const { api: http } = seed(httpCp);
    expectError(
      () => httpCp.run('GetModels', { apiId: http.apiId }),
      'BadRequestException',
      /GetModels is supported only for WebSocket APIs/,
    );
  });
});

describe('WebSocket APIs: route and integration responses', () => {
  it('keeps route responses under their route ($default only) and drops them with it', () => {
    const { cp, api } = wsApi();
    cp.run('CreateModel', { apiId: api.apiId, name: 'Reply', schema: '{}' });
    const route = cp.run('CreateRoute', { apiId: api.apiId, routeKey: 'sendmessage', routeResponseSelectionExpression: '$default' });
    const ids = { apiId: api.apiId, routeId: route.routeId };
    const response = cp.run('CreateRouteResponse', {
      ...ids,
      routeResponseKey: '$default',
      responseModels: { 'application/json': 'Reply' },
    });
    expect(response).toMatchObject({ routeResponseKey: '$default', responseModels: { 'application/json': 'Reply' } });
    expect(cp.run('GetRouteResponses', ids).items).toEqual([response]);
    expectError(() => cp.run('CreateRouteResponse', { ...ids, routeResponseKey: '$default' }), 'ConflictException', /already exists/);
    expectError(() => cp.run('CreateRouteResponse', { ...ids, routeResponseKey: 'ok' }), 'BadRequestException', /only \$default/);
    expectError(() => cp.run('CreateRouteResponse', ids), 'BadRequestException', /routeResponseKey is required/);
    const updated = cp.run('UpdateRouteResponse', {
      ...ids,
      routeResponseId: response.routeResponseId,
      responseModels: {},
      modelSelectionExpression: 'x',
    });
    expect(updated.responseModels).toBeUndefined();
    expect(cp.run('GetRouteResponse', { ...ids, routeResponseId: response.routeResponseId })).toEqual(updated);
    cp.run('DeleteRoute', ids);
    const again = cp.run('CreateRoute', { apiId: api.apiId, routeKey: 'sendmessage' });
    expect(cp.run('GetRouteResponses', { apiId: api.apiId, routeId: again.routeId }).items).toEqual([]);
    expectError(
      () => cp.run('GetRouteResponse', { ...ids, routeResponseId: response.routeResponseId }),
      'NotFoundException',
      /Invalid Route identifier/,
    );
  });

  it('keys integration responses by $default or /pattern/', () => {
    const { cp, api } = wsApi();
    const integration = cp.run('CreateIntegration', { apiId: api.apiId, integrationType: 'MOCK' });
    const ids = { apiId: api.apiId, integrationId: integration.integrationId };
    const ok = cp.run('CreateIntegrationResponse', {
      ...ids,
      integrationResponseKey: '/2\\d\\d/',
      responseTemplates: { $default: '{"ok":true}' },
      templateSelectionExpression: '\\$default',
      contentHandlingStrategy: 'CONVERT_TO_TEXT',
    });
    expect(ok).toMatchObject({ integrationResponseKey: '/2\\d\\d/', contentHandlingStrategy: 'CONVERT_TO_TEXT' });
    cp.run('CreateIntegrationResponse', { ...ids, integrationResponseKey: '$default' });
    expect(cp.run('GetIntegrationResponses', ids).items).toHaveLength(2);
    expectError(
      () => cp.run('CreateIntegrationResponse', { ...ids, integrationResponseKey: '200' }),
      'BadRequestException',
      /between slashes/,
    );
    expectError(
      () => cp.run('CreateIntegrationResponse', { ...ids, integrationResponseKey: '/(/' }),
      'BadRequestException',
      /not a regular/,
    );
    expectError(() => cp.run('CreateIntegrationResponse', { ...ids, integrationResponseKey: '$default' }), 'ConflictException', /already/);
    const updated = cp.run('UpdateIntegrationResponse', {
      ...ids,
      integrationResponseId: ok.integrationResponseId,
      contentHandlingStrategy: '',
      responseTemplates: {},
    });
    expect(updated.contentHandlingStrategy).toBeUndefined();
    expect(updated.responseTemplates).toBeUndefined();
    cp.run('DeleteIntegrationResponse', { ...ids, integrationResponseId: ok.integrationResponseId });
    expectError(
      () => cp.run('GetIntegrationResponse', { ...ids, integrationResponseId: ok.integrationResponseId }),
      'NotFoundException',
      /Invalid IntegrationResponse identifier specified/,
    );
  });
});

describe('WebSocket APIs: deployments', () => {
  it('freeze the selection expressions, route responses, integration responses and models', () => {
    const { cp, api } = wsApi();
    const integration = cp.run('CreateIntegration', { apiId: api.apiId, integrationType: 'MOCK' });
    const route = cp.run('CreateRoute', { apiId: api.apiId, routeKey: '$default', target: `integrations/${integration.integrationId}` });
    cp.run('CreateRouteResponse', { apiId: api.apiId, routeId: route.routeId, routeResponseKey: '$default' });
    cp.run('CreateIntegrationResponse', { apiId: api.apiId, integrationId: integration.integrationId, integrationResponseKey: '$default' });
    const model = cp.run('CreateModel', { apiId: api.apiId, name: 'M', schema: '{}' });
    cp.run('CreateStage', { apiId: api.apiId, stageName: 'production', autoDeploy: true });
    const served = () =>
      cp
        .servingConfig()
        .apis.find((a) => a.apiId === api.apiId)
        ?.stages[0]?.deployment?.snapshot();
    const first = served();
    expect(first?.protocolType).toBe('WEBSOCKET');
    expect(first?.webSocket).toMatchObject({
      routeSelectionExpression: '$request.body.action',
      apiKeySelectionExpression: '$request.header.x-api-key',
      routeResponses: { [route.routeId]: [{ routeResponseKey: '$default' }] },
      integrationResponses: { [integration.integrationId]: [{ integrationResponseKey: '$default' }] },
      models: [model],
    });
    // A new model alone is a new deployment for the auto-deploy stage.
    cp.run('CreateModel', { apiId: api.apiId, name: 'N', schema: '{}' });
    expect(served()?.webSocket?.models).toHaveLength(2);
    cp.run('DeleteApi', { apiId: api.apiId });
    expect(cp.store.list('routeResponses', `${api.apiId}/${route.routeId}`)).toEqual([]);
    expect(cp.store.list('integrationResponses', `${api.apiId}/${integration.integrationId}`)).toEqual([]);
    expect(cp.store.list('models', api.apiId)).toEqual([]);
  });
});
