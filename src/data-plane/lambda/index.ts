export { eventBody, isTextContentType, type EventBody } from './body-encoding.js';
export { buildEventInput, type EventInputDependencies } from './build-event-input.js';
export type { EventInput } from './event-input.js';
export {
  invokeLambda,
  invokeLambdaIntegration,
  logFunctionError,
  type LambdaInvoker,
  type LambdaStepDependencies,
} from './invoke-lambda.js';
export { authorizerEventV1, integrationEventV1 } from './lambda-event-v1.js';
export { authorizerEventV2, integrationEventV2 } from './lambda-event-v2.js';
export { compileLambdaPlan, functionUriFor, type LambdaPlan } from './lambda-plan.js';
export { hasBody, readBody, type BodyRead } from './read-body.js';
export { interpretLambdaResult, type InterpretedResponse, type LambdaHttpResponse } from './lambda-response.js';
