import type { InvocationResult } from '../../integrations/lambda/index.js';
import type { AuthorizerCache, AuthorizerResponse } from './authorizer-cache.js';
import type { AuthorizerPlan } from './authorizer-plan.js';
import type { AuthorizerDecision } from './decision.js';
import { evaluatePolicy } from './iam-policy.js';

type LambdaPlan = Extract<AuthorizerPlan, { kind: 'lambda' }>;

/** API Gateway waits at most 10 s for a Lambda authorizer (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html). */
export const AUTHORIZER_TIMEOUT_MS = 10_000;

export interface LambdaAuthorizerRequest {
  readonly apiId: string;
  readonly stage: string;
  /** Values the identity sources found, in their order; an entry is undefined when missing. */
  readonly identityValues: readonly (string | undefined)[];
  /** The ARN the authorizer decides about (`routeArn` / `methodArn`). */
  readonly routeArn: string;
  /** Build the event and invoke the function (within AUTHORIZER_TIMEOUT_MS); undefined when it timed out. */
  readonly invoke: (identitySource: readonly string[]) => Promise<InvocationResult | undefined>;
  readonly now: () => number;
}

const denied = (status: 'Unauthorized' | 'Forbidden' | 'InternalServerError', error: string): AuthorizerDecision => ({
  kind: 'deny',
  status,
  error,
});

function contextOf(value: unknown): Readonly<Record<string, unknown>> | null | 'invalid' {
  if (value === undefined || value === null) return null;
  return typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : 'invalid';
}

/**
 * The function's answer in the configured format (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html, "Lambda
 * authorizer response format"): `{isAuthorized, context}` for 2.0 with simple responses, else an
 * IAM policy `{principalId, policyDocument, context}`. Anything else is an invalid response.
 */
function readAuthorizerResponse(plan: LambdaPlan, payload: string): AuthorizerResponse | string {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return 'the authorizer returned something that is not JSON';
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'the authorizer response is not an object';
  const response = value as Record<string, unknown>;
  const context = contextOf(response['context']);
  if (context === 'invalid') return 'the authorizer context must be an object';
  if (plan.payloadFormatVersion === '2.0' && plan.simpleResponses) {
    if (typeof response['isAuthorized'] !== 'boolean') return 'a simple response needs a boolean isAuthorized';
    return { kind: 'simple', isAuthorized: response['isAuthorized'], context };
  }
  const document = response['policyDocument'];
  if (document === null || typeof document !== 'object') return 'an IAM policy response needs a policyDocument';
  const principalId = response['principalId'];
  return { kind: 'policy', principalId: typeof principalId === 'string' ? principalId : undefined, policy: document, context };
}

function decide(response: AuthorizerResponse, routeArn: string, latencyMs: number): AuthorizerDecision {
  const principalId = response.kind === 'policy' ? response.principalId : undefined;
  const allow: AuthorizerDecision = { kind: 'allow', authorization: { kind: 'lambda', principalId, context: response.context, latencyMs } };
  if (response.kind === 'simple')
    return response.isAuthorized ? allow : denied('Forbidden', 'the authorizer did not authorize the request');
  const result = evaluatePolicy(response.policy, routeArn);
  if (result === 'malformed') return denied('InternalServerError', 'the authorizer returned a policy that cannot be read');
  return result === 'allow' ? allow : denied('Forbidden', `the authorizer's policy does not allow execute-api:Invoke on ${routeArn}`);
}

/**
 * A Lambda REQUEST authorizer (docs/reference/dataplane.md §6.2): a missing identity source is 401 without invoking
 * the function; a cached answer is used while its TTL lasts; the function's error "Unauthorized" is
 * 401; any other failure, a timeout or an invalid response is 500; a refusal is 403.
 */
export async function lambdaAuthorize(
  plan: LambdaPlan,
  request: LambdaAuthorizerRequest,
  cache: AuthorizerCache,
): Promise<AuthorizerDecision> {
  const values: string[] = [];
  for (const value of request.identityValues) {
    if (value === undefined || value === '') return denied('Unauthorized', 'an identity source is missing');
    values.push(value);
  }
  const cacheable = plan.ttlSeconds > 0 && values.length > 0;
  const key = `${plan.authorizerId}\u0000${values.join('\u0000')}`;
  const cached = cacheable ? cache.get(request.apiId, request.stage, key) : undefined;
  if (cached !== undefined) return decide(cached, request.routeArn, 0);
  const started = request.now();
  const result = await request.invoke(values);
  const latencyMs = request.now() - started;
  if (result === undefined) return denied('InternalServerError', `the authorizer did not answer within ${AUTHORIZER_TIMEOUT_MS} ms`);
  if (result.kind === 'unavailable') return denied('InternalServerError', result.problem);
  if (result.kind === 'error')
    return result.error.errorMessage === 'Unauthorized'
      ? denied('Unauthorized', 'the authorizer answered Unauthorized')
      : denied('InternalServerError', `the authorizer failed: ${result.error.errorType}: ${result.error.errorMessage}`);
  const response = readAuthorizerResponse(plan, result.payload);
  if (typeof response === 'string') return denied('InternalServerError', response);
  if (cacheable) cache.set(request.apiId, request.stage, key, response, plan.ttlSeconds);
  return decide(response, request.routeArn, latencyMs);
}
