import type { Integration, IntegrationOutcome } from './integration.js';
import { interpretLambdaResult, type InvocationResult, type LambdaError } from './lambda/index.js';
import type { ResponseSink } from './response-sink.js';
import { TIMED_OUT, withTimeout } from './with-timeout.js';

/** The Lambda service as the gateway sees it: the local LambdaRuntime (functions run here, or forwarded to an Invoke endpoint). */
export interface LambdaInvoker {
  invoke(nameOrArn: string, event: unknown): Promise<InvocationResult>;
}

/** One AWS_PROXY call: the function, the 1.0 or 2.0 event built by the data plane, and how long to wait. */
export interface LambdaIntegrationRequest {
  /** Function name or ARN, stage variables already filled in. */
  readonly functionUri: string;
  readonly event: unknown;
  readonly payloadFormatVersion: '1.0' | '2.0';
  /** Integration timeout: the function may run on to its own timeout, as on AWS. */
  readonly timeoutMs: number;
}

/** The function ran and threw (Lambda's "Invoke Error"): what its runtime reported. */
export class FunctionError extends Error {
  constructor(
    readonly lambdaError: LambdaError,
    readonly awsRequestId: string,
  ) {
    super(`${lambdaError.errorType}: ${lambdaError.errorMessage}`);
    this.name = 'FunctionError';
  }
}

/** The function returned something that is not a proxy response; `payload` is what it returned. */
export class MalformedResultError extends Error {
  constructor(
    problem: string,
    readonly payload: string,
  ) {
    super(problem);
    this.name = 'MalformedResultError';
  }
}

const malformed = (problem: string, payload: string): IntegrationOutcome => {
  const detail = `Malformed Lambda proxy response: ${problem}`;
  return { kind: 'failed', failure: 'malformed-response', error: new MalformedResultError(detail, payload), detail };
};

/**
 * AWS_PROXY to a Lambda function (docs/reference/dataplane.md §5): invoke it with the event within
 * the integration timeout and hand back the HTTP response its result describes (status, headers
 * with `content-length`, body in one piece). A function error, an unreadable result or a function
 * that cannot be invoked is a failure (500), a timeout too (503). Lambda itself answered 200 for
 * every outcome but `timeout` and `unavailable`.
 */
export class LambdaIntegration implements Integration<LambdaIntegrationRequest> {
  constructor(private readonly lambda: LambdaInvoker | undefined) {}

  async invoke(request: LambdaIntegrationRequest, response: ResponseSink): Promise<IntegrationOutcome> {
    const { functionUri, timeoutMs } = request;
    if (this.lambda === undefined)
      return { kind: 'failed', failure: 'unavailable', detail: `No Lambda runtime is configured: "${functionUri}" cannot be invoked` };
    const result = await withTimeout(this.lambda.invoke(functionUri, request.event), timeoutMs);
    if (result === TIMED_OUT) return { kind: 'failed', failure: 'timeout', detail: `The integration timed out after ${timeoutMs} ms` };
    if (result.kind === 'unavailable') return { kind: 'failed', failure: 'unavailable', detail: result.problem };
    if (result.kind === 'error') {
      const error = new FunctionError(result.error, result.awsRequestId);
      return { kind: 'failed', failure: 'function-error', error, detail: result.error.errorMessage };
    }
    const interpreted = interpretLambdaResult(result.payload, request.payloadFormatVersion);
    if (!interpreted.ok) return malformed(interpreted.problem, result.payload);
    const { status, headers, body } = interpreted.value;
    headers.push('content-length', String(body.length));
    try {
      response.head(status, headers);
      response.end(body);
    } catch (error) {
      // A header the function returned cannot go on the wire (invalid characters): nothing went out yet.
      return malformed((error as Error).message, result.payload);
    }
    return { kind: 'responded', status };
  }
}
