import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../model/index.js';
import type { Logger } from '../observability/index.js';
import type { SigV4Verifier } from '../sigv4/index.js';
import {
  AUTHORIZER_TIMEOUT_MS,
  iamAuthorize,
  lambdaAuthorize,
  readIdentitySource,
  routeArn,
  verifyJwt,
  type AuthorizerCache,
  type AuthorizerDecision,
  type AuthorizerPlan,
  type JwksCache,
} from './authorizers/index.js';
import type { GatewayErrorKind } from './gateway-errors.js';
import {
  authorizerEventV1,
  authorizerEventV2,
  buildEventInput,
  hasBody,
  invokeLambda,
  readBody,
  type EventInputDependencies,
  type LambdaInvoker,
} from './lambda/index.js';
import type { RouteMatch } from './match-route.js';
import type { ParsedRequest } from './parse-request.js';
import { parseQuery } from './lambda/request-facts.js';
import type { StageState } from './serving-state.js';
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
}

const UNSIGNED = /^(UNSIGNED-PAYLOAD|STREAMING-.+)$/;

async function iamDecision(
  req: IncomingMessage,
  match: RouteMatch,
  accountId: string,
  deps: AuthorizeDependencies,
): Promise<AuthorizerDecision | GatewayErrorKind> {
  const verifier = deps.authorizers.iam;
  if (!hasBody(req)) return iamAuthorize(req, { body: '' }, verifier, accountId);
  // The signature covers the body's hash. A Lambda event buffers the body anyway; a proxied body
  // streams on unread, so only the client's declared x-amz-content-sha256 can stand for it.
  if (match.route.integration?.kind === 'lambda') {
    const read = await readBody(req);
    if (read.kind === 'too-large') return 'RequestEntityTooLarge';
    return iamAuthorize(req, { body: read.kind === 'read' ? read.body : '' }, verifier, accountId);
  }
  const declared = req.headers['x-amz-content-sha256'];
  if (typeof declared === 'string' && (/^[0-9a-f]{64}$/i.test(declared) || UNSIGNED.test(declared)))
    return iamAuthorize(req, { body: '', payloadHash: declared.toLowerCase() }, verifier, accountId);
  deps.warnOnce.warn(
    `iam-body:${match.route.routeKey}`,
    { routeKey: match.route.routeKey },
    `AWS_IAM route ${match.route.routeKey} got a signed body without x-amz-content-sha256: Portico streams HTTP_PROXY bodies unread, ` +
      "so it verifies such bodies only by that header (sign with it, e.g. the SDK signer's applyChecksum). Answering 403.",
  );
  return {
    kind: 'deny',
    status: 'Forbidden',
    error: 'the body hash cannot be checked',
    headers: { 'x-amzn-errortype': 'InvalidSignatureException' },
  };
}

async function decide(
  plan: AuthorizerPlan,
  req: IncomingMessage,
  request: ParsedRequest,
  match: RouteMatch,
  stage: StageState,
  region: string,
  deps: AuthorizeDependencies,
): Promise<AuthorizerDecision | GatewayErrorKind> {
  const context = request.context;
  const stageVariables = stage.stage.stageVariables;
  const rawQuery = request.query.startsWith('?') ? request.query.slice(1) : request.query;
  const inputs = { rawHeaders: req.rawHeaders, query: parseQuery(rawQuery), context, stageVariables };
  switch (plan.kind) {
    case 'broken':
      deps.warnOnce.warn(`authorizer:${plan.problem}`, {}, `${plan.problem}: answering 500`);
      return { kind: 'deny', status: 'InternalServerError', error: plan.problem };
    case 'iam':
      return iamDecision(req, match, context.accountId, deps);
    case 'jwt':
      return verifyJwt(plan, readIdentitySource(plan.identitySource, inputs), deps.authorizers.jwks, deps.clock);
    case 'lambda': {
      const arn = routeArn(region, context, match.route);
      return lambdaAuthorize(
        plan,
        {
          apiId: context.apiId,
          stage: context.stage,
          identityValues: plan.identitySources.map((source) => readIdentitySource(source, inputs)),
          routeArn: arn,
          now: () => deps.clock.now(),
          invoke: async (identitySource) => {
            const input = buildEventInput(req, request, match, stageVariables, Number(req.headers['content-length'] ?? 0), deps);
            const event =
              plan.payloadFormatVersion === '2.0'
                ? authorizerEventV2(input, arn, identitySource)
                : authorizerEventV1(input, arn, identitySource);
            let timer: NodeJS.Timeout | undefined;
            const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, AUTHORIZER_TIMEOUT_MS, undefined)));
            return Promise.race([invokeLambda(deps.lambda, plan.functionUri, event), timeout]).finally(() => clearTimeout(timer));
          },
        },
        deps.authorizers.cache,
      );
    }
  }
}

/**
 * Step 6, route authorization (docs/reference/dataplane.md §6): JWT, Lambda REQUEST and AWS_IAM authorizers. On
 * success the caller goes into `$context` (and from there into Lambda events); otherwise the
 * error kind to answer with (401 / 403 / 500), with `www-authenticate` or `x-amzn-ErrorType` set.
 */
export async function authorize(
  plan: AuthorizerPlan,
  req: IncomingMessage,
  res: ServerResponse,
  request: ParsedRequest,
  match: RouteMatch,
  stage: StageState,
  region: string,
  deps: AuthorizeDependencies,
): Promise<GatewayErrorKind | undefined> {
  const decision = await decide(plan, req, request, match, stage, region, deps);
  if (typeof decision === 'string') return decision;
  if (decision.kind === 'allow') {
    request.context.authorization = decision.authorization;
    return undefined;
  }
  request.context.authorizerError = decision.error;
  if (decision.status === 'InternalServerError')
    deps.logger.warn({ requestId: request.context.requestId, routeKey: match.route.routeKey }, `authorizer failed: ${decision.error}`);
  for (const [name, value] of Object.entries(decision.headers ?? {})) res.setHeader(name, value);
  return decision.status;
}
