import { expect } from 'vitest';
import type { ControlPlane } from '../../../src/control-plane/index.js';
import { REGION } from './harness.js';

/**
 * The WebSocket half of the real-provider e2e test (terraform-provider.test.ts): a chat API with
 * routes $connect/$disconnect/$default and a custom one, AWS_PROXY and MOCK integrations, an
 * authorizer, a model, a route response, an integration response, a stage with execution-log
 * settings and a deployment. The second variant removes a request parameter and changes a
 * template and a logging level, so the update paths run under the provider too.
 */
const LAMBDA = `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:123456789012:function:chat/invocations`;

export interface WebSocketVariant {
  parameters: string;
  template: string;
  level: string;
}

export function webSocketConfiguration(variant: WebSocketVariant): string {
  return `
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
resource "aws_apigatewayv2_route" "chat_default" {
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
  route_id           = aws_apigatewayv2_route.chat_default.id
  route_response_key = "$default"
}
resource "aws_apigatewayv2_deployment" "chat" {
  api_id      = aws_apigatewayv2_api.chat.id
  description = "chat"
  triggers    = { template = ${JSON.stringify(variant.template)} }
  depends_on = [
    aws_apigatewayv2_route.connect,
    aws_apigatewayv2_route.disconnect,
    aws_apigatewayv2_route.chat_default,
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

export const WEBSOCKET_FIRST = {
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
export const WEBSOCKET_CHANGED = {
  parameters: `  request_parameter {
    request_parameter_key = "route.request.querystring.token"
    required              = true
  }`,
  template: '{"statusCode": 200, "v": 2}',
  level: 'ERROR',
};

/** What the provider applied: the routes, request parameters, stage settings and the deployed snapshot. */
export function checkWebSocketApplied(cp: ControlPlane, variant: WebSocketVariant): void {
  const api = cp.run('GetApis', {}).items.find((a) => a.name === 'chat');
  expect(api?.protocolType).toBe('WEBSOCKET');
  const apiId = api?.apiId ?? '';
  const routes = cp.run('GetRoutes', { apiId }).items;
  expect(routes.map((r) => r.routeKey).sort()).toEqual(['$connect', '$default', '$disconnect', 'sendmessage']);
  const connect = routes.find((r) => r.routeKey === '$connect');
  const keys = [...variant.parameters.matchAll(/request_parameter_key = "([^"]+)"/g)].map((m) => m[1]).sort();
  expect(Object.keys(connect?.requestParameters ?? {}).sort()).toEqual(keys);
  expect(cp.run('GetStage', { apiId, stageName: 'production' }).defaultRouteSettings).toMatchObject({
    dataTraceEnabled: true,
    loggingLevel: variant.level,
  });
  const served = cp
    .servingConfig()
    .apis.find((a) => a.apiId === apiId)
    ?.stages.find((s) => s.stage.stageName === 'production');
  const snapshot = served?.deployment?.snapshot();
  expect(snapshot?.webSocket?.models.map((m) => m.name)).toEqual(['Message']);
  const mock = snapshot?.integrations.find((i) => i.integrationType === 'MOCK');
  expect(mock?.requestTemplates).toEqual({ $default: variant.template });
}
