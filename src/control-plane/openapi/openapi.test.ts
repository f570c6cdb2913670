import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { LISTENER_ARN } from '../../../test/e2e/control-plane/harness.js';
import { AUTHORIZER_URI, LAMBDA_ARN, petstore } from '../../../test/e2e/control-plane/openapi-fixture.js';
import { integrationIdOfTarget, ManualClock, SequenceIds } from '../../model/index.js';
import { MemoryStore } from '../../store/index.js';
import { ControlPlane } from '../control-plane.js';
import { ServiceError } from '../service-errors.js';

function newControlPlane(): { cp: ControlPlane; vpcLinkId: string } {
  const cp = new ControlPlane({
    store: new MemoryStore(),
    clock: new ManualClock(Date.UTC(2026, 10, 25, 12, 0, 0)),
    ids: new SequenceIds('openapi'),
    region: 'us-east-2',
    accountId: '123456789012',
    apiEndpoint: (apiId) => `http://${apiId}.execute-api.localhost:4566`,
  });
  const vpcLinkId = cp.run('CreateVpcLink', { name: 'link', subnetIds: ['subnet-1'] }).vpcLinkId;
  return { cp, vpcLinkId };
}

/** The API without its ids: what must survive an export and re-import. */
function describeApi(cp: ControlPlane, apiId: string) {
  const api = cp.run('GetApi', { apiId });
  const integrations = new Map(cp.run('GetIntegrations', { apiId }).items.map((i) => [i.integrationId, i]));
  const authorizers = new Map(cp.run('GetAuthorizers', { apiId }).items.map((a) => [a.authorizerId, a]));
  const routes = cp.run('GetRoutes', { apiId }).items.map((route) => {
    const integration = integrations.get(integrationIdOfTarget(route.target) ?? '');
    const { integrationId: _id, ...config } = integration ?? { integrationId: '' };
    return {
      routeKey: route.routeKey,
      authorizationType: route.authorizationType,
      authorizer: route.authorizerId === undefined ? undefined : authorizers.get(route.authorizerId)?.name,
      scopes: route.authorizationScopes,
      operationName: route.operationName,
      integration: integration ? config : undefined,
    };
  });
  return {
    name: api.name,
    version: api.version,
    description: api.description,
    cors: api.corsConfiguration,
    disableExecuteApiEndpoint: api.disableExecuteApiEndpoint,
    authorizers: [...authorizers.values()].map(({ authorizerId: _id, ...rest }) => rest).sort((a, b) => a.name.localeCompare(b.name)),
    routes: routes.sort((a, b) => a.routeKey.localeCompare(b.routeKey)),
    integrationCount: integrations.size,
  };
}

function expectError(fn: () => unknown, type: string, message: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    expect({ type: (error as ServiceError).type, message: (error as ServiceError).message }).toMatchObject({
      type,
      message: expect.stringMatching(message),
    });
    return;
  }
  throw new Error(`expected ${type}`);
}

