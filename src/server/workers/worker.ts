import { buildServingConfig } from '../../control-plane/index.js';
import cluster from 'node:cluster';
import { LeasedBucketStore, ownerOfConnectionId, type ConnectionAnswer } from '../../data-plane/index.js';
import type { TargetResolver } from '../../integrations/index.js';
import type { Logger, MetricsSnapshot } from '../../observability/index.js';
import { openStore, type Store } from '../../store/index.js';
import { createLoggedTargetMap } from '../reload-targets.js';
import { ServingParts } from '../serving-parts.js';
import { createPorticoLogger, workerProcessSettings, type Settings } from '../settings.js';
import { forwardControlPlane, type ControlPlaneForwarder } from './forward-control-plane.js';
import type { FromWorker, ToWorker, WorkerSettings, WorkerSetup } from './messages.js';
import { PendingReplies } from './pending-replies.js';
import { sharedStdout } from './shared-stdout.js';

/** How long a `@connections` command waits for the worker holding the connection (through the primary). */
const WEBSOCKET_COMMAND_TIMEOUT_MS = 5_000;

/** How long a `/_portico/metrics` request waits for the primary to gather every worker's counters. */
const METRICS_TIMEOUT_MS = 5_000;

export interface WorkerChannel {
  send(message: FromWorker): void;
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
  readonly #settings: Settings;
  readonly #channel: WorkerChannel;
  /** The state the primary writes: read here only, into the serving configuration. */
  readonly #store: Store;
  readonly #serving: ServingParts;
  readonly #buckets: LeasedBucketStore;
  readonly #metricsReplies = new PendingReplies<MetricsSnapshot>();
  readonly #syncReplies = new PendingReplies<void>();
  readonly #webSocketReplies = new PendingReplies<ConnectionAnswer>();
  readonly #forward: ControlPlaneForwarder;
  /** The region of the configuration last set up (the Terraform provider's can change on a reload). */
  #region = '';
  #targetsSignature = '';
  #stopping: Promise<void> | undefined;

  constructor(sent: WorkerSettings, channel: WorkerChannel) {
    const settings = workerProcessSettings(sent.settings);
    this.#settings = settings;
    this.#channel = channel;
    this.logger = createPorticoLogger(settings).child({ pid: process.pid });
    this.#store = openStore(sent.stateFile);
    this.#buckets = new LeasedBucketStore(settings.accountLimits, sent.workers, {
      send: (message) => channel.send({ t: 'lease', message }),
    });
    this.#forward = forwardControlPlane(
      sent.controlSocket,
      () => this.#syncReplies.ask((id) => channel.send({ t: 'sync', id })),
      this.logger,
    );
    // Connection ids carry this worker's number, so that any worker can pass a `@connections` command on.
    const owner = (cluster.worker?.id ?? 0) & 0xff;
    this.#serving = new ServingParts(settings, {
      webSocket: {
        owner,
        remote: (address, command) =>
          this.#webSocketReplies.ask(
            (id) => channel.send({ t: 'ws-command', id, owner: ownerOfConnectionId(address.connectionId) ?? 0, address, command }),
            WEBSOCKET_COMMAND_TIMEOUT_MS,
          ),
      },
      logger: this.logger,
      buckets: this.#buckets,
      stdout: sharedStdout(),
      metrics: this.#wholeGateway,
      controlPlane: this.#forward,
    });
  }

  /** Open the edge (and TLS) port; requests for APIs get 404 until the first setup, as in one process. */
  async listen(): Promise<void> {
    await this.#serving.listen();
    this.#channel.send({ t: 'listening', edgePort: this.#serving.edgePort, tlsPort: this.#serving.tlsPort });
  }

  async receive(message: ToWorker): Promise<void> {
    switch (message.t) {
      case 'setup':
        return this.#setup(message.setup, message.version);
      case 'config':
        this.#applyConfig();
        return this.#channel.send({ t: 'applied', version: message.version });
      case 'reset-authorizers':
        return this.#serving.gateway?.resetAuthorizersCache(message.apiId, message.stageName);
      case 'lease':
        return this.#buckets.receive(message.message);
      case 'snapshot':
        return this.#channel.send({ t: 'snapshot', id: message.id, snapshot: this.#serving.metrics.snapshot() });
      case 'metrics':
        return this.#metricsReplies.answer(message.id, message.snapshot);
      case 'synced':
        return this.#syncReplies.answer(message.id, undefined);
      case 'flush':
        await this.#serving.accessLogs.idle();
        return this.#channel.send({ t: 'flushed', id: message.id });
      case 'ws-command': {
        const answer = this.#serving.gateway?.webSocketCommand(message.address, message.command) ?? { kind: 'gone' };
        return this.#channel.send({ t: 'ws-answer', id: message.id, to: message.from, answer });
      }
      case 'ws-answer':
        return this.#webSocketReplies.answer(message.id, message.answer);
      case 'start':
      case 'stop':
        return;
    }
  }

  /** Stop accepting, let in-flight requests finish, write the buffered access-log lines, close the state. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      await this.#serving.close();
      this.#forward.close();
      this.#metricsReplies.failAll(new Error('stopping'));
      this.#syncReplies.failAll(new Error('stopping'));
      this.#webSocketReplies.failAll(new Error('stopping'));
      this.#store.close();
      this.logger.flush();
    })();
    return this.#stopping;
  }

  /** `/_portico/metrics` shows the whole gateway whichever worker answers: the primary gathers every worker's counters. */
  readonly #wholeGateway = {
    snapshot: (): Promise<MetricsSnapshot> =>
      this.#metricsReplies.ask((id) => this.#channel.send({ t: 'metrics', id }), METRICS_TIMEOUT_MS),
  };

  async #setup(setup: WorkerSetup, version: number): Promise<void> {
    this.#region = setup.region;
    const signature = JSON.stringify([setup.targets, setup.aliases, setup.ca]);
    const gateway = this.#serving.gateway;
    if (gateway !== undefined) {
      if (signature !== this.#targetsSignature) {
        gateway.setTargets(this.#targetMap(setup));
        this.#targetsSignature = signature;
      }
      this.#serving.defineFunctions(setup.functions);
      this.#applyConfig();
      return this.#channel.send({ t: 'applied', version });
    }
    this.#serving.start({
      region: setup.region,
      functions: setup.functions,
      targets: this.#targetMap(setup),
      credentials: setup.credentials,
      jwks: setup.jwks,
    });
    this.#targetsSignature = signature;
    this.#applyConfig();
    const apiPorts = await this.#serving.openApiPorts(setup.apiPorts);
    this.#channel.send({ t: 'ready', apiPorts, version });
  }

  #applyConfig(): void {
    const gateway = this.#serving.gateway;
    if (gateway === undefined) return;
    const config = buildServingConfig(this.#store, { region: this.#region, accountId: this.#settings.accountId });
    gateway.setConfig(config);
    // Lease the buckets of throttled routes before their first request reaches this worker.
    this.#buckets.warm(config);
  }

  #targetMap(setup: WorkerSetup): TargetResolver {
    return createLoggedTargetMap(setup.targets, {
      aliases: setup.aliases,
      ca: setup.ca,
      clock: this.#settings.clock,
      logger: this.logger,
      quarantineMs: this.#settings.targetQuarantineMs,
    });
  }
}
