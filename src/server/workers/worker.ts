import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ControlPlane, isControlPlaneRequest } from '../../control-plane/index.js';
import { Gateway, LeasedBucketStore } from '../../data-plane/index.js';
import type { TargetResolver } from '../../integrations/index.js';
import { LambdaRuntime } from '../../integrations/lambda/index.js';
import { randomIds, systemClock } from '../../model/index.js';
import { createLogger, type Logger, type MetricsSnapshot } from '../../observability/index.js';
import { openStore, type Store } from '../../store/index.js';
import type { PorticoOptions } from '../config.js';
import { pathStyleEndpoint } from '../endpoints.js';
import { listen, type Listening } from '../listen.js';
import { serveMetrics } from '../metrics-endpoint.js';
import { accountLimitsOf, createObservabilityParts, type ObservabilityParts } from '../observability-parts.js';
import { createLoggedTargetMap } from '../reload-targets.js';
import { readTlsMaterial } from '../tls-files.js';
import { forwardControlPlane, type ControlPlaneForwarder } from './forward-control-plane.js';
import type { FromWorker, ToWorker, WorkerSettings, WorkerSetup } from './messages.js';
import { PendingReplies } from './pending-replies.js';
import { sharedStdout } from './shared-stdout.js';

/** How long a `/_portico/metrics` request waits for the primary to gather every worker's counters. */
const METRICS_TIMEOUT_MS = 5_000;

export interface WorkerChannel {
  send(message: FromWorker): void;
}

/** The parts built once the first configuration arrives. */
interface Serving {
  readonly gateway: Gateway;
  readonly runtime: LambdaRuntime;
  targets: TargetResolver;
  targetsSignature: string;
}

/**
 * One gateway process of `portico up --workers N`: the edge, TLS and API ports (shared with the other
 * workers through node:cluster), its own Gateway, Lambda runtime and access-log writer. It reads the
 * state the primary writes, serves what the store holds whenever the primary says it changed, sends
 * control-plane requests to the primary, leases throttling tokens from it, and answers
 * `/_portico/metrics` with the whole gateway's counters.
 */
export class GatewayWorker {
  readonly logger: Logger;
  readonly #settings: WorkerSettings;
  readonly #channel: WorkerChannel;
  readonly #store: Store;
  readonly #controlPlane: ControlPlane;
  readonly #parts: ObservabilityParts;
  readonly #buckets: LeasedBucketStore;
  readonly #metricsReplies = new PendingReplies<MetricsSnapshot>();
  readonly #syncReplies = new PendingReplies<void>();
  readonly #forward: ControlPlaneForwarder;
  readonly #listeners: Listening[] = [];
  #edgePort = 0;
  #serving: Serving | undefined;
  #stopping: Promise<void> | undefined;

