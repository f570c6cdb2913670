# An HTTP API backed by Lambda functions whose code sits in ./functions, protected three ways:
# a JWT authorizer (any OIDC issuer), a Lambda REQUEST authorizer, and AWS_IAM.
# `portico up examples/lambda-jwt` runs it as is; see README.md.

terraform {
  required_providers {
    aws     = { source = "hashicorp/aws", version = "~> 5.0" }
    archive = { source = "hashicorp/archive", version = "~> 2.4" }
  }
}

provider "aws" {
  region = var.region
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "jwt_issuer" {
  description = "OIDC issuer of the tokens the JWT routes accept (its /.well-known/openid-configuration is read)"
  type        = string
  default     = "http://127.0.0.1:9999"
}

variable "jwt_audience" {
  type    = string
  default = "portico-example"
}

data "archive_file" "functions" {
  type        = "zip"
  source_dir  = "${path.module}/functions"
  output_path = "${path.module}/build/functions.zip"
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "lambda" {
  name               = "portico-example-lambda"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_lambda_function" "api" {
  function_name    = "portico-example-api"
  role             = aws_iam_role.lambda.arn
  runtime          = "nodejs20.x"
  handler          = "app.handler"
  filename         = data.archive_file.functions.output_path
  source_code_hash = data.archive_file.functions.output_base64sha256
  timeout          = 1
  memory_size      = 256

  environment {
    variables = {
      GREETING = "hello from Lambda"
    }
  }
}

resource "aws_lambda_function" "authorizer" {
  function_name    = "portico-example-authorizer"
  role             = aws_iam_role.lambda.arn
  runtime          = "nodejs20.x"
  handler          = "authorizer.simple"
  filename         = data.archive_file.functions.output_path
  source_code_hash = data.archive_file.functions.output_base64sha256
}

resource "aws_lambda_function" "policy_authorizer" {
  function_name    = "portico-example-policy-authorizer"
  role             = aws_iam_role.lambda.arn
  runtime          = "nodejs20.x"
  handler          = "authorizer.policy"
  filename         = data.archive_file.functions.output_path
  source_code_hash = data.archive_file.functions.output_base64sha256
}

resource "aws_apigatewayv2_api" "api" {
  name          = "portico-lambda-example"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_integration" "v2" {
  api_id                 = aws_apigatewayv2_api.api.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.api.invoke_arn
  payload_format_version = "2.0"
  timeout_milliseconds   = 5000
}

resource "aws_apigatewayv2_integration" "impatient" {
  api_id                 = aws_apigatewayv2_api.api.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.api.invoke_arn
  payload_format_version = "2.0"
  timeout_milliseconds   = 200
}

resource "aws_apigatewayv2_integration" "v1" {
  api_id                 = aws_apigatewayv2_api.api.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.api.arn
  payload_format_version = "1.0"
}

resource "aws_apigatewayv2_authorizer" "jwt" {
  api_id           = aws_apigatewayv2_api.api.id
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]
  name             = "oidc"

  jwt_configuration {
    issuer   = var.jwt_issuer
    audience = [var.jwt_audience]
  }
}

resource "aws_apigatewayv2_authorizer" "lambda" {
  api_id                            = aws_apigatewayv2_api.api.id
  authorizer_type                   = "REQUEST"
  authorizer_uri                    = aws_lambda_function.authorizer.invoke_arn
  authorizer_payload_format_version = "2.0"
  enable_simple_responses           = true
  identity_sources                  = ["$request.header.x-api-key"]
  authorizer_result_ttl_in_seconds  = 300
  name                              = "api-key"
}

resource "aws_apigatewayv2_authorizer" "policy" {
  api_id                            = aws_apigatewayv2_api.api.id
  authorizer_type                   = "REQUEST"
  authorizer_uri                    = aws_lambda_function.policy_authorizer.invoke_arn
  authorizer_payload_format_version = "1.0"
  identity_sources                  = ["$request.header.x-api-key"]
  authorizer_result_ttl_in_seconds  = 0
  name                              = "api-key-policy"
}

locals {
  routes = {
    public   = { key = "ANY /public/{proxy+}", integration = "v2", auth = "NONE", authorizer = null, scopes = null }
    legacy   = { key = "ANY /v1/{proxy+}", integration = "v1", auth = "NONE", authorizer = null, scopes = null }
    slow     = { key = "ANY /impatient/{proxy+}", integration = "impatient", auth = "NONE", authorizer = null, scopes = null }
    jwt      = { key = "GET /me", integration = "v2", auth = "JWT", authorizer = "jwt", scopes = null }
    admin    = { key = "GET /admin", integration = "v2", auth = "JWT", authorizer = "jwt", scopes = ["admin"] }
    key      = { key = "GET /orders/{id}", integration = "v2", auth = "CUSTOM", authorizer = "lambda", scopes = null }
    policy   = { key = "GET /reports/{id}", integration = "v1", auth = "CUSTOM", authorizer = "policy", scopes = null }
    iam      = { key = "POST /internal", integration = "v2", auth = "AWS_IAM", authorizer = null, scopes = null }
  }
  integrations = {
    v1        = aws_apigatewayv2_integration.v1.id
    v2        = aws_apigatewayv2_integration.v2.id
    impatient = aws_apigatewayv2_integration.impatient.id
  }
  authorizers = {
    jwt    = aws_apigatewayv2_authorizer.jwt.id
    lambda = aws_apigatewayv2_authorizer.lambda.id
    policy = aws_apigatewayv2_authorizer.policy.id
  }
}

resource "aws_apigatewayv2_route" "routes" {
  for_each = local.routes

  api_id               = aws_apigatewayv2_api.api.id
  route_key            = each.value.key
  target               = "integrations/${local.integrations[each.value.integration]}"
  authorization_type   = each.value.auth
  authorizer_id        = each.value.authorizer == null ? null : local.authorizers[each.value.authorizer]
  authorization_scopes = each.value.scopes
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.api.id
  name        = "$default"
  auto_deploy = true
}

resource "aws_lambda_permission" "api" {
  statement_id  = "AllowAPIGateway"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.api.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.api.execution_arn}/*/*"
}

output "url" {
  value = aws_apigatewayv2_stage.default.invoke_url
}
