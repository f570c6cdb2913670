import type { IncomingMessage, ServerResponse } from 'node:http';
import { isControlPlaneRequest, type SigV4Credentials } from '../control-plane/index.js';
import { Gateway, type BucketStore, type JwksSource, type RemoteConnections } from '../data-plane/index.js';
import type { TargetResolver } from '../integrations/index.js';
import { LambdaRuntime, type FunctionDefinition } from '../integrations/lambda/index.js';
import type { AccessLogOutputs, Logger, MetricsRegistry, MetricsSnapshot } from '../observability/index.js';
import { listen, type FastRoute, type Listening, type UpgradeHandler } from './listen.js';
import { reachableHost } from './endpoints.js';
import { serveMetrics, type MetricsSource } from './metrics-endpoint.js';
import { type NodeHealth, serveHealth } from './health-endpoint.js';
import { createObservabilityParts, type WorkerObservabilityParts } from './observability-parts.js';
import type { Settings } from './settings.js';
import { readTlsMaterial } from './tls-files.js';
import { keepYoungGenerationSmall } from './heap.js';

const EMBEDDED = { kind: 'embedded', connected: true } as const;

/**
 * `PORTICO_EDGE_SERVER=node` serves API requests with node:http's objects instead of the own
 * HTTP/1.1 server (http1/): a diagnostic switch, for comparing the two (docs/performance.md).
 */
const OWN_HTTP1_SERVER = process.env.PORTICO_EDGE_SERVER !== 'node';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** What the serving side is built with besides the settings. */
export interface ServingWiring extends WorkerObservabilityParts {
  readonly logger: Logger;
  /** What `/_portico/metrics` answers: this process's counters unless (`--workers`) the whole gateway's. */
  readonly metrics?: MetricsSource;
  /** Where control-plane requests reaching the edge go; until one is given (`serveControlPlane`), they get 404. */
  readonly controlPlane?: Handler;
  /** With `--workers`: this worker's number in connection ids, and where commands for other workers' connections go. */
  readonly webSocket?: { readonly owner: number; readonly remote: RemoteConnections };
}

/** What the applied configuration gives the Gateway and the Lambda runtime when they are built. */
export interface ServingInputs {
  /** The region Lambda functions are told (AWS_REGION). */
  readonly region: string;
  readonly functions: readonly FunctionDefinition[];
  readonly targets: TargetResolver;
  /** What AWS_IAM routes verify signatures against (default: any signed request). */
  readonly credentials: readonly SigV4Credentials[] | undefined;
  /** Also told every console line of a function (the console's Logs page). */
  readonly functionConsole?: (line: { functionName: string; awsRequestId: string | undefined; level: string; message: string }) => void;
  /** JWT issuers whose keys come from `--jwks` / portico.json "jwks" rather than discovery. */
  readonly jwks?: Readonly<Record<string, JwksSource>>;
}

/** Serves a request on the edge port when it is its to serve (the console at /_portico/); false otherwise. */
type EdgeRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * The serving side of one process (the single process, or each worker of `--workers N`): the edge
 * and TLS ports, the access logs, metrics and throttling buckets, and, once the first configuration
 * is known (`start`), the Lambda runtime, the Gateway and the dedicated API ports.
 */
export class ServingParts {
  readonly metrics: MetricsRegistry;
  readonly accessLogs: AccessLogOutputs;
  readonly buckets: BucketStore;
  edgePort = 0;
  tlsPort: number | undefined;
  readonly #settings: Settings;
  readonly #logger: Logger;
  readonly #listeners: Listening[] = [];
  readonly #metricsSource: MetricsSource;
  #controlPlane: Handler | undefined;
  #console: EdgeRoute | undefined;
  readonly #webSocket: ServingWiring['webSocket'];
  #gateway: Gateway | undefined;
  #runtime: LambdaRuntime | undefined;

  constructor(settings: Settings, wiring: ServingWiring) {
    keepYoungGenerationSmall();
    this.#settings = settings;
    this.#logger = wiring.logger;
    const parts = createObservabilityParts(settings, wiring.logger, wiring);
    this.metrics = parts.metrics;
    this.accessLogs = parts.accessLogs;
    this.buckets = parts.buckets;
    this.#metricsSource = wiring.metrics ?? this.metrics;
    this.#controlPlane = wiring.controlPlane;
    this.#webSocket = wiring.webSocket;
  }

  /** What `/_portico/health` says: ready once `start` built the gateway; the store's and throttling's state from `healthOf`. */
  health(): NodeHealth {
    return { ready: this.#gateway !== undefined, node: this.#settings.node, store: EMBEDDED, ...this.healthOf?.() };
  }

  /** Set by the composition root when the state (or the buckets) are shared. */
  healthOf: (() => Partial<NodeHealth>) | undefined;
  /** Cluster mode: the `node` label and the store's and Redis's state, added to what `/_portico/metrics` shows. */
  clusterMetrics: (() => Pick<MetricsSnapshot, 'node' | 'cluster'>) | undefined;

  readonly #labelledMetrics: MetricsSource = {
    snapshot: () => {
      const extra = this.clusterMetrics?.();
      const snapshot = this.#metricsSource.snapshot();
      if (extra === undefined) return snapshot;
      return snapshot instanceof Promise ? snapshot.then((s) => ({ ...s, ...extra })) : { ...snapshot, ...extra };
    },
  };

  get gateway(): Gateway | undefined {
    return this.#gateway;
  }

