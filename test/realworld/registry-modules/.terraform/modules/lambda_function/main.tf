data "aws_partition" "current" {}

data "archive_file" "package" {
  count = var.create && var.create_package ? 1 : 0

  type        = "zip"
  source_dir  = var.source_path
  output_path = "${path.root}/build/${var.function_name}.zip"
}

locals {
  filename = var.create_package ? data.archive_file.package[0].output_path : var.local_existing_package
}

data "aws_iam_policy_document" "assume_role" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.${data.aws_partition.current.dns_suffix}"]
    }
  }
}

resource "aws_iam_role" "lambda" {
  count = var.create ? 1 : 0

  name               = var.function_name
  assume_role_policy = data.aws_iam_policy_document.assume_role.json
}

resource "aws_lambda_function" "this" {
  count = var.create ? 1 : 0

  function_name    = var.function_name
  role             = aws_iam_role.lambda[0].arn
  handler          = var.handler
  runtime          = var.runtime
  timeout          = var.timeout
  memory_size      = var.memory_size
  filename         = local.filename
  source_code_hash = filebase64sha256(local.filename)

  dynamic "environment" {
    for_each = length(keys(var.environment_variables)) == 0 ? [] : [true]
    content {
      variables = var.environment_variables
    }
  }
}

resource "aws_lambda_permission" "triggers" {
  for_each = { for k, v in var.allowed_triggers : k => v if var.create }

  function_name = aws_lambda_function.this[0].function_name
  statement_id  = try(each.value.statement_id, each.key)
  action        = "lambda:InvokeFunction"
  principal     = try(each.value.principal, "${each.value.service}.${data.aws_partition.current.dns_suffix}")
  source_arn    = try(each.value.source_arn, null)
}
