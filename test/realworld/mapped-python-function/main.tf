# A Python function Portico cannot run, mapped with --function to a Node.js stand-in handler: the
# mapping keeps what Terraform configures for it (environment variables, timeout, memory size).
provider "aws" {
  region = "eu-central-1"
}

resource "random_password" "api_key" {
  length  = 32
  special = false
}

data "archive_file" "reports" {
  type        = "zip"
  source_dir  = "${path.module}/reports"
  output_path = "${path.module}/build/reports.zip"
}

resource "aws_iam_role" "reports" {
  name               = "reports"
  assume_role_policy = "{}"
}

resource "aws_lambda_function" "reports" {
  function_name    = "reports"
  runtime          = "python3.12"
  handler          = "app.handler"
  filename         = data.archive_file.reports.output_path
  source_code_hash = data.archive_file.reports.output_base64sha256
  role             = aws_iam_role.reports.arn
  timeout          = 7
  memory_size      = 256

  environment {
    variables = {
      TABLE        = "reports"
      API_KEY_HASH = bcrypt(random_password.api_key.result)
    }
  }
}

resource "aws_lambda_function" "unused" {
  function_name = "nightly-cleanup"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = data.archive_file.reports.output_path
  role          = aws_iam_role.reports.arn
}

resource "aws_apigatewayv2_api" "reports" {
  name          = "reports"
  protocol_type = "HTTP"
  target        = aws_lambda_function.reports.arn
}