  /** Open the edge port (and the HTTPS one): requests for APIs get 404 until `start`. */
  async listen(): Promise<void> {
    const { host, port, tls, clientLimits } = this.#settings;
    const edge = await listen(host, port, this.#edge, clientLimits, undefined, this.#edgeUpgrade, this.#edgeFast);
    this.#listeners.push(edge);
    this.edgePort = edge.port;
    // HTTPS with the user's certificate: custom domains (and everything else the edge serves) over TLS.
    if (tls === undefined) return;
    const secure = await listen(host, tls.port, this.#edge, clientLimits, readTlsMaterial(tls), this.#edgeUpgrade);
    this.#listeners.push(secure);
    this.tlsPort = secure.port;
  }

  serveControlPlane(handler: Handler): void {
    this.#controlPlane = handler;
  }

  /** The console (`/_portico/` and `/_portico/api/…`) beside the control plane on the edge port. */
  serveConsole(route: EdgeRoute): void {
    this.#console = route;
  }

  /** Build the Lambda runtime and the Gateway from the first applied configuration. */
  start(inputs: ServingInputs): Gateway {
    if (this.#gateway !== undefined) throw new Error('the gateway is already serving');
    const settings = this.#settings;
    const logger = this.#logger;
    const runtime = new LambdaRuntime(
      {
        region: inputs.region,
        accountId: settings.accountId,
        cacheDir: settings.lambdaCacheDir,
        env: settings.env,
        // A function's HTTPS requests to execute-api hosts come back here: `@connections` from AWS's sample handler code.
        executeApi: { host: reachableHost(settings.host), port: this.edgePort },
        // The SDK in a handler needs credentials to sign with; Lambda would give it its role's.
        credentials: inputs.credentials?.[0] ?? { accessKeyId: 'portico', secretAccessKey: 'portico' },
        // Console lines of functions go to the log with their request ids.
        onConsole: (line) => {
          logger.info({ function: line.functionName, awsRequestId: line.awsRequestId, consoleLevel: line.level }, line.message);
          inputs.functionConsole?.(line);
        },
      },
      inputs.functions,
    );
    this.#runtime = runtime;
    const gateway = new Gateway({
      clock: settings.clock,
      logger,
      lambda: runtime,
      ...(inputs.credentials ? { credentials: inputs.credentials } : {}),
      ...(inputs.jwks ? { jwks: inputs.jwks } : {}),
      targets: inputs.targets,
      edgePort: this.edgePort,
      metrics: this.metrics,
      accessLogs: this.accessLogs,
      buckets: this.buckets,
      ...(this.#webSocket === undefined ? {} : { webSocket: this.#webSocket }),
    });
    this.#gateway = gateway;
    return gateway;
  }

  /** The functions of a newer configuration (before `start`, nothing runs them yet). */
  defineFunctions(functions: readonly FunctionDefinition[]): void {
    this.#runtime?.define(functions);
  }

  /**
   * The dedicated API ports, opened in the order given (every worker of `--workers N` opens them in
   * the same order: node:cluster then hands each the same sockets, port 0 included).
   */
  async openApiPorts(ports: readonly { apiId: string; port: number }[]): Promise<{ apiId: string; port: number }[]> {
    const gateway = this.#gateway;
    if (gateway === undefined) throw new Error('API ports open once the gateway serves');
    const opened: { apiId: string; port: number }[] = [];
    for (const { apiId, port } of ports) {
      const api = await listen(
        this.#settings.host,
        port,
        (req, res) => gateway.handleApi(apiId, req, res),
        this.#settings.clientLimits,
        undefined,
        (req, socket, head) => gateway.handleApiUpgrade(apiId, req, socket, head),
        OWN_HTTP1_SERVER ? (request) => gateway.apiRoute(apiId, request) : undefined,
      );
      this.#listeners.push(api);
      opened.push({ apiId, port: api.port });
    }
    return opened;
  }

  /** Stop accepting, let in-flight requests finish, stop the functions, write the buffered access-log lines. */
  async close(): Promise<void> {
    await Promise.all(this.#listeners.map((l) => l.close()));
    await this.#gateway?.close();
    await this.#runtime?.close();
    await this.accessLogs.close();
  }

  readonly #edge: Handler = (req, res) => {
    if (this.#gateway?.handleEdge(req, res)) return;
    if (serveMetrics(req, res, this.#labelledMetrics)) return;
    if (serveHealth(req, res, () => this.health())) return;
    if (this.#console?.(req, res)) return;
    const controlPlane = this.#controlPlane;
    if (controlPlane !== undefined && isControlPlaneRequest(req)) return controlPlane(req, res);
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
  };

  /** Requests for APIs on the edge's plain port go through the own HTTP/1.1 server's light objects (listen.ts). */
  readonly #edgeFast: FastRoute | undefined = OWN_HTTP1_SERVER ? (request) => this.#gateway?.edgeRoute(request) : undefined;

  /** WebSocket APIs' connections upgrade on the edge and TLS ports; other upgrade requests are answered as requests (listen.ts). */
  readonly #edgeUpgrade: UpgradeHandler = (req, socket, head) => this.#gateway?.handleUpgrade(req, socket, head) ?? false;
}

/** The serving side of a process, listening on the edge (and TLS) port. */
export async function createServingParts(settings: Settings, wiring: ServingWiring): Promise<ServingParts> {
  const parts = new ServingParts(settings, wiring);
  try {
    await parts.listen();
  } catch (error) {
    await parts.close();
    throw error;
  }
  return parts;
}
