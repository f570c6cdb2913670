import { httpIntegration, type HttpIntegrationRequest, type Integration, type LambdaIntegrationRequest } from '../integrations/index.js';
import type { Clock } from '../model/index.js';
import type { Logger } from '../observability/index.js';
import { afterResponse } from './after-response.js';
import { authorize, type AuthorizeDependencies } from './authorize.js';
import type { BusyPoll } from './busy-poll.js';
import { readClientBody } from './client-body.js';
import { answerCorsPreflight, type PreflightAnswer } from './cors-preflight.js';
import { corsForRequest } from './cors.js';
import type { LambdaPlan } from './lambda/lambda-plan.js';
import type { PrivateHttpPlan, PublicHttpPlan } from './deployment.js';
import { enforceThrottle } from './enforce-throttle.js';
import { GatewayError } from './gateway-error.js';
import { buildIntegrationRequest, type IntegrationRequestDependencies } from './build-integration-request.js';
import { settleHttpOutcome, settleLambdaOutcome } from './integration-outcome.js';
import type { Invocation, RoutedInvocation } from './invocation.js';
import { buildLambdaRequest } from './lambda-request.js';
import { mapRequestParameters } from './map-request-parameters.js';
import { matchRoute } from './match-route.js';
import { parseRequest } from './parse-request.js';
import { EndpointResponse, respondToPreflight, respondWithError } from './respond.js';
import { selectStage } from './select-stage.js';
import { bindStageVariables } from './stage-variables.js';
import type { Telemetry } from './telemetry/telemetry.js';
import type { Throttle } from './throttle/throttle.js';

export interface PipelineDependencies extends IntegrationRequestDependencies, AuthorizeDependencies {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly throttle: Throttle;
  readonly telemetry: Telemetry;
  readonly poll: BusyPoll;
  readonly lambdaIntegration: Integration<LambdaIntegrationRequest>;
}

const BAD_REQUEST = GatewayError.of('BadRequest');
const NOT_FOUND = GatewayError.of('NotFound');
const INTERNAL_SERVER_ERROR = GatewayError.of('InternalServerError');
const REQUEST_ENTITY_TOO_LARGE = GatewayError.of('RequestEntityTooLarge');

/** How the pipeline ended when it did not hand the response to an integration: what respond.ts writes, or nothing (the client left). */
type PipelineEnd = GatewayError | PreflightAnswer | undefined;

/** THE pipeline: AWS's order for an HTTP API request (docs/reference/dataplane.md §0), one step per line. */
async function runPipeline(invocation: Invocation, deps: PipelineDependencies): Promise<PipelineEnd> {
  // 0. A path whose `..` climbs above the root names nothing: 400, and no step reads it (normalize-path.ts).
  if (invocation.endpoint.climbsAboveRoot === true) return BAD_REQUEST;
  // 1. Resolve API + stage: a first path segment naming a stage selects it, else `$default`, else 404 (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html).
  const selection = selectStage(invocation.state, invocation.endpoint);
  if (selection instanceof GatewayError) return selection;
  invocation.stage = selection.stage;
  // 2. Parse the request and start `$context` (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html).
  const parsed = parseRequest(invocation, selection, deps.clock.now());
  const context = (invocation.context = parsed.context);
  const cors = (invocation.cors = corsForRequest(selection.deployment.cors, invocation.request.rawHeaders));
  // 3. Match a route: full match, then greedy `{proxy+}`, then `$default`; none → 404, never 405 (docs/reference/dataplane.md §2).
  const matched = matchRoute(selection.deployment, parsed);
  // 4. CORS preflight, answered by the gateway when no route captured the OPTIONS request (docs/reference/dataplane.md §7).
  if (matched === undefined) return answerCorsPreflight(cors, parsed, invocation) ?? NOT_FOUND;
  // Stage variables complete the integration URI with the stage's live values (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.html).
  const match = bindStageVariables(matched, selection.stage, invocation.state);
  context.routeKey = match.route.routeKey;
  const stageVariables = selection.stage.stage.stageVariables;
  const routed: RoutedInvocation = { invocation, request: invocation.request, parsed, context, selection, match, stageVariables };
  // 5. Throttle: route setting, else stage default, plus the account bucket → 429 (docs/reference/dataplane.md §8).
  const throttled = enforceThrottle(deps.throttle, routed);
  if (throttled !== undefined) return throttled;
  // 6. Authorize the route: JWT, Lambda or IAM → 401 / 403 / 500 (docs/reference/dataplane.md §6).
  const authorizer = match.route.authorizer;
  const denied = authorizer === undefined ? undefined : await authorize(authorizer, routed, deps);
  if (denied !== undefined) return denied;
  // 7–9: build the integration request, invoke it, respond through the endpoint response (respond.ts).
  const plan = match.route.integration;
  // A route with no integration attached: AWS answers it like an unmatched request (not documented; our choice).
  if (plan === undefined) return NOT_FOUND;
  switch (plan.kind) {
    case 'lambda':
      return invokeLambda(plan, routed, deps);
    case 'unserved':
      deps.warnOnce.warn(`unserved:${plan.integrationId}`, { integrationId: plan.integrationId }, plan.problem);
      return INTERNAL_SERVER_ERROR;
    default:
      return invokeHttp(plan, routed, deps);
  }
}

