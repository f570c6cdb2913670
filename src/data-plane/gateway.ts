import type { IncomingMessage, ServerResponse } from 'node:http';
import { invokeHttpProxy, UpstreamPools, type TargetResolver } from '../integrations/index.js';
import type { Clock, ServingConfig } from '../model/index.js';
import { MetricsRegistry, type AccessLogOutputs, type Logger } from '../observability/index.js';
import { afterResponse } from './after-response.js';
import { answerCorsPreflight } from './answer-cors-preflight.js';
import { authorize, type AuthorizeDependencies } from './authorize.js';
import { BusyPoll, DEFAULT_BUSY_POLL_MS } from './busy-poll.js';
import { AuthorizerCache, JwksCache } from './authorizers/index.js';
import { buildIntegrationRequest, type IntegrationRequestDependencies } from './build-integration-request.js';
import { invokeBuffered } from './buffered-exchange.js';
import { compileDeployment, type CompiledDeployment } from './compile-deployment.js';
import { corsForRequest, type CorsRequest } from './cors.js';
import { enforceThrottle } from './enforce-throttle.js';
import { writeGatewayError, type GatewayErrorKind } from './gateway-errors.js';
import { bodyLeftUnread, failureResponse } from './integration-failure.js';
import { mapRequestParameters } from './map-request-parameters.js';
import { responseHeadWriter } from './map-response.js';
import { matchRoute } from './match-route.js';
import { parseRequest } from './parse-request.js';
import { RandomPool } from './random-pool.js';
import type { RequestContext } from './request-context.js';
import { createRequestIdGenerator } from './request-id.js';
import { findHost, resolveApiEndpoint, resolveEdgeEndpoint, type Endpoint } from './resolve-endpoint.js';
import { selectStage } from './select-stage.js';
import { bindStageVariables } from './stage-variables.js';
import { buildServingState, EMPTY_STATE, type ServingState, type StageState } from './serving-state.js';
import { recordGatewayError, recordIntegration, Telemetry } from './telemetry/index.js';
import { InProcessBucketStore, Throttle, type BucketStore } from './throttle/index.js';
import { WarnOnce } from './warn-once.js';
import { invokeLambdaIntegration, type LambdaInvoker, type LambdaStepDependencies } from './lambda/index.js';
import { createSigV4Verifier, type SigV4Credentials } from '../sigv4/index.js';

export interface GatewayOptions {
  clock: Clock;
  logger: Logger;
  /** Where private-integration targets live on this machine. */
  targets: TargetResolver;
  /** `apigw-requestid` generator; default: 16-character base64 ending in "=". */
  requestId?: () => string;
  /** Reported as X-Forwarded-Port; default: the port the request arrived on. */
  edgePort?: number;
  /** Runs the Lambda functions of AWS_PROXY integrations and Lambda authorizers; without it they answer 500. */
  lambda?: LambdaInvoker;
  /** Credentials AWS_IAM routes verify SigV4 signatures against (default: any signed request is accepted). */
  credentials?: readonly SigV4Credentials[];
  /** Token buckets for throttling (docs/reference/dataplane.md §8); default: this process's, account limits 10,000 rps / 5,000 burst. */
  buckets?: BucketStore;
  /** Counters behind `/_portico/metrics`; default: a registry of its own. */
  metrics?: MetricsRegistry;
  /** Where access-log lines go; without it none are written. */
  accessLogs?: AccessLogOutputs;
  /** How long the event loop keeps polling after request activity instead of sleeping (busy-poll.ts); 0 turns it off. Default 0.1 ms. */
  busyPollMs?: number;
}

interface PipelineDependencies extends IntegrationRequestDependencies, AuthorizeDependencies, LambdaStepDependencies {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly throttle: Throttle;
  readonly telemetry: Telemetry;
  readonly poll: BusyPoll;
}

/** One request on its way through: inputs fixed at arrival, plus what the wrapper needs afterwards. */
class Run {
  context: RequestContext | undefined;
  /** The selected stage, for the after-response hook (access log, metrics). */
  stage: StageState | undefined;
  /** The client's body is being streamed to an upstream. */
  bodyAttached = false;
  /** The API's CORS view of this request: its headers go on gateway errors too (docs/compatibility.md "Decided where AWS is silent"). */
  cors: CorsRequest | undefined;

