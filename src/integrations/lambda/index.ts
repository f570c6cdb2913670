export {
  LAMBDA_DEFAULTS,
  type EndpointFunctionDefinition,
  type FunctionCode,
  type FunctionDefinition,
  type NodeFunctionDefinition,
  type UnrunnableFunctionDefinition,
} from './function-definition.js';
export type { ExecuteApiLoopback, LambdaError } from './execution-environment.js';
export { parseFunctionReference, type FunctionReference } from './function-reference.js';
export { parseFunctionSpec } from './function-spec.js';
export { LambdaRuntime, type FunctionLogLine, type InvocationResult, type LambdaRuntimeOptions } from './lambda-runtime.js';
export { extractZip, ZipError } from './unzip.js';
export { interpretLambdaResult, type InterpretedResponse, type LambdaHttpResponse } from './proxy-response.js';
