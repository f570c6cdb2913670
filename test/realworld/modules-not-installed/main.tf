# The same kind of project before `terraform init`: the Lambda, ALB and VPC modules are not
# installed, so their outputs are stand-ins. An explicit deployment whose triggers hash the
# integrations, and a Lambda module whose allowed_triggers uses the stage's execution ARN, once
# made a false cycle; the ALB module's listeners map is read by key.
provider "aws" {
  region = "us-east-2"
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.0"

  name            = "checkout"
  cidr            = "10.0.0.0/16"
  azs             = ["us-east-2a", "us-east-2b"]
  private_subnets = ["10.0.1.0/24", "10.0.2.0/24"]
}

module "alb" {
  source  = "terraform-aws-modules/alb/aws"
  version = "~> 9.0"

  name     = "catalog"
  internal = true
  vpc_id   = module.vpc.vpc_id
  subnets  = module.vpc.private_subnets

  listeners = {
    http = {
      port     = 80
      protocol = "HTTP"
      forward  = { target_group_key = "app" }
    }
  }
}

module "lambda_function" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "~> 7.0"

  function_name = "checkout-handler"
  handler       = "app.handler"
  runtime       = "python3.12"
  source_path   = "${path.module}/src"

  allowed_triggers = {
    AllowExecutionFromAPIGateway = {
      service    = "apigateway"
      source_arn = "${aws_apigatewayv2_stage.live.execution_arn}/*"
    }
  }
}

resource "aws_apigatewayv2_api" "this" {
  name          = "checkout"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_integration" "checkout" {
  api_id                 = aws_apigatewayv2_api.this.id
  integration_type       = "AWS_PROXY"
  integration_uri        = module.lambda_function.lambda_function_invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "checkout" {
  api_id    = aws_apigatewayv2_api.this.id
  route_key = "POST /checkout"
  target    = "integrations/${aws_apigatewayv2_integration.checkout.id}"
}

resource "aws_apigatewayv2_vpc_link" "this" {
  name               = "checkout"
  subnet_ids         = module.vpc.private_subnets
  security_group_ids = [module.alb.security_group_id]
}

resource "aws_apigatewayv2_integration" "catalog" {
  api_id             = aws_apigatewayv2_api.this.id
  integration_type   = "HTTP_PROXY"
  integration_method = "ANY"
  connection_type    = "VPC_LINK"
  connection_id      = aws_apigatewayv2_vpc_link.this.id
  integration_uri    = module.alb.listeners["http"].arn
}

resource "aws_apigatewayv2_route" "catalog" {
  api_id    = aws_apigatewayv2_api.this.id
  route_key = "ANY /catalog/{proxy+}"
  target    = "integrations/${aws_apigatewayv2_integration.catalog.id}"
}

resource "aws_apigatewayv2_deployment" "this" {
  api_id = aws_apigatewayv2_api.this.id

  triggers = {
    redeployment = sha1(jsonencode([
      aws_apigatewayv2_integration.checkout,
      aws_apigatewayv2_integration.catalog,
      aws_apigatewayv2_route.checkout,
      aws_apigatewayv2_route.catalog,
    ]))
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_apigatewayv2_stage" "live" {
  api_id        = aws_apigatewayv2_api.this.id
  name          = "live"
  deployment_id = aws_apigatewayv2_deployment.this.id
}
