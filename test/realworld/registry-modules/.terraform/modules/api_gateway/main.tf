resource "aws_apigatewayv2_api" "this" {
  count = var.create ? 1 : 0

  name          = var.name
  description   = var.description
  protocol_type = var.protocol_type

  dynamic "cors_configuration" {
    for_each = length(var.cors_configuration) > 0 ? [var.cors_configuration] : []

    content {
      allow_credentials = try(cors_configuration.value.allow_credentials, null)
      allow_headers     = try(cors_configuration.value.allow_headers, null)
      allow_methods     = try(cors_configuration.value.allow_methods, null)
      allow_origins     = try(cors_configuration.value.allow_origins, null)
    }
  }

  tags = var.tags
}

resource "aws_apigatewayv2_stage" "this" {
  count = var.create && var.create_stage ? 1 : 0

  api_id      = aws_apigatewayv2_api.this[0].id
  name        = var.stage_name
  auto_deploy = true
  tags        = var.tags
}

locals {
  integrations = { for k, v in var.routes : k => v.integration if var.create && try(v.integration, null) != null }
}

resource "aws_apigatewayv2_integration" "this" {
  for_each = local.integrations

  api_id                 = aws_apigatewayv2_api.this[0].id
  integration_type       = try(each.value.type, "AWS_PROXY")
  integration_uri        = each.value.uri
  integration_method     = try(each.value.method, "POST")
  payload_format_version = try(each.value.payload_format_version, null)
  timeout_milliseconds   = try(each.value.timeout_milliseconds, null)
}

resource "aws_apigatewayv2_route" "this" {
  for_each = { for k, v in var.routes : k => v if var.create }

  api_id             = aws_apigatewayv2_api.this[0].id
  route_key          = each.key
  authorization_type = try(each.value.authorization_type, "NONE")
  target             = "integrations/${aws_apigatewayv2_integration.this[each.key].id}"
}
