import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { LambdaIntegration, UpstreamPools, type LambdaInvoker, type ResponseSink, type TargetResolver } from '../integrations/index.js';
import type { Clock, ServedDeployment, ServingConfig } from '../model/index.js';
import { MetricsRegistry, type AccessLogOutputs, type Logger } from '../observability/index.js';
import { createSigV4Verifier, type SigV4Credentials } from '../sigv4/index.js';
import { AuthorizerCache } from './authorizers/authorizer-cache.js';
import { JwksCache, type JwksSource } from './authorizers/jwks-cache.js';
import { BusyPoll, DEFAULT_BUSY_POLL_MS } from './busy-poll.js';
import { findHeader, type ClientRequest } from './client-request.js';
import { compileDeployment } from './compile-deployment.js';
import type { CompiledDeployment, ServingState } from './deployment.js';
import { inProcessRequest, MemorySink, type GatewayRequest, type GatewayResponse } from './in-process.js';
import { Invocation, type Endpoint } from './invocation.js';
import { NodeResponseSink } from './node-response-sink.js';
import { Recording, type InvocationObserver } from './observer.js';
import { serve, type PipelineDependencies } from './pipeline.js';
import { RandomPool } from './random-pool.js';
import { createRequestIdGenerator } from './request-id.js';
import { resolveApiEndpoint, resolveEdgeEndpoint } from './resolve-endpoint.js';
import { buildServingState, EMPTY_STATE } from './serving-state.js';
import { Telemetry } from './telemetry/telemetry.js';
import { InProcessBucketStore, type BucketStore } from './throttle/bucket-store.js';
import { Throttle } from './throttle/throttle.js';
import { WarnOnce } from './warn-once.js';
import type { ConnectionAddress, ConnectionAnswer, ConnectionCommand, RemoteConnections } from './websocket/connection-commands.js';
import type { ConnectionLimits, SweepTimer } from './websocket/connection-registry.js';
import { WebSocketGateway } from './websocket/websocket-gateway.js';
import { WebSocketTelemetry } from './websocket/websocket-telemetry.js';

/** A request body silent for this long is given up on (408). */
export const DEFAULT_BODY_STALL_MS = 10_000;

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
  /**
   * How long a client's request body may send no byte before the gateway gives up on it: 408, and the
   * backend is never contacted. Default 10 s (AWS documents none; docs/compatibility.md).
   */
  bodyStallTimeoutMs?: number;
  /** WebSocket APIs: this process's number among `--workers`, where other processes' connections are, the idle sweep and limits (tests shorten them). */
  webSocket?: { owner?: number; remote?: RemoteConnections; sweep?: SweepTimer; limits?: Partial<ConnectionLimits> };
  /** JWT issuers whose keys come from a given JWKS URL or key set instead of OIDC discovery (`--jwks`). */
  jwks?: Readonly<Record<string, JwksSource>>;
  /** Told about every invocation after its response (the console's request inspector); none by default. */
  observer?: InvocationObserver;
}

/**
 * The data plane: the serving state (compiled deployments, swapped whole on every configuration
 * change) and the ways a request comes in — node:http on the edge, TLS and API ports, or in
 * process (`handle`, for tests and the console's replay). Every request runs `serve` (pipeline.ts).
 */
export class Gateway {
  #state: ServingState = EMPTY_STATE;
  #compiled = new Map<string, CompiledDeployment>();
  readonly #pools = new UpstreamPools();
  #targets: TargetResolver;
  readonly #requestId: () => string;
  readonly #deps: PipelineDependencies;
  readonly #webSocket: WebSocketGateway;

