import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { petstore } from '../../../test/e2e/control-plane/openapi-fixture.js';
import { describeApi, expectError, newControlPlane } from './openapi.test-support.js';

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
