# A chat on a WebSocket API: clients connect, send {"action":"sendmessage","data":"…"}, and a Lambda
# function broadcasts the text to every connected client through the @connections API (AWS SDK v3),
# removing connections that are gone. `npx portico up examples/websocket` runs it as is; see README.md.
# Written after terraform-aws-modules/apigateway-v2's examples/websocket, with plain resources.

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

variable "stage_name" {
  type    = string
  default = "dev"
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

resource "aws_iam_role" "chat" {
  name               = "portico-websocket-chat"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

locals {
  # One function per route, as in AWS's simple-websockets-chat-app.
  functions = {
    connect     = "chat.onConnect"
    disconnect  = "chat.onDisconnect"
    sendmessage = "chat.sendMessage"
    default     = "chat.help"
  }
  routes = {
    connect     = "$connect"
    disconnect  = "$disconnect"
    sendmessage = "sendmessage"
    default     = "$default"
  }
}

resource "aws_lambda_function" "chat" {
  for_each = local.functions

  function_name    = "portico-chat-${each.key}"
  role             = aws_iam_role.chat.arn
  runtime          = "nodejs20.x"
  handler          = each.value
  filename         = data.archive_file.functions.output_path
  source_code_hash = data.archive_file.functions.output_base64sha256
  timeout          = 10
}

resource "aws_apigatewayv2_api" "chat" {
  name                       = "portico-websocket-chat"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_apigatewayv2_integration" "chat" {
  for_each = local.functions

  api_id           = aws_apigatewayv2_api.chat.id
  integration_type = "AWS_PROXY"
  integration_uri  = aws_lambda_function.chat[each.key].invoke_arn
}

resource "aws_apigatewayv2_route" "chat" {
  for_each = local.routes

  api_id    = aws_apigatewayv2_api.chat.id
  route_key = each.value
  target    = "integrations/${aws_apigatewayv2_integration.chat[each.key].id}"
}

# $default answers the sender (two-way): its function's body goes back to the client.
resource "aws_apigatewayv2_route_response" "help" {
  api_id             = aws_apigatewayv2_api.chat.id
  route_id           = aws_apigatewayv2_route.chat["default"].id
  route_response_key = "$default"
}

resource "aws_apigatewayv2_stage" "chat" {
  api_id      = aws_apigatewayv2_api.chat.id
  name        = var.stage_name
  auto_deploy = true

  default_route_settings {
    throttling_burst_limit = 100
    throttling_rate_limit  = 50
  }
}

resource "aws_lambda_permission" "chat" {
  for_each = local.functions

  statement_id  = "AllowAPIGateway"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.chat[each.key].function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.chat.execution_arn}/*/*"
}

output "websocket_url" {
  value = aws_apigatewayv2_stage.chat.invoke_url
}
