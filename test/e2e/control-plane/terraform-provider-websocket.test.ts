import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigV4Verifier } from '../../../src/control-plane/index.js';
import { type Harness, REGION, startControlPlane, TEST_KEYS } from './harness.js';

/**
 * The real Terraform AWS provider applies a WebSocket API — routes $connect/$disconnect/$default
 * and a custom one, AWS_PROXY and MOCK integrations, an authorizer, a model, a route response,
 * an integration response, a stage with execution-log settings and a deployment — then plans
 * with no drift, applies a change (a request parameter removed, templates changed) and destroys.
 * Runs where terraform and a provider mirror are installed (PORTICO_TF_PLUGINS), else skipped.
 */
const run = promisify(execFile);
const PLUGINS = process.env['PORTICO_TF_PLUGINS'] ?? '/opt/tf-plugins';
const available = existsSync(join(PLUGINS, 'registry.terraform.io/hashicorp/aws'));
const LAMBDA = `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:123456789012:function:chat/invocations`;

function configuration(endpoint: string, variant: { parameters: string; template: string; level: string }): string {
  return `
provider "aws" {
  region                      = "${REGION}"
  access_key                  = "${TEST_KEYS.accessKeyId}"
  secret_key                  = "${TEST_KEYS.secretAccessKey}"
  skip_credentials_validation = false
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  endpoints {
    apigatewayv2 = "${endpoint}"
    sts          = "${endpoint}"
  }
}
resource "aws_apigatewayv2_api" "chat" {
  name                         = "chat"
  protocol_type                = "WEBSOCKET"
  route_selection_expression   = "$request.body.action"
  api_key_selection_expression = "$request.header.x-api-key"
  tags                         = { env = "dev" }
}
resource "aws_apigatewayv2_authorizer" "connect" {
  api_id           = aws_apigatewayv2_api.chat.id
  name             = "connect"
  authorizer_type  = "REQUEST"
  authorizer_uri   = "${LAMBDA}"
  identity_sources = ["route.request.querystring.token"]
}
resource "aws_apigatewayv2_integration" "lambda" {
  api_id                    = aws_apigatewayv2_api.chat.id
  integration_type          = "AWS_PROXY"
  integration_uri           = "${LAMBDA}"
  content_handling_strategy = "CONVERT_TO_TEXT"
}
resource "aws_apigatewayv2_integration" "mock" {
  api_id                        = aws_apigatewayv2_api.chat.id
  integration_type              = "MOCK"
  template_selection_expression = "\\\\$default"
  request_templates             = { "$default" = ${JSON.stringify(variant.template)} }
}
resource "aws_apigatewayv2_integration_response" "mock" {
  api_id                   = aws_apigatewayv2_api.chat.id
  integration_id           = aws_apigatewayv2_integration.mock.id
  integration_response_key = "/200/"
  response_templates       = { "$default" = "{\\"pong\\": true}" }
}
resource "aws_apigatewayv2_model" "message" {
  api_id       = aws_apigatewayv2_api.chat.id
  name         = "Message"
  content_type = "application/json"
  schema = jsonencode({
    "$schema"  = "http://json-schema.org/draft-04/schema#"
    type       = "object"
    properties = { action = { type = "string" }, message = { type = "string" } }
  })
}
resource "aws_apigatewayv2_route" "connect" {
  api_id             = aws_apigatewayv2_api.chat.id
  route_key          = "$connect"
  target             = "integrations/\${aws_apigatewayv2_integration.lambda.id}"
  authorization_type = "CUSTOM"
  authorizer_id      = aws_apigatewayv2_authorizer.connect.id
  operation_name     = "ConnectRoute"
${variant.parameters}
}
resource "aws_apigatewayv2_route" "disconnect" {
  api_id    = aws_apigatewayv2_api.chat.id
  route_key = "$disconnect"
  target    = "integrations/\${aws_apigatewayv2_integration.lambda.id}"
}
resource "aws_apigatewayv2_route" "default" {
  api_id                              = aws_apigatewayv2_api.chat.id
  route_key                           = "$default"
  target                              = "integrations/\${aws_apigatewayv2_integration.mock.id}"
  route_response_selection_expression = "$default"
}
resource "aws_apigatewayv2_route" "send" {
  api_id                     = aws_apigatewayv2_api.chat.id
  route_key                  = "sendmessage"
  target                     = "integrations/\${aws_apigatewayv2_integration.lambda.id}"
  api_key_required           = false
  model_selection_expression = "$request.body.action"
  request_models             = { "sendmessage" = aws_apigatewayv2_model.message.name }
}
resource "aws_apigatewayv2_route_response" "default" {
  api_id             = aws_apigatewayv2_api.chat.id
  route_id           = aws_apigatewayv2_route.default.id
  route_response_key = "$default"
}
resource "aws_apigatewayv2_deployment" "chat" {
  api_id      = aws_apigatewayv2_api.chat.id
  description = "chat"
  triggers    = { template = ${JSON.stringify(variant.template)} }
  depends_on = [
    aws_apigatewayv2_route.connect,
    aws_apigatewayv2_route.disconnect,
    aws_apigatewayv2_route.default,
    aws_apigatewayv2_route.send,
    aws_apigatewayv2_route_response.default,
    aws_apigatewayv2_integration_response.mock,
  ]
  lifecycle {
    create_before_destroy = true
  }
}
resource "aws_apigatewayv2_stage" "production" {
  api_id        = aws_apigatewayv2_api.chat.id
  name          = "production"
  deployment_id = aws_apigatewayv2_deployment.chat.id
  default_route_settings {
    data_trace_enabled       = true
    detailed_metrics_enabled = true
    logging_level            = "${variant.level}"
    throttling_burst_limit   = 50
    throttling_rate_limit    = 100
  }
  route_settings {
    route_key              = aws_apigatewayv2_route.send.route_key
    logging_level          = "ERROR"
    throttling_burst_limit = 5
    throttling_rate_limit  = 10
  }
}
`;
}