/**
 * 7. The HTTP_PROXY request: upstream URL, method, forwarded headers (docs/reference/dataplane.md §3.2–3.3),
 * then parameter mapping (§4), with the client's body read first if a mapping reads it; 8. invoke it
 * (timeout 50–30,000 ms until the response head) and stream the response through; 9. the response
 * head is mapped as it arrives (§3.4, §4, §7).
 */
async function invokeHttp(
  plan: PublicHttpPlan | PrivateHttpPlan,
  routed: RoutedInvocation,
  deps: PipelineDependencies,
): Promise<PipelineEnd> {
  const built = buildIntegrationRequest(plan, routed, deps);
  if (built instanceof GatewayError) return built;
  const { invocation, context } = routed;
  let request: HttpIntegrationRequest;
  if (routed.match.route.requestMapping?.readsBody === true && built.body !== null) {
    const read = await readClientBody(invocation);
    if (read.kind !== 'read') return read.kind === 'too-large' ? REQUEST_ENTITY_TOO_LARGE : undefined;
    context.requestLength = read.body.length;
    request = mapRequestParameters(built, routed, read.body);
  } else {
    request = mapRequestParameters(built, routed);
    if (request.body !== null && !Buffer.isBuffer(request.body)) invocation.streamedBody = request.body;
  }
  const invokedAt = deps.clock.now();
  const outcome = await httpIntegration.invoke(request, new EndpointResponse(routed));
  if (invocation.streamedBody !== undefined) context.requestLength = invocation.streamedBody.received;
  return settleHttpOutcome(context, outcome, deps.clock.now() - invokedAt, deps.logger);
}

/** 7–9 for Lambda proxy integrations: the event with the whole body, the invocation, the function's response (docs/reference/dataplane.md §5). */
async function invokeLambda(plan: LambdaPlan, routed: RoutedInvocation, deps: PipelineDependencies): Promise<PipelineEnd> {
  const read = await readClientBody(routed.invocation);
  if (read.kind !== 'read') return read.kind === 'too-large' ? REQUEST_ENTITY_TOO_LARGE : undefined;
  const context = routed.context;
  context.requestLength = read.body.length;
  const request = buildLambdaRequest(plan, routed, read.body, deps);
  const invokedAt = deps.clock.now();
  const outcome = await deps.lambdaIntegration.invoke(request, new EndpointResponse(routed));
  const call = { integrationId: plan.integrationId, functionUri: request.functionUri };
  return settleLambdaOutcome(context, outcome, deps.clock.now() - invokedAt, call, deps);
}

/** One request through the pipeline; how it ended is written by the respond step, then the after-response hook runs. */
export async function serve(invocation: Invocation, deps: PipelineDependencies): Promise<void> {
  try {
    const end = await runPipeline(invocation, deps);
    if (end instanceof GatewayError) respondWithError(invocation, end);
    else if (end !== undefined) respondToPreflight(invocation, end);
  } catch (error) {
    // An unexpected error: a bare 500 whose body never shows internals, logged with the request id.
    deps.logger.error({ err: error, requestId: invocation.requestId }, 'unexpected error in the request pipeline');
    try {
      respondWithError(invocation, INTERNAL_SERVER_ERROR, true);
    } catch {
      invocation.sink.abort();
    }
  } finally {
    afterResponse(invocation.context, invocation.stage, deps);
  }
}
