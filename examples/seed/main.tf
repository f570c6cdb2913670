# The system Portico started from: an HTTP API whose single $default route
# proxies everything, through a VPC link, to a private load balancer, served
# by an auto-deploying $default stage. The four apigatewayv2 resources below
# are the article's, unchanged; the provider, variables and the VPC and
# security-group modules are the surroundings the article refers to.

resource "aws_apigatewayv2_api" "api" {
  name          = "development-api-gatewayv2"
  protocol_type = "HTTP"

  tags = var.common_tags
}

resource "aws_apigatewayv2_vpc_link" "vpc_link" {
  name               = "development-vpclink"
  security_group_ids = [module.vpclink_sg.this_security_group_id]
  subnet_ids         = module.vpc.private_subnets

  tags = var.common_tags
}

resource "aws_apigatewayv2_integration" "api_integration" {
  api_id             = aws_apigatewayv2_api.api.id
  integration_type   = "HTTP_PROXY"
  connection_id      = aws_apigatewayv2_vpc_link.vpc_link.id
  connection_type    = "VPC_LINK"
  description        = "VPC integration"
  integration_method = "ANY"
  integration_uri    = "arn:aws:elasticloadbalancing:us-east-2:123456789012:listener/app/my-load-balancer/50dc6c495c0c9188/0467ef3c8400ae65"
}

resource "aws_apigatewayv2_route" "default_route" {
  api_id    = aws_apigatewayv2_api.api.id
  route_key = "$default"
  target    = "integrations/${aws_apigatewayv2_integration.api_integration.id}"
}

resource "aws_apigatewayv2_stage" "default_stage" {
  api_id      = aws_apigatewayv2_api.api.id
  name        = "$default"
  auto_deploy = true

  tags = var.common_tags
}
