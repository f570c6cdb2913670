output "api_id" {
  value = try(aws_apigatewayv2_api.this[0].id, null)
}

output "api_endpoint" {
  value = try(aws_apigatewayv2_api.this[0].api_endpoint, null)
}

output "api_execution_arn" {
  value = try(aws_apigatewayv2_api.this[0].execution_arn, null)
}

output "stage_invoke_url" {
  value = try(aws_apigatewayv2_stage.this[0].invoke_url, null)
}
