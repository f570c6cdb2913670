import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigV4Verifier } from '../../../src/control-plane/index.js';
import { type Harness, LISTENER_ARN, REGION, startControlPlane, TEST_KEYS } from './harness.js';
import {
  checkWebSocketApplied,
  WEBSOCKET_CHANGED,
  WEBSOCKET_FIRST,
  webSocketConfiguration,
  type WebSocketVariant,
} from './terraform-websocket-config.js';

/**
 * The real Terraform AWS provider against the rest-json handler: `terraform apply`, a no-drift
 * plan, a changed apply, a no-drift plan, then `destroy`, with SigV4 verified and STS answering the configure-time
 * GetCallerIdentity. Runs where the terraform binary and a provider mirror are installed
 * (PORTICO_TF_PLUGINS, default /opt/tf-plugins); elsewhere it is skipped, saying why.
 */
const run = promisify(execFile);
const PLUGINS = process.env['PORTICO_TF_PLUGINS'] ?? '/opt/tf-plugins';
const available = existsSync(join(PLUGINS, 'registry.terraform.io/hashicorp/aws'));

function configuration(endpoint: string, variant: { name: string; variables: string; webSocket: WebSocketVariant }): string {
  return `${webSocketConfiguration(variant.webSocket)}
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
resource "aws_apigatewayv2_api" "api" {
  name          = "${variant.name}"
  protocol_type = "HTTP"
  cors_configuration {
    allow_origins = ["https://app.example.com"]
  }
  tags = { env = "dev" }
}
resource "aws_apigatewayv2_api" "imported" {
  name          = "imported"
  protocol_type = "HTTP"
  body = jsonencode({
    openapi = "3.0.1"
    info    = { title = "imported" }
    paths = {
      "/pets" = {
        get = {
          "x-amazon-apigateway-integration" = {
            type                 = "HTTP_PROXY"
            httpMethod           = "GET"
            uri                  = "https://backend.example.com/pets"
            payloadFormatVersion = "1.0"
          }
        }
      }
    }
  })
}
data "aws_apigatewayv2_export" "imported" {
  api_id        = aws_apigatewayv2_api.imported.id
  specification = "OAS30"
  output_type   = "JSON"
}
resource "aws_apigatewayv2_vpc_link" "link" {
  name               = "development-vpclink"
  subnet_ids         = ["subnet-1", "subnet-2"]
  security_group_ids = ["sg-1"]
  tags               = { env = "dev" }
}
resource "aws_apigatewayv2_integration" "vpc" {
  api_id             = aws_apigatewayv2_api.api.id
  integration_type   = "HTTP_PROXY"
  connection_type    = "VPC_LINK"
  connection_id      = aws_apigatewayv2_vpc_link.link.id
  integration_method = "ANY"
  integration_uri    = "${LISTENER_ARN}"
  request_parameters = { "append:header.x-env" = "dev" }
}
resource "aws_apigatewayv2_authorizer" "jwt" {
  api_id           = aws_apigatewayv2_api.api.id
  name             = "jwt"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]
  jwt_configuration {
    issuer   = "https://issuer.example.com"
    audience = ["pets"]
  }
}
resource "aws_apigatewayv2_route" "default" {
  api_id    = aws_apigatewayv2_api.api.id
  route_key = "$default"
  target    = "integrations/\${aws_apigatewayv2_integration.vpc.id}"
}
resource "aws_apigatewayv2_route" "me" {
  api_id               = aws_apigatewayv2_api.api.id
  route_key            = "GET /me"
  target               = "integrations/\${aws_apigatewayv2_integration.vpc.id}"
  authorization_type   = "JWT"
  authorizer_id        = aws_apigatewayv2_authorizer.jwt.id
  authorization_scopes = ["read"]
}
resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.api.id
  name        = "$default"
  auto_deploy = true
  stage_variables = ${variant.variables}
  route_settings {
    route_key           = aws_apigatewayv2_route.me.route_key
    throttling_rate_limit  = 10
    throttling_burst_limit = 5
  }
  tags = { env = "dev" }
}
resource "aws_apigatewayv2_stage" "prod" {
  api_id = aws_apigatewayv2_api.api.id
  name   = "prod"
}
resource "aws_apigatewayv2_deployment" "prod" {
  api_id      = aws_apigatewayv2_api.api.id
  description = "manual"
  depends_on  = [aws_apigatewayv2_route.default, aws_apigatewayv2_route.me]
}
resource "aws_apigatewayv2_domain_name" "domain" {
  domain_name = "api.example.com"
  domain_name_configuration {
    certificate_arn = "arn:aws:acm:${REGION}:123456789012:certificate/abc"
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}
resource "aws_apigatewayv2_api_mapping" "mapping" {
  api_id          = aws_apigatewayv2_api.api.id
  domain_name     = aws_apigatewayv2_domain_name.domain.id
  stage           = aws_apigatewayv2_stage.prod.id
  api_mapping_key = "v1"
}
`;
}

