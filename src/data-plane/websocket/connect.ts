import { TIMED_OUT, withTimeout, type LambdaInvoker } from '../../integrations/index.js';
import type { Clock, Stage } from '../../model/index.js';
import type { Logger } from '../../observability/index.js';
import type { AuthorizerServices } from '../authorize.js';
import type { AuthorizerPlan } from '../authorizers/authorizer-plan.js';
import type { AuthorizerDecision } from '../authorizers/decision.js';
import { iamAuthorize } from '../authorizers/iam-authorizer.js';
import type { IdentitySource } from '../authorizers/identity-sources.js';
import { AUTHORIZER_TIMEOUT_MS, lambdaAuthorize } from '../authorizers/lambda-authorizer.js';
import type { ClientRequest } from '../client-request.js';
import { PREPARED_ERRORS, type GatewayErrorKind } from '../gateway-error.js';
import type { Throttle } from '../throttle/throttle.js';
import { integrate, type IntegrateDependencies } from './integrate.js';
import { webSocketContextValue, type WebSocketContext } from './websocket-context.js';
import type { CompiledWebSocketDeployment } from './websocket-deployment.js';
import { connectAuthorizerEvent, connectEvent, type HandshakeFacts } from './websocket-events.js';

export interface ConnectDependencies extends IntegrateDependencies {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly lambda: LambdaInvoker | undefined;
  readonly authorizers: AuthorizerServices;
  readonly throttle: Throttle;
}

/** One upgrade request on its way through `$connect`. */
export interface ConnectAttempt {
  readonly context: WebSocketContext;
  readonly handshake: HandshakeFacts;
  readonly request: ClientRequest;
  readonly deployment: CompiledWebSocketDeployment;
  readonly stage: Stage;
  readonly region: string;
}

export type ConnectDecision =
  /** Upgrade, with the subprotocol the `$connect` integration chose (`Sec-WebSocket-Protocol`). */
  | { readonly kind: 'accept'; readonly protocol: string | undefined }
  /** Answer the upgrade request with this HTTP response instead (no connection). */
  | { readonly kind: 'refuse'; readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: string };

const refuse = (kind: GatewayErrorKind, extra: Record<string, string> = {}): ConnectDecision => {
  const error = PREPARED_ERRORS[kind];
  return { kind: 'refuse', status: error.status, headers: { 'Content-Type': 'application/json', ...extra }, body: error.body.toString() };
};

/** An identity source of a WebSocket authorizer: the upgrade request's header or query, a stage variable, `$context`. */
function identityValue(source: IdentitySource, attempt: ConnectAttempt): string | undefined {
  switch (source.kind) {
    case 'header': {
      const values = attempt.handshake.allHeaders.filter(([name]) => name.toLowerCase() === source.name).map(([, value]) => value);
      return values.length === 0 ? undefined : values.join(',');
    }
    case 'querystring': {
      const values = attempt.handshake.query.filter(([name]) => name === source.name).map(([, value]) => value);
      return values.length === 0 ? undefined : values.join(',');
    }
    case 'stageVariable':
      return attempt.stage.stageVariables[source.name];
    case 'context':
      return webSocketContextValue(attempt.context, source.name);
  }
}