describe('ImportApi', () => {
  it('creates routes, integrations, authorizers and CORS from an OpenAPI 3.0 document', () => {
    const { cp, vpcLinkId } = newControlPlane();
    const api = cp.run('ImportApi', { body: JSON.stringify(petstore(vpcLinkId)) });
    expect(api).toMatchObject({ name: 'petstore', version: '1.0', description: 'Pets', protocolType: 'HTTP' });
    expect(api.warnings).toBeUndefined();
    expect(api.importInfo).toEqual(['paths./pets.post: requestBody was ignored; HTTP APIs do not validate requests.']);
    const described = describeApi(cp, api.apiId);
    expect(described.cors).toEqual({
      allowOrigins: ['https://app.example.com'],
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['authorization'],
      maxAge: 600,
    });
    expect(described.integrationCount).toBe(4);
    expect(described.routes.map((r) => [r.routeKey, r.authorizationType, r.authorizer, r.scopes])).toEqual([
      ['$default', 'NONE', undefined, undefined],
      ['ANY /internal/{proxy+}', 'NONE', undefined, undefined],
      ['GET /pets', 'JWT', 'jwt', ['pets/read']],
      ['GET /pets/{petId}', 'AWS_IAM', undefined, undefined],
      ['POST /pets', 'CUSTOM', 'lambda', undefined],
    ]);
    const byKey = Object.fromEntries(described.routes.map((r) => [r.routeKey, r]));
    expect(byKey['GET /pets']?.operationName).toBe('listPets');
    expect(byKey['GET /pets']?.integration).toMatchObject({
      integrationType: 'HTTP_PROXY',
      integrationMethod: 'GET',
      payloadFormatVersion: '1.0',
      timeoutInMillis: 5000,
      requestParameters: { 'append:header.x-source': 'portico' },
      responseParameters: { '500': { 'overwrite:statuscode': '503' } },
    });
    expect(byKey['ANY /internal/{proxy+}']?.integration).toMatchObject({
      connectionType: 'VPC_LINK',
      connectionId: vpcLinkId,
      integrationUri: LISTENER_ARN,
      tlsConfig: { serverNameToVerify: 'internal.example.com' },
    });
    expect(byKey['$default']?.integration).toMatchObject({
      integrationType: 'AWS_PROXY',
      integrationUri: LAMBDA_ARN,
      payloadFormatVersion: '2.0',
    });
    const routes = cp.run('GetRoutes', { apiId: api.apiId }).items;
    const shared = routes.filter((r) => r.routeKey === 'POST /pets' || r.routeKey === 'GET /pets/{petId}').map((r) => r.target);
    expect(new Set(shared).size).toBe(1);
    expect(described.authorizers).toEqual([
      {
        name: 'jwt',
        authorizerType: 'JWT',
        identitySource: ['$request.header.Authorization'],
        jwtConfiguration: { issuer: 'https://issuer.example.com', audience: ['pets'] },
      },
      {
        name: 'lambda',
        authorizerType: 'REQUEST',
        authorizerUri: AUTHORIZER_URI,
        authorizerPayloadFormatVersion: '2.0',
        authorizerResultTtlInSeconds: 300,
        enableSimpleResponses: true,
        identitySource: ['$request.header.Authorization'],
      },
    ]);
  });

  it('reads YAML the same way as JSON, and applies basepath prepend and split', () => {
    const { cp, vpcLinkId } = newControlPlane();
    const fromJson = cp.run('ImportApi', { body: JSON.stringify(petstore(vpcLinkId)) });
    const fromYaml = cp.run('ImportApi', { body: toYaml(petstore(vpcLinkId)) });
    expect(describeApi(cp, fromYaml.apiId)).toEqual(describeApi(cp, fromJson.apiId));
    const doc = { ...petstore(vpcLinkId), servers: [{ url: 'https://example.com/a/b' }] };
    const prepended = cp.run('ImportApi', { body: JSON.stringify(doc), basepath: 'prepend' });
    expect(cp.run('GetRoutes', { apiId: prepended.apiId }).items.map((r) => r.routeKey)).toContain('GET /a/b/pets');
    const split = cp.run('ImportApi', { body: JSON.stringify(doc), basepath: 'split' });
    const splitKeys = cp.run('GetRoutes', { apiId: split.apiId }).items.map((r) => r.routeKey);
    expect(splitKeys).toContain('GET /b/pets');
    expect(splitKeys).toContain('$default');
  });

  it('rejects Swagger 2.0, several security requirements, a missing payloadFormatVersion and dangling $refs', () => {
    const { cp, vpcLinkId } = newControlPlane();
    expectError(
      () => cp.run('ImportApi', { body: JSON.stringify({ swagger: '2.0', info: { title: 'x' } }) }),
      'BadRequestException',
      /^Unsupported definition: Swagger 2\.0/,
    );
    const twoSecurity = petstore(vpcLinkId);
    const paths = twoSecurity['paths'] as Record<string, Record<string, Record<string, unknown>>>;
    const getPets = paths['/pets']?.['get'];
    if (getPets) getPets['security'] = [{ jwt: [] }, { lambda: [] }];
    expectError(
      () => cp.run('ImportApi', { body: JSON.stringify(twoSecurity) }),
      'BadRequestException',
      /^paths\.\/pets\.get: more than one security requirement/,
    );
    const noVersion = {
      openapi: '3.0.1',
      info: { title: 't' },
      paths: {
        '/a': { get: { 'x-amazon-apigateway-integration': { type: 'HTTP_PROXY', httpMethod: 'GET', uri: 'https://x.example.com' } } },
      },
    };
    expectError(() => cp.run('ImportApi', { body: JSON.stringify(noVersion) }), 'BadRequestException', /payloadFormatVersion is required/);
    const dangling = {
      openapi: '3.0.1',
      info: { title: 't' },
      paths: { '/a': { get: { 'x-amazon-apigateway-integration': { $ref: '#/components/x-amazon-apigateway-integrations/nope' } } } },
    };
    expectError(() => cp.run('ImportApi', { body: JSON.stringify(dangling) }), 'BadRequestException', /\$ref names integration "nope"/);
    expectError(() => cp.run('ImportApi', { body: 'openapi: [' }), 'BadRequestException', /neither valid JSON nor valid YAML/);
    expect(cp.run('GetApis', {}).items).toEqual([]);
  });

  it('reports unsupported integration types as warnings, and fails on them with failOnWarnings', () => {
    const { cp } = newControlPlane();
    const doc = {
      openapi: '3.0.1',
      info: { title: 'warned' },
      paths: {
        '/a': {
          get: { 'x-amazon-apigateway-integration': { type: 'AWS', httpMethod: 'POST', uri: LAMBDA_ARN, payloadFormatVersion: '1.0' } },
        },
        '/b': { 'x-amazon-apigateway-integration': { type: 'HTTP_PROXY', payloadFormatVersion: '1.0' } },
      },
      'x-amazon-apigateway-binary-media-types': ['image/png'],
    };
    const api = cp.run('ImportApi', { body: JSON.stringify(doc) });
    expect(api.warnings).toEqual([
      'paths./a.get: integration type AWS is not supported for HTTP APIs (only AWS_PROXY and HTTP_PROXY); the route was imported without an integration.',
    ]);
    expect(api.importInfo).toEqual([
      'x-amazon-apigateway-binary-media-types is supported only for REST APIs and was ignored.',
      'paths./b.x-amazon-apigateway-integration: an integration belongs on an operation (get, post, …, x-amazon-apigateway-any-method); this one was ignored.',
    ]);
    expect(cp.run('GetRoutes', { apiId: api.apiId }).items.map((r) => [r.routeKey, r.target])).toEqual([['GET /a', undefined]]);
    expectError(
      () => cp.run('ImportApi', { body: JSON.stringify(doc), failOnWarnings: true }),
      'BadRequestException',
      /^Warnings found during import:\n\tpaths\.\/a\.get: integration type AWS/,
    );
    expect(cp.run('GetApis', {}).items).toHaveLength(1);
  });

  it('leaves nothing behind when a later part of the document is invalid', () => {
    const { cp, vpcLinkId } = newControlPlane();
    const doc = petstore(vpcLinkId);
    (doc['paths'] as Record<string, unknown>)['/broken/'] = { get: {} };
    expectError(
      () => cp.run('ImportApi', { body: JSON.stringify(doc) }),
      'BadRequestException',
      /^paths\.\/broken\/\.get: Invalid route key "GET \/broken\/"/,
    );
    expect(cp.run('GetApis', {}).items).toEqual([]);
  });
});