const FIRST = { name: 'development-api-gatewayv2', variables: '{ a = "1", b = "2" }', webSocket: WEBSOCKET_FIRST };
const CHANGED = { name: 'renamed', variables: '{ b = "2", c = "3" }', webSocket: WEBSOCKET_CHANGED };

describe.skipIf(!available)('the Terraform AWS provider drives the control plane', () => {
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

  beforeAll(async () => {
    h = await startControlPlane({ auth: createSigV4Verifier([{ ...TEST_KEYS }]) });
    dir = mkdtempSync(join(tmpdir(), 'portico-tf-'));
    writeFileSync(join(dir, 'terraformrc'), `provider_installation {\n  filesystem_mirror {\n    path = "${PLUGINS}"\n  }\n}\n`);
    writeFileSync(join(dir, 'main.tf'), configuration(h.endpoint, FIRST));
    await terraform('init', '-input=false', '-no-color');
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const noDrift = async () => {
    const plan = await terraform('plan', '-detailed-exitcode', '-input=false', '-no-color');
    expect(plan.stdout).toMatch(/No changes/);
  };

  it('applies HTTP and WebSocket APIs with no drift, re-applies a change with no drift, and destroys everything', async () => {
    await terraform('apply', '-auto-approve', '-input=false', '-no-color');
    checkWebSocketApplied(h.controlPlane, WEBSOCKET_FIRST);
    await noDrift();
    const apis = h.controlPlane.run('GetApis', {}).items;
    const api = apis.find((a) => a.name === 'development-api-gatewayv2');
    expect(api).toBeDefined();
    // body → CreateApi, ReimportApi, then UpdateApi back to the configured name (docs/reference/controlplane.md §4.2)
    const imported = apis.find((a) => a.name === 'imported');
    expect(h.controlPlane.run('GetRoutes', { apiId: imported?.apiId }).items.map((r) => r.routeKey)).toEqual(['GET /pets']);
    const served = h.controlPlane
      .servingConfig()
      .apis.find((a) => a.apiId === api?.apiId)
      ?.stages.find((s) => s.stage.stageName === '$default');
    expect(
      served?.deployment
        ?.snapshot()
        .routes.map((r) => r.routeKey)
        .sort(),
    ).toEqual(['$default', 'GET /me']);

    writeFileSync(join(dir, 'main.tf'), configuration(h.endpoint, CHANGED));
    await terraform('apply', '-auto-approve', '-input=false', '-no-color');
    checkWebSocketApplied(h.controlPlane, WEBSOCKET_CHANGED);
    expect(h.controlPlane.run('GetApi', { apiId: api?.apiId }).name).toBe('renamed');
    expect(h.controlPlane.run('GetStage', { apiId: api?.apiId, stageName: '$default' }).stageVariables).toEqual({ b: '2', c: '3' });
    await noDrift();

    await terraform('destroy', '-auto-approve', '-input=false', '-no-color');
    expect(h.controlPlane.run('GetApis', {}).items).toEqual([]);
    expect(h.controlPlane.run('GetVpcLinks', {}).items).toEqual([]);
    expect(h.controlPlane.run('GetDomainNames', {}).items).toEqual([]);
  }, 400_000);
});
