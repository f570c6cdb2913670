import { withTimeout, TIMED_OUT, type LambdaInvoker } from '../integrations/index.js';
import type { Clock } from '../model/index.js';
import type { Logger } from '../observability/index.js';
import type { SigV4Verifier } from '../sigv4/index.js';
import type { AuthorizerCache } from './authorizers/authorizer-cache.js';
import type { AuthorizerPlan } from './authorizers/authorizer-plan.js';
import type { AuthorizerDecision } from './authorizers/decision.js';
import { iamAuthorize } from './authorizers/iam-authorizer.js';
import { readIdentitySource } from './authorizers/read-identity-source.js';
import type { JwksCache } from './authorizers/jwks-cache.js';
import { verifyJwt } from './authorizers/jwt-authorizer.js';
import { AUTHORIZER_TIMEOUT_MS, lambdaAuthorize } from './authorizers/lambda-authorizer.js';
import { routeArn } from './authorizers/route-arn.js';
import { wholeClientBody } from './client-body.js';
import { declaredBodyLength } from './client-request.js';
import { GatewayError } from './gateway-error.js';
import type { RoutedInvocation } from './invocation.js';
import { buildEventInput, type EventInputDependencies } from './lambda/build-event-input.js';
import { authorizerEventV1 } from './lambda/lambda-event-v1.js';
import { authorizerEventV2 } from './lambda/lambda-event-v2.js';
import { parseQuery } from './lambda/request-facts.js';
import type { WarnOnce } from './warn-once.js';

/** What authorizers keep between requests: JWKS by issuer, Lambda authorizer results by stage, SigV4 credentials. */
export interface AuthorizerServices {
  readonly jwks: JwksCache;
  readonly cache: AuthorizerCache;
  readonly iam: SigV4Verifier;
}

export interface AuthorizeDependencies extends EventInputDependencies {
  readonly lambda: LambdaInvoker | undefined;
  readonly authorizers: AuthorizerServices;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly warnOnce: WarnOnce;
  /** How long a client's body may send nothing before it is given up on (408). */
  readonly bodyStallMs: number;
}

/** The client left while its body was read: an answer nobody will receive. */
const CLIENT_GONE = GatewayError.of('BadRequest');
const deny = (status: 'Forbidden' | 'InternalServerError', error: string, headers?: readonly string[]): AuthorizerDecision => ({
  kind: 'deny',
  status,
  error,
  ...(headers === undefined ? {} : { headers }),
});

async function iamDecision(routed: RoutedInvocation, deps: AuthorizeDependencies): Promise<AuthorizerDecision | GatewayError> {
  const { request, context } = routed;
  const verifier = deps.authorizers.iam;
  if (declaredBodyLength(request.rawHeaders) === 0) return iamAuthorize(request, { body: '' }, verifier, context.accountId);
  // The signature covers the body's hash: the whole body is read first (it is, for every integration).
  const body = await wholeClientBody(routed.invocation, deps.bodyStallMs);
  if (body === undefined) return CLIENT_GONE;
  if (body instanceof GatewayError) return body;
  return iamAuthorize(request, { body }, verifier, context.accountId);
}

function lambdaDecision(plan: Extract<AuthorizerPlan, { kind: 'lambda' }>, routed: RoutedInvocation, deps: AuthorizeDependencies) {
  const { context, invocation } = routed;
  const arn = routeArn(invocation.state.region, context, routed.match.route);
  const inputs = identityInputs(routed);
  return lambdaAuthorize(
    plan,
    {
      apiId: context.apiId,
      stage: context.stage,
      identityValues: plan.identitySources.map((source) => readIdentitySource(source, inputs)),
      routeArn: arn,
      now: () => deps.clock.now(),
      invoke: async (identitySource) => {
        const contentLength = Math.max(0, declaredBodyLength(routed.request.rawHeaders));
        const input = buildEventInput(routed, contentLength, deps);
        const event =
          plan.payloadFormatVersion === '2.0'
            ? authorizerEventV2(input, arn, identitySource)
            : authorizerEventV1(input, arn, identitySource);
        if (deps.lambda === undefined)
          return { kind: 'unavailable', problem: `No Lambda runtime is configured: "${plan.functionUri}" cannot be invoked` } as const;
        const result = await withTimeout(deps.lambda.invoke(plan.functionUri, event), AUTHORIZER_TIMEOUT_MS);
        return result === TIMED_OUT ? undefined : result;
      },
    },
    deps.authorizers.cache,
  );
}

function identityInputs(routed: RoutedInvocation) {
  const query = routed.parsed.query;
  return {
    rawHeaders: routed.request.rawHeaders,
    query: parseQuery(query.startsWith('?') ? query.slice(1) : query),
    context: routed.context,
    stageVariables: routed.stageVariables,
  };
}

function decide(
  plan: AuthorizerPlan,
  routed: RoutedInvocation,
  deps: AuthorizeDependencies,
): AuthorizerDecision | GatewayError | Promise<AuthorizerDecision | GatewayError> {
  switch (plan.kind) {
    case 'broken':
      deps.warnOnce.warn(`authorizer:${plan.problem}`, {}, `${plan.problem}: answering 500`);
      return deny('InternalServerError', plan.problem);
    case 'iam':
      return iamDecision(routed, deps);
    case 'jwt':
      return verifyJwt(plan, readIdentitySource(plan.identitySource, identityInputs(routed)), deps.authorizers.jwks, deps.clock);
    case 'lambda':
      return lambdaDecision(plan, routed, deps);
  }
}

/**
 * Step 6, route authorization (docs/reference/dataplane.md §6): JWT, Lambda REQUEST and AWS_IAM
 * authorizers. On success the caller goes into `$context` (and from there into Lambda events);
 * otherwise the error to answer with (401 / 403 / 500), carrying `www-authenticate` or
 * `x-amzn-ErrorType`.
 */
export async function authorize(
  plan: AuthorizerPlan,
  routed: RoutedInvocation,
  deps: AuthorizeDependencies,
): Promise<GatewayError | undefined> {
  const decision = await decide(plan, routed, deps);
  if (decision instanceof GatewayError) return decision;
  const context = routed.context;
  if (decision.kind === 'allow') {
    context.authorization = decision.authorization;
    return undefined;
  }
  context.authorizerError = decision.error;
  if (decision.status === 'InternalServerError')
    deps.logger.warn({ requestId: context.requestId, routeKey: routed.match.route.routeKey }, `authorizer failed: ${decision.error}`);
  return GatewayError.withHeaders(decision.status, decision.headers ?? []);
}
