# An API imported from an OpenAPI document (body), reachable only through its custom domain:
# disable_execute_api_endpoint closes the execute-api endpoint, as the configuration says from
# the first apply.
variable "backend_url" {
  type = string
}

resource "aws_apigatewayv2_api" "pets" {
  name                         = "pets"
  protocol_type                = "HTTP"
  disable_execute_api_endpoint = true

  body = jsonencode({
    openapi = "3.0.1"
    info    = { title = "pets-from-document", version = "1.0" }
    paths = {
      "/pets/{id}" = {
        get = {
          "x-amazon-apigateway-integration" = {
            type                 = "HTTP_PROXY"
            httpMethod           = "GET"
            uri                  = "${var.backend_url}/pets/{id}"
            payloadFormatVersion = "1.0"
          }
        }
      }
    }
  })
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.pets.id
  name        = "$default"
  auto_deploy = true
}

resource "aws_acm_certificate" "api" {
  domain_name       = "pets.example.com"
  validation_method = "DNS"
}

resource "aws_apigatewayv2_domain_name" "api" {
  domain_name = "pets.example.com"

  domain_name_configuration {
    certificate_arn = aws_acm_certificate.api.arn
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}

resource "aws_apigatewayv2_api_mapping" "api" {
  api_id      = aws_apigatewayv2_api.pets.id
  domain_name = aws_apigatewayv2_domain_name.api.id
  stage       = aws_apigatewayv2_stage.default.id
}
