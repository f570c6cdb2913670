import { describe, expect, it } from 'vitest';
import { load, loadError } from '../../../test/fixtures/terraform/temp-config.js';

const api = 'resource "aws_apigatewayv2_api" "api" {\n  name          = "a"\n  protocol_type = "HTTP"\n}\n';

/** What `terraform validate` refuses against the provider schema, refused at the same file:line. */
describe('arguments are checked against the AWS provider schema', () => {
  it.each([
    [
      'a misspelled argument, with the one meant',
      `${api}resource "aws_apigatewayv2_route" "r" {\n  api_id             = aws_apigatewayv2_api.api.id\n  route_key          = "GET /"\n  authorisation_type = "JWT"\n}\n`,
      'main.tf:8: Unsupported argument: an argument named "authorisation_type" is not expected here. Did you mean "authorization_type"? (arguments from the hashicorp/aws 5.100.0 provider schema)',
    ],
    [
      'a misspelled nested argument',
      `resource "aws_apigatewayv2_api" "api" {\n  name          = "a"\n  protocol_type = "HTTP"\n  cors_configuration {\n    allow_origin = ["*"]\n  }\n}\n`,
      'main.tf:5: Unsupported argument: an argument named "allow_origin" is not expected here. Did you mean "allow_origins"? (arguments from the hashicorp/aws 5.100.0 provider schema)',
    ],
    [
      'an unknown dynamic block',
      `resource "aws_apigatewayv2_api" "api" {\n  name          = "a"\n  protocol_type = "HTTP"\n  dynamic "cors" {\n    for_each = [1]\n    content {}\n  }\n}\n`,
      'main.tf:4: Unsupported block type: blocks of type "cors" are not expected here. (arguments from the hashicorp/aws 5.100.0 provider schema)',
    ],
    [
      'a block written as an argument',
      `resource "aws_apigatewayv2_api" "api" {\n  name               = "a"\n  protocol_type      = "HTTP"\n  cors_configuration = { allow_origins = ["*"] }\n}\n`,
      'main.tf:4: Unsupported argument: an argument named "cors_configuration" is not expected here. Did you mean to define a block of type "cors_configuration"?',
    ],
    [
      'a computed attribute set',
      `resource "aws_apigatewayv2_api" "api" {\n  name          = "a"\n  protocol_type = "HTTP"\n  api_endpoint  = "https://x"\n}\n`,
      'main.tf:4: Value for unconfigurable attribute: resource "aws_apigatewayv2_api" cannot set "api_endpoint"; its value is decided when the resource is applied.',
    ],
    [
      'a value of the wrong type',
      `${api}resource "aws_apigatewayv2_stage" "s" {\n  api_id      = aws_apigatewayv2_api.api.id\n  name        = "$default"\n  auto_deploy = "yes"\n}\n`,
      'main.tf:8: Incorrect attribute value type: inappropriate value for attribute "auto_deploy": a bool is required, got "yes".',
    ],
    [
      'a list where a string goes',
      `resource "aws_apigatewayv2_api" "api" {\n  name          = ["a"]\n  protocol_type = "HTTP"\n}\n`,
      'main.tf:2: Incorrect attribute value type: inappropriate value for attribute "name": a string is required, got tuple.',
    ],
    [
      'a missing required argument',
      `resource "aws_apigatewayv2_api" "api" {\n  name = "a"\n}\n`,
      'main.tf:1: Missing required argument: the argument "protocol_type" is required, but no definition was found.',
    ],
    [
      'two blocks where one is allowed',
      `resource "aws_apigatewayv2_api" "api" {\n  name          = "a"\n  protocol_type = "HTTP"\n  cors_configuration {\n  }\n  cors_configuration {\n  }\n}\n`,
      'main.tf:4: Too many cors_configuration blocks: no more than 1 "cors_configuration" block is allowed.',
    ],
    [
      'a wrong map element in a Lambda function',
      `resource "aws_lambda_function" "f" {\n  function_name = "f"\n  role          = "r"\n  environment {\n    variables = { A = ["x"] }\n  }\n}\n`,
      'main.tf:5: Incorrect attribute value type: inappropriate value for attribute "variables": element "A": a string is required, got tuple.',
    ],
  ])('%s', async (_name, text, message) => {
    expect(await loadError({ 'main.tf': text })).toBe(`TerraformError: ${message}`);
  });

  it('converts values as Terraform does before the provider sees them', async () => {
    const result = await load({
      'main.tf': `${api}resource "aws_apigatewayv2_stage" "s" {\n  api_id      = aws_apigatewayv2_api.api.id\n  name        = 1\n  auto_deploy = "true"\n  default_route_settings {\n    throttling_rate_limit = "50"\n  }\n}\n`,
    });
    const stage = result.resources.find((r) => r.type === 'aws_apigatewayv2_stage')?.attributes;
    expect(stage).toMatchObject({ name: '1', auto_deploy: true, default_route_settings: [{ throttling_rate_limit: 50 }] });
  });

  it('leaves other resource types and block-or-object syntax in .tf.json alone', async () => {
    const result = await load({
      'main.tf': 'resource "aws_lb" "x" {\n  anything_goes = true\n}\n',
      'api.tf.json': JSON.stringify({
        resource: { aws_apigatewayv2_api: { api: { name: 'a', protocol_type: 'HTTP', cors_configuration: { allow_origins: ['*'] } } } },
      }),
    });
    expect(result.resources.map((r) => r.address).sort()).toEqual(['aws_apigatewayv2_api.api', 'aws_lb.x']);
  });
});
