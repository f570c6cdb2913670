import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTerraform } from './index.js';

const dir = fileURLToPath(new URL('../../test/fixtures/terraform/lambda-api', import.meta.url));

/** A Lambda-backed HTTP API written the way teams write them, loaded without any handler. */
describe('a realistic Lambda HTTP API configuration', () => {
  it('loads with values shaped like AWS would return them', async () => {
    const result = await loadTerraform({ dir, env: {}, accountId: '123456789012' });
    const attrs = (address: string) => result.resources.find((r) => r.address === address)?.attributes;
    expect(result.region).toBe('eu-west-1');
    expect(
      result.resources
        .filter((r) => r.type === 'aws_apigatewayv2_route')
        .map((r) => [r.address, r.attributes.route_key, r.attributes.authorization_type]),
    ).toEqual([
      ['aws_apigatewayv2_route.routes["create"]', 'POST /items', 'JWT'],
      ['aws_apigatewayv2_route.routes["get"]', 'GET /items/{id}', 'NONE'],
      ['aws_apigatewayv2_route.routes["list"]', 'GET /items', 'NONE'],
    ]);
    expect(attrs('aws_apigatewayv2_api.api')?.cors_configuration).toEqual([
      { allow_origins: ['https://example.com'], allow_methods: ['POST', 'GET'] },
    ]);
    expect(attrs('aws_apigatewayv2_integration.lambda')?.integration_uri).toBe(
      'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:dev-items/invocations',
    );
    expect(attrs('aws_iam_role.lambda')?.assume_role_policy).toBe(
      '{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"}}],"Version":"2012-10-17"}',
    );
    expect(attrs('aws_lambda_function.api')?.environment).toEqual([{ variables: { ACCOUNT: '123456789012', TABLE: 'dev-items' } }]);
    expect(attrs('aws_apigatewayv2_stage.default')?.access_log_settings).toEqual([
      {
        destination_arn: 'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/apigateway/dev-items',
        format: '{"requestId":"$context.requestId","route":"$context.routeKey","status":"$context.status"}',
      },
    ]);
    const apiId = String(attrs('aws_apigatewayv2_route.routes["list"]')?.api_id);
    expect(apiId).toMatch(/^[a-z0-9]{10}$/);
    expect(attrs('aws_lambda_permission.api')?.source_arn).toBe(`arn:aws:execute-api:eu-west-1:123456789012:${apiId}/*/*`);
    expect(result.outputs.url).toBe(`https://${apiId}.execute-api.eu-west-1.amazonaws.com/`);
    expect(attrs('aws_apigatewayv2_authorizer.jwt')?.jwt_configuration).toEqual([
      {
        audience: [expect.stringMatching(/^[a-z0-9]{26}$/)],
        issuer: expect.stringMatching(/^https:\/\/cognito-idp\.eu-west-1\.amazonaws\.com\/eu-west-1_[A-Za-z0-9]{9}$/),
      },
    ]);
  });

  it('checks variable validations with can() and regex()', async () => {
    await expect(loadTerraform({ dir, env: {}, vars: { env: 'qa' } })).rejects.toThrow(
      'variables.tf:10: Invalid value for variable "env": env must be dev or prod.',
    );
  });
});