async function decide(plan: AuthorizerPlan, attempt: ConnectAttempt, deps: ConnectDependencies): Promise<AuthorizerDecision> {
  const connection = attempt.context.connection;
  switch (plan.kind) {
    case 'iam':
      // `$connect` with AWS_IAM: the upgrade request is SigV4-signed for execute-api (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-control-access-iam.html).
      return iamAuthorize(attempt.request, { body: '' }, deps.authorizers.iam, connection.accountId);
    case 'lambda': {
      const methodArn = `arn:aws:execute-api:${attempt.region}:${connection.accountId}:${connection.apiId}/${connection.stage}/$connect`;
      return lambdaAuthorize(
        plan,
        {
          apiId: connection.apiId,
          stage: connection.stage,
          identityValues: plan.identitySources.map((source) => identityValue(source, attempt)),
          routeArn: methodArn,
          now: () => deps.clock.now(),
          invoke: async () => {
            if (deps.lambda === undefined)
              return { kind: 'unavailable', problem: `No Lambda runtime is configured: "${plan.functionUri}" cannot be invoked` } as const;
            const event = connectAuthorizerEvent(attempt.context, attempt.handshake, methodArn);
            const result = await withTimeout(deps.lambda.invoke(plan.functionUri, event), AUTHORIZER_TIMEOUT_MS);
            return result === TIMED_OUT ? undefined : result;
          },
        },
        deps.authorizers.cache,
      );
    }
    case 'jwt':
      return { kind: 'deny', status: 'InternalServerError', error: 'WebSocket APIs have no JWT authorizers' };
    case 'broken':
      return { kind: 'deny', status: 'InternalServerError', error: plan.problem };
  }
}

/**
 * `$connect` (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-keys-connect-disconnect.html):
 * throttling, then the authorizer (401 / 403 / 500 before any upgrade), then the route's
 * integration while the upgrade waits. A 2xx answer opens the connection; any other status is the
 * client's answer, and an integration that fails refuses it with 502 (as AWS answers a `$connect`
 * Lambda function that throws: docs/compatibility.md "Decided where AWS is silent").
 */
export async function runConnect(attempt: ConnectAttempt, deps: ConnectDependencies): Promise<ConnectDecision> {
  const { context, deployment } = attempt;
  const route = deployment.connect;
  if (!deps.throttle.admit(context.connection.apiId, attempt.stage, '$connect', context.requestTimeEpoch)) return refuse('TooManyRequests');
  const plan = route?.authorizer;
  if (plan !== undefined) {
    const started = deps.clock.now();
    const decision = await decide(plan, attempt, deps);
    context.authorizeLatency = deps.clock.now() - started;
    if (decision.kind === 'deny') {
      context.authorizerError = context.authorizeError = decision.error;
      const refusal = refuse(decision.status, Object.fromEntries(pairs(decision.headers ?? [])));
      context.authorizeStatus = refusal.kind === 'refuse' ? refusal.status : 0;
      if (decision.status === 'InternalServerError')
        deps.logger.warn({ routeKey: '$connect' }, `$connect authorizer failed: ${decision.error}`);
      return refusal;
    }
    context.authorizeStatus = 200;
    context.authorization = decision.authorization;
  }
  const integration = route?.integration;
  if (route === undefined || integration === undefined) return { kind: 'accept', protocol: undefined };
  const invokedAt = deps.clock.now();
  const result = await integrate(
    {
      plan: integration,
      context,
      event: () => connectEvent(context, attempt.handshake),
      message: undefined,
      handshake: attempt.handshake,
      stageVariables: attempt.stage.stageVariables,
    },
    deps,
  );
  context.integrationLatency = deps.clock.now() - invokedAt;
  if (result.kind === 'failed') {
    context.integrationErrorMessage = result.detail;
    deps.logger.warn(
      { routeKey: '$connect', connectionId: context.connection.connectionId },
      `$connect integration failed: ${result.detail}`,
    );
    return { kind: 'refuse', status: 502, headers: { 'Content-Type': 'application/json' }, body: '{"message": "Internal server error"}' };
  }
  context.integrationStatus = result.status;
  if (result.status >= 200 && result.status < 300) return { kind: 'accept', protocol: headerOf(result.headers, 'sec-websocket-protocol') };
  const contentType = headerOf(result.headers, 'content-type');
  return {
    kind: 'refuse',
    status: result.status,
    headers: contentType === undefined ? {} : { 'Content-Type': contentType },
    body: result.body.toString(),
  };
}

function pairs(flat: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i] as string, flat[i + 1] as string]);
  return out;
}

function headerOf(flat: readonly string[], lower: string): string | undefined {
  for (let i = 0; i + 1 < flat.length; i += 2) if ((flat[i] as string).toLowerCase() === lower) return flat[i + 1];
  return undefined;
}
