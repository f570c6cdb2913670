# One directory with a WebSocket API, an HTTP API with an EventBridge service integration next to
# ordinary routes, and a REST (v1) API: the HTTP API is served, the rest is named at start-up.
variable "backend_url" {
  type = string
}

resource "aws_apigatewayv2_api" "chat" {
  name                       = "chat"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_apigatewayv2_integration" "chat" {
  api_id             = aws_apigatewayv2_api.chat.id
  integration_type   = "HTTP_PROXY"
  integration_method = "POST"
  integration_uri    = var.backend_url
}

resource "aws_apigatewayv2_route" "connect" {
  api_id    = aws_apigatewayv2_api.chat.id
  route_key = "$connect"
  target    = "integrations/${aws_apigatewayv2_integration.chat.id}"
}

resource "aws_apigatewayv2_route_response" "connect" {
  api_id             = aws_apigatewayv2_api.chat.id
  route_id           = aws_apigatewayv2_route.connect.id
  route_response_key = "$default"
}

resource "aws_apigatewayv2_stage" "chat" {
  api_id      = aws_apigatewayv2_api.chat.id
  name        = "production"
  auto_deploy = true
}

resource "aws_apigatewayv2_api" "events" {
  name          = "events"
  protocol_type = "HTTP"
}

resource "aws_iam_role" "events" {
  name               = "api-events"
  assume_role_policy = "{}"
}

resource "aws_apigatewayv2_integration" "put_events" {
  api_id              = aws_apigatewayv2_api.events.id
  integration_type    = "AWS_PROXY"
  integration_subtype = "EventBridge-PutEvents"
  credentials_arn     = aws_iam_role.events.arn

  request_parameters = {
    Source       = "shop.orders"
    DetailType   = "OrderPlaced"
    Detail       = "$request.body"
    EventBusName = "default"
  }
}

resource "aws_apigatewayv2_route" "put_events" {
  api_id    = aws_apigatewayv2_api.events.id
  route_key = "POST /events"
  target    = "integrations/${aws_apigatewayv2_integration.put_events.id}"
}

resource "aws_apigatewayv2_integration" "status" {
  api_id             = aws_apigatewayv2_api.events.id
  integration_type   = "HTTP_PROXY"
  integration_method = "GET"
  integration_uri    = "${var.backend_url}/status"

  # Accepted by AWS on an internet integration (terraform-provider-aws #41326), as here.
  tls_config {
    server_name_to_verify = "status.example.com"
  }
}

resource "aws_apigatewayv2_route" "status" {
  api_id        = aws_apigatewayv2_api.events.id
  route_key     = "GET /status"
  target        = "integrations/${aws_apigatewayv2_integration.status.id}"
  authorizer_id = "NONE"
}

resource "aws_apigatewayv2_stage" "events" {
  api_id      = aws_apigatewayv2_api.events.id
  name        = "$default"
  auto_deploy = "true"
}

resource "aws_api_gateway_rest_api" "legacy" {
  name = "legacy"
}
