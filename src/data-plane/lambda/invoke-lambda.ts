import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InvocationResult } from '../../integrations/lambda/index.js';
import type { Clock } from '../../model/index.js';
import type { Logger } from '../../observability/index.js';
import type { CorsRequest } from '../cors.js';
import type { GatewayErrorKind } from '../gateway-errors.js';
import { shapeResponse } from '../map-response.js';
import type { ResponseMappingPlan } from '../mapping/index.js';
import type { RouteMatch } from '../match-route.js';
import type { ParsedRequest } from '../parse-request.js';
import type { RequestContext } from '../request-context.js';
import type { WarnOnce } from '../warn-once.js';
import { eventBody } from './body-encoding.js';
import { buildEventInput, type EventInputDependencies } from './build-event-input.js';
import { integrationEventV1 } from './lambda-event-v1.js';
import { integrationEventV2 } from './lambda-event-v2.js';
import { functionUriFor, type LambdaPlan } from './lambda-plan.js';
import { interpretLambdaResult, type LambdaHttpResponse } from './lambda-response.js';
import { readBody } from './read-body.js';

/** The Lambda service as the data plane sees it (implemented by integrations/lambda's LambdaRuntime). */
export interface LambdaInvoker {
  invoke(nameOrArn: string, event: unknown): Promise<InvocationResult>;
}

export interface LambdaStepDependencies extends EventInputDependencies {
  /** undefined when Portico runs no functions: every AWS_PROXY route answers 500 with a warning. */
  readonly lambda: LambdaInvoker | undefined;
  readonly warnOnce: WarnOnce;
  readonly logger: Logger;
  readonly clock: Clock;
}

interface LambdaResponseShape {
  readonly mapping: ResponseMappingPlan | undefined;
  readonly cors: CorsRequest | undefined;
  readonly stageVariables: Readonly<Record<string, string>>;
}

const TIMED_OUT = Symbol('integration timeout');

/** Race the invocation against the integration timeout; the function itself keeps running to its own timeout, as on AWS. */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(resolve, ms, TIMED_OUT)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function invokeLambda(lambda: LambdaInvoker | undefined, functionUri: string, event: unknown): Promise<InvocationResult> {
  if (lambda === undefined)
    return Promise.resolve({ kind: 'unavailable', problem: `No Lambda runtime is configured: "${functionUri}" cannot be invoked` });
  return lambda.invoke(functionUri, event);
}

/** Log a function's failure the way Lambda's runtime logs "Invoke Error", with the request ids. */
export function logFunctionError(
  logger: Logger,
  result: Extract<InvocationResult, { kind: 'error' }>,
  functionUri: string,
  context: RequestContext,
): void {
  const { errorType, errorMessage, trace } = result.error;
  logger.warn(
    { requestId: context.requestId, awsRequestId: result.awsRequestId, function: functionUri, errorType, errorMessage, trace },
    `Invoke Error: ${errorType}: ${errorMessage}`,
  );
}

/**
 * Response parameters (by the function's status) and the API's CORS headers apply to Lambda proxy
 * responses as to HTTP ones (docs/reference/dataplane.md §4: AWS_PROXY without a subtype; §7).
 */
function writeLambdaResponse(res: ServerResponse, response: LambdaHttpResponse, context: RequestContext, shape: LambdaResponseShape): void {
  const headers = response.headers;
  const status = shapeResponse(response.status, headers, context, shape.mapping, shape.cors, shape.stageVariables, response.body);
  headers.push('content-length', String(response.body.length), 'apigw-requestid', context.requestId);
  res.writeHead(status, headers);
  context.status = status;
  context.integrationResponseStatus = response.status;
  context.responseLength = response.body.length;
  res.end(response.body);
}

/**
 * Steps 7–9 for a Lambda proxy integration (docs/reference/dataplane.md §5): buffer the body, build the 1.0 or 2.0
 * event, invoke the function within the integration timeout, and turn its result into the response.
 * Function error, malformed result or a function that cannot be invoked → 500; timeout → 503.
 */
export async function invokeLambdaIntegration(
  plan: LambdaPlan,
  req: IncomingMessage,
  res: ServerResponse,
  request: ParsedRequest,
  match: RouteMatch,
  stageVariables: Readonly<Record<string, string>>,
  deps: LambdaStepDependencies,
  cors?: CorsRequest,
): Promise<GatewayErrorKind | undefined> {
  const context = request.context;
  const read = await readBody(req);
  if (read.kind === 'too-large') return 'RequestEntityTooLarge';
  if (read.kind === 'aborted') return undefined;
  context.requestLength = read.body.length;
  const input = buildEventInput(req, request, match, stageVariables, read.body.length, deps);
  const body = eventBody(read.body, req.headers['content-type']);
  const event = plan.payloadFormatVersion === '2.0' ? integrationEventV2(input, body) : integrationEventV1(input, body);
  const functionUri = functionUriFor(plan, stageVariables);
  const started = deps.clock.now();
  const invocation = invokeLambda(deps.lambda, functionUri, event);
  const result = await withTimeout(invocation, plan.timeoutMs);
  context.integrationLatency = deps.clock.now() - started;
  if (result === TIMED_OUT) {
    void invocation.catch(() => undefined);
    context.integrationErrorMessage = `The integration timed out after ${plan.timeoutMs} ms`;
    return 'ServiceUnavailable';
  }
  if (result.kind === 'unavailable') {
    context.integrationErrorMessage = result.problem;
    deps.warnOnce.warn(
      `lambda:${functionUri}`,
      { integrationId: plan.integrationId, function: functionUri },
      `${result.problem}: answering 500`,
    );
    return 'InternalServerError';
  }
  // Lambda answered (200), whether or not the function failed: `$context.integrationStatus` is Lambda's status.
  context.integrationStatus = 200;
  if (result.kind === 'error') {
    context.integrationErrorMessage = result.error.errorMessage;
    logFunctionError(deps.logger, result, functionUri, context);
    return 'InternalServerError';
  }
  const response = interpretLambdaResult(result.payload, plan.payloadFormatVersion);
  if (!response.ok) {
    context.integrationErrorMessage = `Malformed Lambda proxy response: ${response.problem}`;
    deps.logger.warn(
      { requestId: context.requestId, function: functionUri, payload: result.payload.slice(0, 1000) },
      context.integrationErrorMessage,
    );
    return 'InternalServerError';
  }
  try {
    writeLambdaResponse(res, response.value, context, { mapping: match.route.responseMapping, cors, stageVariables });
  } catch (error) {
    // Node refused a header the function returned (invalid characters): nothing went out yet.
    context.integrationErrorMessage = `Malformed Lambda proxy response: ${(error as Error).message}`;
    deps.logger.warn({ requestId: context.requestId, function: functionUri }, context.integrationErrorMessage);
    if (!res.headersSent) return 'InternalServerError';
    res.destroy();
  }
  return undefined;
}