  constructor(
    readonly state: ServingState,
    readonly endpoint: Endpoint,
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly requestId: string,
  ) {}
}

/** THE pipeline: AWS's order for an HTTP API request (docs/reference/dataplane.md §0), one stage per line. */
async function runPipeline(run: Run, deps: PipelineDependencies): Promise<GatewayErrorKind | undefined> {
  const { state, req, res } = run;
  // 1. Resolve API + stage: a first path segment naming a stage selects it, else `$default`, else 404 (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html).
  const selection = selectStage(state, run.endpoint);
  if (typeof selection === 'string') return selection;
  run.stage = selection.stage;
  // 2. Parse the request and start `$context` (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html).
  const request = parseRequest(req, run.endpoint, selection, state, run.requestId, deps.clock.now());
  run.context = request.context;
  run.cors = corsForRequest(selection.deployment.cors, req.rawHeaders);
  // 3. Match a route: full match, then greedy `{proxy+}`, then `$default`; none → 404, never 405 (docs/reference/dataplane.md §2).
  const matched = matchRoute(selection.deployment, request);
  // 4. CORS preflight, answered by the gateway when no route captured the OPTIONS request (docs/reference/dataplane.md §7).
  if (matched === undefined) return answerCorsPreflight(run.cors, request, req.rawHeaders, res) ? undefined : 'NotFound';
  // Stage variables complete the integration URI with the stage's live values (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.html).
  const match = bindStageVariables(matched, selection.stage, state);
  request.context.routeKey = match.route.routeKey;
  // 5. Throttle: route setting, else stage default, plus the account bucket → 429 (docs/reference/dataplane.md §8).
  const throttled = enforceThrottle(deps.throttle, selection, match.route, request.context.requestTimeEpoch);
  if (throttled !== undefined) return throttled;
  // 6. Authorize the route: JWT, Lambda or IAM → 401 / 403 / 500 (docs/reference/dataplane.md §6).
  const plan = match.route.authorizer;
  const denied = plan === undefined ? undefined : await authorize(plan, req, res, request, match, selection.stage, state.region, deps);
  if (denied !== undefined) return denied;
  // 7–9 for Lambda proxy integrations: the event, the invocation, the function's response (docs/reference/dataplane.md §5).
  if (match.route.integration?.kind === 'lambda')
    return invokeLambdaIntegration(match.route.integration, req, res, request, match, selection.stage.stage.stageVariables, deps, run.cors);
  // 7. Build the integration request: upstream URL, method, forwarded headers (§3.2–3.3); then parameter mapping (§4).
  const built = buildIntegrationRequest(req, request, match, state, deps);
  if (typeof built === 'string') return built;
  run.bodyAttached = built.body !== null;
  const stageVariables = selection.stage.stage.stageVariables;
  // 8. Invoke the integration (timeout 50–30,000 ms) and stream the response through;
  // 9. map the response head as it arrives: response parameters, CORS headers, `apigw-requestid` (§3.4, §4, §7).
  const invokedAt = deps.clock.now();
  const outcome = match.route.buffersBodies
    ? await invokeBuffered(built, { req, res, request, match, cors: run.cors, stageVariables })
    : await invokeHttpProxy(
        mapRequestParameters(built, match, request, req.rawHeaders, stageVariables),
        res,
        responseHeadWriter(match.route, run.cors, stageVariables),
        request.context,
        request.context,
      );
  recordIntegration(request.context, outcome, deps.clock.now() - invokedAt);
  return failureResponse(outcome, run.requestId, deps.logger);
}

/** The wrapper: gateway errors from the closed table, unexpected errors as a bare 500, then the `after` hook. */
async function serve(run: Run, deps: PipelineDependencies): Promise<void> {
  try {
    const error = await runPipeline(run, deps);
    if (error !== undefined) {
      recordGatewayError(run.context, error);
      const close = error === 'RequestEntityTooLarge' || bodyLeftUnread(run.req, run.bodyAttached);
      writeGatewayError(run.res, error, run.requestId, close, run.cors?.responseHeaders);
    }
  } catch (error) {
    deps.logger.error({ err: error, requestId: run.requestId }, 'unexpected error in the request pipeline');
    recordGatewayError(run.context, 'InternalServerError');
    try {
      writeGatewayError(run.res, 'InternalServerError', run.requestId, true);
    } catch {
      run.res.destroy();
    }
  } finally {
    afterResponse(run.context, run.stage, deps);
  }
}

