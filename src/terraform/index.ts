/**
 * Terraform configurations in, evaluated resources out: `portico up ./infra` reads a team's
 * unchanged .tf files with this. The apigatewayv2 handlers that turn resources into control-plane
 * operations live in ./apigatewayv2.
 */
export type { LoadOptions, LoadResult, ResourceHandler, ResourceInstance, SourceLocation, StandIn, TfValue } from './types.js';
export { TerraformError } from './terraform-error.js';
export { loadTerraform } from './load-terraform.js';
export { LAMBDA_CODE_TYPES, lambdaFunctionsFrom, type LambdaFunctionCode, type TerraformLambdaFunction } from './lambda-functions.js';
export * from './apigatewayv2/index.js';
export { refusedByHashicorpParser } from './config/hashicorp-check.js';