const FIRST = {
  parameters: `  request_parameter {
    request_parameter_key = "route.request.querystring.token"
    required              = true
  }
  request_parameter {
    request_parameter_key = "route.request.header.x-client"
    required              = false
  }`,
  template: '{"statusCode": 200}',
  level: 'INFO',
};
const CHANGED = {
  parameters: `  request_parameter {
    request_parameter_key = "route.request.querystring.token"
    required              = true
  }`,
  template: '{"statusCode": 200, "v": 2}',
  level: 'ERROR',
};

describe.skipIf(!available)('the Terraform AWS provider drives a WebSocket API', () => {
  let h: Harness;
  let dir: string;
  const env = (): NodeJS.ProcessEnv => ({
    ...process.env,
    TF_CLI_CONFIG_FILE: join(dir, 'terraformrc'),
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  const terraform = (...args: string[]) => run('terraform', args, { cwd: dir, env: env(), maxBuffer: 16 * 1024 * 1024 });
  const noDrift = async () => {
    const plan = await terraform('plan', '-detailed-exitcode', '-input=false', '-no-color');
    expect(plan.stdout).toMatch(/No changes/);
  };

  beforeAll(async () => {
    h = await startControlPlane({ auth: createSigV4Verifier([{ ...TEST_KEYS }]) });
    dir = mkdtempSync(join(tmpdir(), 'portico-tf-ws-'));
    writeFileSync(join(dir, 'terraformrc'), `provider_installation {\n  filesystem_mirror {\n    path = "${PLUGINS}"\n  }\n}\n`);
    writeFileSync(join(dir, 'main.tf'), configuration(h.endpoint, FIRST));
    await terraform('init', '-input=false', '-no-color');
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('applies, plans no drift, applies a change, plans no drift again and destroys', async () => {
    await terraform('apply', '-auto-approve', '-input=false', '-no-color');
    const cp = h.controlPlane;
    const api = cp.run('GetApis', {}).items.find((a) => a.name === 'chat');
    expect(api?.protocolType).toBe('WEBSOCKET');
    const apiId = api?.apiId ?? '';
    const connect = cp.run('GetRoutes', { apiId }).items.find((r) => r.routeKey === '$connect');
    expect(Object.keys(connect?.requestParameters ?? {}).sort()).toEqual([
      'route.request.header.x-client',
      'route.request.querystring.token',
    ]);
    const served = cp
      .servingConfig()
      .apis.find((a) => a.apiId === apiId)
      ?.stages.find((s) => s.stage.stageName === 'production');
    expect(served?.deployment?.snapshot().webSocket?.models.map((m) => m.name)).toEqual(['Message']);
    await noDrift();

    writeFileSync(join(dir, 'main.tf'), configuration(h.endpoint, CHANGED));
    await terraform('apply', '-auto-approve', '-input=false', '-no-color');
    const after = cp.run('GetRoute', { apiId, routeId: connect?.routeId });
    expect(after.requestParameters).toEqual({ 'route.request.querystring.token': { required: true } });
    expect(cp.run('GetStage', { apiId, stageName: 'production' }).defaultRouteSettings.loggingLevel).toBe('ERROR');
    await noDrift();

    await terraform('destroy', '-auto-approve', '-input=false', '-no-color');
    expect(cp.run('GetApis', {}).items).toEqual([]);
  }, 400_000);
});