export class Gateway {
  #state: ServingState = EMPTY_STATE;
  #compiled = new Map<string, CompiledDeployment>();
  readonly #pools = new UpstreamPools();
  #targets: TargetResolver;
  readonly #requestId: () => string;
  readonly #deps: PipelineDependencies;

  constructor(options: GatewayOptions) {
    const random = new RandomPool();
    this.#targets = options.targets;
    this.#requestId = options.requestId ?? createRequestIdGenerator(random);
    this.#deps = {
      clock: options.clock,
      logger: options.logger,
      random,
      edgePort: options.edgePort === undefined ? undefined : String(options.edgePort),
      warnOnce: new WarnOnce(options.logger),
      lambda: options.lambda,
      authorizers: {
        jwks: new JwksCache({ clock: options.clock }),
        cache: new AuthorizerCache(options.clock),
        iam: createSigV4Verifier(options.credentials ?? [], { now: () => options.clock.now() }),
      },
      throttle: new Throttle(options.buckets ?? new InProcessBucketStore()),
      telemetry: new Telemetry({ metrics: options.metrics ?? new MetricsRegistry(), accessLogs: options.accessLogs }),
      poll: new BusyPoll(options.busyPollMs ?? DEFAULT_BUSY_POLL_MS),
    };
  }

  /**
   * New private-integration targets (a reload changed portico.json or --target aliases): every
   * deployment compiles again against them at the next `setConfig`; in-flight requests keep theirs.
   */
  setTargets(targets: TargetResolver): void {
    this.#targets = targets;
    this.#compiled = new Map();
  }

  /** Swap in a new frozen config. Deployments compile once (cached by id); in-flight requests keep theirs. */
  setConfig(config: ServingConfig): void {
    const deps = { pools: this.#pools, targets: this.#targets };
    const { state, compiled } = buildServingState(
      config,
      this.#compiled,
      (apiId, deployment) => {
        const result = compileDeployment(deployment.deploymentId, deployment.snapshot(), deps);
        if (result.skippedRouteKeys.length > 0)
          this.#deps.logger.warn(
            { apiId, deploymentId: deployment.deploymentId, routeKeys: result.skippedRouteKeys },
            'route keys that cannot be parsed are not served',
          );
        return result;
      },
      deps,
    );
    this.#state = state;
    this.#compiled = compiled;
  }

  /**
   * Edge port: serve the request if it is for an API (Host `{apiId}.execute-api.…` or path-style
   * `/_aws/execute-api/{apiId}/…`, or Host a custom domain name) and return true; return false,
   * writing nothing, otherwise.
   */
  handleEdge(req: IncomingMessage, res: ServerResponse): boolean {
    const state = this.#state;
    const endpoint = resolveEdgeEndpoint(findHost(req.rawHeaders), req.url ?? '', state.domains);
    if (endpoint === undefined) return false;
    this.#deps.poll.kick();
    void serve(new Run(state, endpoint, req, res, this.#requestId()), this.#deps);
    return true;
  }

  /** A dedicated API port: the API's execute-api endpoint at the port's root. */
  handleApi(apiId: string, req: IncomingMessage, res: ServerResponse): void {
    const endpoint = resolveApiEndpoint(apiId, findHost(req.rawHeaders), req.url ?? '');
    this.#deps.poll.kick();
    void serve(new Run(this.#state, endpoint, req, res, this.#requestId()), this.#deps);
  }

  /** ResetAuthorizersCache: the stage's cached Lambda authorizer results are dropped. */
  resetAuthorizersCache(apiId: string, stageName: string): void {
    this.#deps.authorizers.cache.reset(apiId, stageName);
  }

  /** Close upstream pools (in-flight exchanges get a short grace period). */
  close(): Promise<void> {
    return this.#pools.close();
  }
}
