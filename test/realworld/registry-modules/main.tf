# An HTTP API and its Lambda function from the two most used registry modules, after
# `terraform init` downloaded them into .terraform/modules (the modules here are written for
# Portico's tests in the style of terraform-aws-modules/apigateway-v2 and /lambda).
provider "aws" {
  region = "eu-west-1"
}

locals {
  name = "orders"
}

module "api_gateway" {
  source  = "terraform-aws-modules/apigateway-v2/aws"
  version = "~> 5.0"

  name          = local.name
  description   = "Orders HTTP API"
  protocol_type = "HTTP"

  cors_configuration = {
    allow_origins = ["https://shop.example.com"]
    allow_methods = ["GET", "POST"]
  }

  routes = {
    "GET /orders/{id}" = {
      integration = {
        uri                    = module.lambda_function.lambda_function_arn
        payload_format_version = "2.0"
        timeout_milliseconds   = 12000
      }
    }
    "$default" = {
      integration = {
        uri                    = module.lambda_function.lambda_function_arn
        payload_format_version = "2.0"
      }
    }
  }

  tags = { Team = "orders" }
}

module "lambda_function" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "~> 7.0"

  function_name = "${local.name}-handler"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  source_path   = "${path.module}/src"

  environment_variables = {
    TABLE = "orders"
  }

  # The Lambda module's permission uses the API's execution ARN while the API's integration uses
  # the Lambda's ARN: no cycle for Terraform, which links outputs, not modules.
  allowed_triggers = {
    AllowExecutionFromAPIGateway = {
      service    = "apigateway"
      source_arn = "${module.api_gateway.api_execution_arn}/*/*"
    }
  }
}

output "api_endpoint" {
  value = module.api_gateway.api_endpoint
}