describe('ExportApi and ReimportApi', () => {
  it('exports JSON and YAML that import back to an equivalent API', () => {
    const { cp, vpcLinkId } = newControlPlane();
    const original = cp.run('ImportApi', { body: JSON.stringify(petstore(vpcLinkId)) });
    cp.run('UpdateApi', { apiId: original.apiId, disableExecuteApiEndpoint: true });
    const json = cp.run('ExportApi', { apiId: original.apiId, specification: 'OAS30', outputType: 'JSON' }).body;
    const yaml = cp.run('ExportApi', { apiId: original.apiId, specification: 'OAS30', outputType: 'YAML' }).body;
    expect(parseYaml(yaml)).toEqual(JSON.parse(json));
    const doc = JSON.parse(json) as Record<string, Record<string, Record<string, Record<string, unknown>>>>;
    expect(doc['paths']?.['/$default']?.['x-amazon-apigateway-any-method']).toMatchObject({ isDefaultRoute: true });
    expect(doc['paths']?.['/pets']?.['get']?.['x-amazon-apigateway-integration']).toMatchObject({
      type: 'http_proxy',
      connectionType: 'INTERNET',
    });
    for (const body of [json, yaml]) {
      const copy = cp.run('ImportApi', { body });
      expect(describeApi(cp, copy.apiId)).toEqual(describeApi(cp, original.apiId));
      expect(cp.run('GetApi', { apiId: copy.apiId }).disableExecuteApiEndpoint).toBe(true);
    }
  });

  it('exports a stage as deployed, and leaves extensions out on request', () => {
    const { cp, vpcLinkId } = newControlPlane();
    const api = cp.run('ImportApi', { body: JSON.stringify(petstore(vpcLinkId)) });
    cp.run('CreateStage', { apiId: api.apiId, stageName: 'prod' });
    expectError(
      () => cp.run('ExportApi', { apiId: api.apiId, specification: 'OAS30', outputType: 'JSON', stageName: 'prod' }),
      'BadRequestException',
      /has no deployment to export/,
    );
    cp.run('CreateDeployment', { apiId: api.apiId, stageName: 'prod' });
    cp.run('CreateRoute', { apiId: api.apiId, routeKey: 'GET /later' });
    const staged = JSON.parse(
      cp.run('ExportApi', { apiId: api.apiId, specification: 'OAS30', outputType: 'JSON', stageName: 'prod' }).body,
    ) as { paths: Record<string, unknown>; servers: unknown };
    expect(Object.keys(staged.paths)).not.toContain('/later');
    expect(staged.servers).toEqual([
      { url: `http://${api.apiId}.execute-api.localhost:4566/{basePath}`, variables: { basePath: { default: 'prod' } } },
    ]);
    const latest = cp.run('ExportApi', { apiId: api.apiId, specification: 'OAS30', outputType: 'JSON', includeExtensions: false }).body;
    expect(JSON.parse(latest).paths).toHaveProperty('/later');
    expect(latest).not.toMatch(/x-amazon-apigateway-(integration|cors|authorizer|importexport)/);
    expectError(
      () => cp.run('ExportApi', { apiId: api.apiId, specification: 'SWAGGER', outputType: 'JSON' }),
      'BadRequestException',
      /OAS30/,
    );
  });

  it('reimport replaces routes, integrations, authorizers and CORS, keeps stages, and redeploys auto-deploy stages', () => {
    const { cp, vpcLinkId } = newControlPlane();
    const api = cp.run('ImportApi', { body: JSON.stringify(petstore(vpcLinkId)) });
    cp.run('CreateStage', { apiId: api.apiId, stageName: '$default', autoDeploy: true, stageVariables: { env: 'dev' } });
    const before = cp.run('GetStage', { apiId: api.apiId, stageName: '$default' }).deploymentId;
    const replacement = {
      openapi: '3.0.1',
      info: { title: 'petstore-v2' },
      paths: {
        '/health': {
          get: {
            'x-amazon-apigateway-integration': {
              type: 'HTTP_PROXY',
              httpMethod: 'GET',
              uri: 'https://backend.example.com/health',
              payloadFormatVersion: '1.0',
            },
          },
        },
      },
    };
    const reimported = cp.run('ReimportApi', { apiId: api.apiId, body: toYaml(replacement) });
    expect(reimported).toMatchObject({ apiId: api.apiId, name: 'petstore-v2' });
    expect(reimported.corsConfiguration).toBeUndefined();
    expect(cp.run('GetRoutes', { apiId: api.apiId }).items.map((r) => r.routeKey)).toEqual(['GET /health']);
    expect(cp.run('GetIntegrations', { apiId: api.apiId }).items).toHaveLength(1);
    expect(cp.run('GetAuthorizers', { apiId: api.apiId }).items).toEqual([]);
    const stage = cp.run('GetStage', { apiId: api.apiId, stageName: '$default' });
    expect(stage.stageVariables).toEqual({ env: 'dev' });
    expect(stage.deploymentId).not.toBe(before);
    const served = cp
      .servingConfig()
      .apis.find((a) => a.apiId === api.apiId)
      ?.stages[0]?.deployment?.snapshot();
    expect(served?.routes.map((r) => r.routeKey)).toEqual(['GET /health']);
  });
});