  constructor(options: GatewayOptions) {
    const random = new RandomPool();
    const metrics = options.metrics ?? new MetricsRegistry();
    this.#targets = options.targets;
    this.#requestId = options.requestId ?? createRequestIdGenerator(random);
    this.#deps = {
      clock: options.clock,
      logger: options.logger,
      random,
      edgePort: options.edgePort === undefined ? undefined : String(options.edgePort),
      warnOnce: new WarnOnce(options.logger),
      lambda: options.lambda,
      lambdaIntegration: new LambdaIntegration(options.lambda),
      authorizers: {
        jwks: new JwksCache({ clock: options.clock, ...(options.jwks === undefined ? {} : { sources: options.jwks }) }),
        cache: new AuthorizerCache(options.clock),
        iam: createSigV4Verifier(options.credentials ?? [], { now: () => options.clock.now() }),
      },
      throttle: new Throttle(options.buckets ?? new InProcessBucketStore()),
      telemetry: new Telemetry({ metrics, accessLogs: options.accessLogs }),
      poll: new BusyPoll(options.busyPollMs ?? DEFAULT_BUSY_POLL_MS),
      observer: options.observer,
      bodyStallMs: options.bodyStallTimeoutMs ?? DEFAULT_BODY_STALL_MS,
    };
    const deps = this.#deps;
    this.#webSocket = new WebSocketGateway({
      deps: { ...deps, requestId: this.#requestId, telemetry: new WebSocketTelemetry(metrics, options.accessLogs) },
      random,
      edgePort: deps.edgePort,
      ...options.webSocket,
    });
  }

  /**
   * New private-integration targets (a reload changed portico.json or --target aliases): every
   * deployment compiles again against them at the next `setConfig`; in-flight requests keep theirs.
   */
  setTargets(targets: TargetResolver): void {
    this.#targets = targets;
    this.#compiled = new Map();
    this.#webSocket.forgetCompiled();
  }

  /** Swap in a new frozen config. Deployments compile once (cached by id); in-flight requests keep theirs. */
  setConfig(config: ServingConfig): void {
    const deps = { pools: this.#pools, targets: this.#targets };
    const compile = (apiId: string, deployment: ServedDeployment): CompiledDeployment => {
      const result = compileDeployment(deployment.deploymentId, deployment.snapshot(), deps);
      if (result.skippedRouteKeys.length > 0)
        this.#deps.logger.warn(
          { apiId, deploymentId: deployment.deploymentId, routeKeys: result.skippedRouteKeys },
          'route keys that cannot be parsed are not served',
        );
      return result;
    };
    const { state, compiled } = buildServingState(config, this.#compiled, compile, deps);
    this.#state = state;
    this.#compiled = compiled;
    this.#webSocket.setConfig(config, deps);
  }

  /**
   * Edge port: serve the request if it is for an API (Host `{apiId}.execute-api.…` or path-style
   * `/_aws/execute-api/{apiId}/…`, or Host a custom domain name) and return true; return false,
   * writing nothing, otherwise.
   */
  handleEdge(req: IncomingMessage, res: ServerResponse): boolean {
    const serve = this.edgeRoute(req);
    if (serve === undefined) return false;
    serve(new NodeResponseSink(res));
    return true;
  }

  /**
   * Edge port, as `handleEdge`, for a server that makes its own sinks (server/http1): the function
   * that serves the request if it is for an API, undefined otherwise. The serving state is the one
   * current now, when the request's head has arrived.
   */
  edgeRoute(request: ClientRequest): ((sink: ResponseSink) => void) | undefined {
    const state = this.#state;
    const endpoint = resolveEdgeEndpoint(findHeader(request.rawHeaders, 'host'), request.url ?? '', state.domains);
    if (endpoint === undefined) return undefined;
    return (sink) => this.#serveEndpoint(state, endpoint, request, sink);
  }

  /** A dedicated API port, as `handleApi`, for a server that makes its own sinks: the function that serves the request. */
  apiRoute(apiId: string, request: ClientRequest): (sink: ResponseSink) => void {
    const state = this.#state;
    const endpoint = resolveApiEndpoint(apiId, findHeader(request.rawHeaders, 'host'), request.url ?? '');
    return (sink) => this.#serveEndpoint(state, endpoint, request, sink);
  }

  /**
   * Edge port, an upgrade request (node:http's 'upgrade'): a WebSocket API's connection goes through
   * `$connect` and the handshake, and true is returned; false for anything else, which the server
   * then answers as the plain request it also is (an HTTP API ignores `Upgrade`, as on AWS).
   */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const endpoint = resolveEdgeEndpoint(findHeader(req.rawHeaders, 'host'), req.url ?? '', this.#state.domains);
    if (endpoint === undefined || !this.#webSocket.serves(endpoint.apiId)) return false;
    this.#webSocket.upgrade(endpoint, req, socket, head);
    return true;
  }

  /** A dedicated API port's upgrade request: as `handleUpgrade`, for that API at the port's root. */
  handleApiUpgrade(apiId: string, req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    if (!this.#webSocket.serves(apiId)) return false;
    this.#webSocket.upgrade(resolveApiEndpoint(apiId, findHeader(req.rawHeaders, 'host'), req.url ?? ''), req, socket, head);
    return true;
  }

  /** Open WebSocket connections in this process. */
  get webSocketConnections(): number {
    return this.#webSocket.connectionCount;
  }

  /** A `@connections` command another process passed on for a connection of this one (`--workers`); undefined: not here. */
  webSocketCommand(address: ConnectionAddress, command: ConnectionCommand): ConnectionAnswer | undefined {
    return this.#webSocket.commandHere(address, command);
  }

  /** A dedicated API port: the API's execute-api endpoint at the port's root. */
  handleApi(apiId: string, req: IncomingMessage, res: ServerResponse): void {
    this.apiRoute(apiId, req)(new NodeResponseSink(res));
  }

  /**
   * Serve a request in process, without sockets: as it would arrive on the edge port (Host or
   * path-style picks the API), or on the API's own port when `apiId` is given. Resolves with what
   * the client gets once the response is complete; undefined when the edge would not route the
   * request to an API. Rejects when the response was cut off after its head.
   */
  async handle(request: GatewayRequest, apiId?: string): Promise<GatewayResponse | undefined> {
    const client = inProcessRequest(request);
    const state = this.#state;
    const host = findHeader(client.rawHeaders, 'host');
    const endpoint =
      apiId === undefined ? resolveEdgeEndpoint(host, request.url, state.domains) : resolveApiEndpoint(apiId, host, request.url);
    if (endpoint === undefined) return undefined;
    const sink = new MemorySink(request.method ?? 'GET');
    if (this.#webSocket.serves(endpoint.apiId)) await this.#webSocket.serveHttp(endpoint, client, sink);
    else await this.#serve(state, endpoint, client, sink);
    if (sink.aborted) throw new Error('the gateway cut the response off');
    return sink.response();
  }

  /**
   * Attach (or, with undefined, detach) the observer of `GatewayOptions.observer`: invocations that
   * start from now on are recorded for it. The console attaches one only while a page watches.
   */
  setObserver(observer: InvocationObserver | undefined): void {
    this.#deps.observer = observer;
  }

  /** ResetAuthorizersCache: the stage's cached Lambda authorizer results are dropped. */
  resetAuthorizersCache(apiId: string, stageName: string): void {
    this.#deps.authorizers.cache.reset(apiId, stageName);
  }

  /** Close WebSocket connections (running their `$disconnect`s), then upstream pools (in-flight exchanges get a short grace period). */
  async close(): Promise<void> {
    await this.#webSocket.close();
    await this.#pools.close();
  }

  #serveEndpoint(state: ServingState, endpoint: Endpoint, request: ClientRequest, sink: ResponseSink): void {
    if (this.#webSocket.serves(endpoint.apiId)) void this.#webSocket.serveHttp(endpoint, request, sink);
    else void this.#serve(state, endpoint, request, sink);
  }

  #serve(state: ServingState, endpoint: Endpoint, request: ClientRequest, sink: ResponseSink): Promise<void> {
    this.#deps.poll.kick();
    const invocation = new Invocation(state, endpoint, request, sink, this.#requestId());
    if (this.#deps.observer !== undefined) invocation.recording = new Recording();
    return serve(invocation, this.#deps);
  }
}