  constructor(settings: WorkerSettings, channel: WorkerChannel) {
    this.#settings = settings;
    this.#channel = channel;
    this.logger = createLogger(settings.logLevel !== undefined ? { level: settings.logLevel } : {}).child({ pid: process.pid });
    this.#store = openStore(settings.stateFile);
    // Only read here (servingConfig); every write happens in the primary.
    this.#controlPlane = new ControlPlane({
      store: this.#store,
      clock: systemClock,
      ids: randomIds,
      region: 'us-east-1',
      accountId: settings.accountId,
      apiEndpoint: (apiId) => pathStyleEndpoint(settings.host, this.#edgePort, apiId),
    });
    const options: PorticoOptions = {
      accountRateLimit: settings.accountRateLimit,
      accountBurstLimit: settings.accountBurstLimit,
      logToStdout: settings.logToStdout,
      ...(settings.logDir !== undefined ? { logDir: settings.logDir } : {}),
    };
    this.#buckets = new LeasedBucketStore(accountLimitsOf(options), settings.workers, {
      send: (message) => channel.send({ t: 'lease', message }),
    });
    this.#parts = createObservabilityParts(options, settings.dir, this.logger, { buckets: this.#buckets, stdout: sharedStdout() });
    this.#forward = forwardControlPlane(
      settings.controlSocket,
      () => this.#syncReplies.ask((id) => channel.send({ t: 'sync', id })),
      this.logger,
    );
  }

  /** Open the edge (and TLS) port; requests for APIs get 404 until the first setup, as in one process. */
  async listen(): Promise<void> {
    const { host, port, tls, clientLimits } = this.#settings;
    const edge = await listen(host, port, this.#edge, clientLimits);
    this.#listeners.push(edge);
    this.#edgePort = edge.port;
    const secure = tls && (await listen(host, tls.port ?? 4443, this.#edge, clientLimits, readTlsMaterial(tls)));
    if (secure) this.#listeners.push(secure);
    this.#channel.send({ t: 'listening', edgePort: edge.port, tlsPort: secure ? secure.port : undefined });
  }

  async receive(message: ToWorker): Promise<void> {
    switch (message.t) {
      case 'setup':
        return this.#setup(message.setup, message.version);
      case 'config':
        this.#applyConfig();
        return this.#channel.send({ t: 'applied', version: message.version });
      case 'reset-authorizers':
        return this.#serving?.gateway.resetAuthorizersCache(message.apiId, message.stageName);
      case 'lease':
        return this.#buckets.receive(message.message);
      case 'snapshot':
        return this.#channel.send({ t: 'snapshot', id: message.id, snapshot: this.#parts.metrics.snapshot() });
      case 'metrics':
        return this.#metricsReplies.answer(message.id, message.snapshot);
      case 'synced':
        return this.#syncReplies.answer(message.id, undefined);
      case 'flush':
        await this.#parts.accessLogs.idle();
        return this.#channel.send({ t: 'flushed', id: message.id });
      case 'start':
      case 'stop':
        return;
    }
  }

  /** Stop accepting, let in-flight requests finish, write the buffered access-log lines, close the state. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      await Promise.all(this.#listeners.map((l) => l.close()));
      await this.#serving?.gateway.close();
      await this.#serving?.runtime.close();
      await this.#parts.accessLogs.close();
      this.#forward.close();
      this.#metricsReplies.failAll(new Error('stopping'));
      this.#syncReplies.failAll(new Error('stopping'));
      this.#store.close();
      this.logger.flush();
    })();
    return this.#stopping;
  }

  readonly #edge = (req: IncomingMessage, res: ServerResponse): void => {
    if (this.#serving?.gateway.handleEdge(req, res)) return;
    if (serveMetrics(req, res, this.#wholeGateway)) return;
    if (isControlPlaneRequest(req)) return this.#forward(req, res);
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
  };

  /** `/_portico/metrics` shows the whole gateway whichever worker answers: the primary gathers every worker's counters. */
  readonly #wholeGateway = {
    snapshot: (): Promise<MetricsSnapshot> =>
      this.#metricsReplies.ask((id) => this.#channel.send({ t: 'metrics', id }), METRICS_TIMEOUT_MS),
  };

  async #setup(setup: WorkerSetup, version: number): Promise<void> {
    this.#controlPlane.setRegion(setup.region);
    const signature = JSON.stringify([setup.targets, setup.aliases, setup.ca]);
    const serving = this.#serving;
    if (serving !== undefined) {
      if (signature !== serving.targetsSignature) {
        serving.targets = this.#targetMap(setup);
        serving.targetsSignature = signature;
        serving.gateway.setTargets(serving.targets);
      }
      serving.runtime.define(setup.functions);
      this.#applyConfig();
      return this.#channel.send({ t: 'applied', version });
    }
    const settings = this.#settings;
    const targets = this.#targetMap(setup);
    const runtime = new LambdaRuntime(
      {
        region: setup.region,
        accountId: settings.accountId,
        cacheDir: settings.dir === undefined ? join(tmpdir(), 'portico-lambda') : join(settings.dir, '.portico', 'lambda'),
        env: process.env,
        onConsole: (line) =>
          this.logger.info({ function: line.functionName, awsRequestId: line.awsRequestId, consoleLevel: line.level }, line.message),
      },
      setup.functions,
    );
    const gateway = new Gateway({
      clock: systemClock,
      logger: this.logger,
      lambda: runtime,
      ...(settings.credentials ? { credentials: settings.credentials } : {}),
      targets,
      edgePort: this.#edgePort,
      ...this.#parts,
    });
    this.#serving = { gateway, runtime, targets, targetsSignature: signature };
    this.#applyConfig();
    // Every worker opens the API ports in the same order: node:cluster hands each the same sockets (port 0 included).
    const apiPorts: { apiId: string; port: number }[] = [];
    for (const { apiId, port } of setup.apiPorts) {
      const api = await listen(settings.host, port, (req, res) => gateway.handleApi(apiId, req, res), settings.clientLimits);
      this.#listeners.push(api);
      apiPorts.push({ apiId, port: api.port });
    }
    this.#channel.send({ t: 'ready', apiPorts, version });
  }

  #applyConfig(): void {
    const serving = this.#serving;
    if (serving === undefined) return;
    const config = this.#controlPlane.servingConfig();
    serving.gateway.setConfig(config);
    // Lease the buckets of throttled routes before their first request reaches this worker.
    this.#buckets.warm(config);
  }

  #targetMap(setup: WorkerSetup): TargetResolver {
    const { logger } = this;
    return createLoggedTargetMap(setup.targets, {
      aliases: setup.aliases,
      ca: setup.ca,
      clock: systemClock,
      logger,
      quarantineMs: this.#settings.targetQuarantineMs,
    });
  }
}
