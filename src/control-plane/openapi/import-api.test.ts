import { describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { LISTENER_ARN } from '../../../test/e2e/control-plane/harness.js';
import { AUTHORIZER_URI, LAMBDA_ARN, petstore } from '../../../test/e2e/control-plane/openapi-fixture.js';
import { describeApi, expectError, newControlPlane } from './openapi.test-support.js';

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

  it('warns once per response schema $ref that names no schema, in AWS words', () => {
    const { cp } = newControlPlane();
    const schema = (name: string) => ({ schema: { $ref: `#/components/schemas/${name}` } });
    const doc = {
      openapi: '3.0.1',
      info: { title: 'refs' },
      components: { schemas: { Pet: { type: 'object' }, 'a/b': { type: 'object' } } },
      paths: {
        '/pets/{id}': {
          'x-amazon-apigateway-any-method': {
            responses: {
              '200': { content: { 'application/json': schema('Pet'), 'application/xml': schema('a~1b') } },
              '404': { content: { 'application/json': schema('Missing'), 'text/json': schema('Missing') } },
            },
          },
        },
      },
    };
    const api = cp.run('ImportApi', { body: JSON.stringify(doc) });
    expect(api.warnings).toEqual([
      "Parse issue: attribute paths.'/pets/{id}'(x-amazon-apigateway-any-method).responses.404.content.schema.#/components/schemas/Missing is missing",
    ]);
    expect(cp.run('GetRoutes', { apiId: api.apiId }).items.map((r) => r.routeKey)).toEqual(['ANY /pets/{id}']);
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
