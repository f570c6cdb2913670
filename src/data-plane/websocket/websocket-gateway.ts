import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import type { ResponseSink } from '../../integrations/index.js';
import type { ServedDeployment, ServingConfig } from '../../model/index.js';
import type { ClientRequest } from '../client-request.js';
import type { CompileDependencies } from '../deployment.js';
import type { Endpoint } from '../invocation.js';
import type { RandomPool } from '../random-pool.js';
import { compileWebSocketDeployment } from './compile-websocket.js';
import { runConnect, type ConnectDecision } from './connect.js';
import { Connection } from './connection.js';
import {
  connectionIdFor,
  ownerOfConnectionId,
  type ConnectionAddress,
  type ConnectionAnswer,
  type ConnectionCommand,
  type RemoteConnections,
} from './connection-commands.js';
import { ConnectionRegistry, realSweepTimer, type ConnectionLimits, type SweepTimer } from './connection-registry.js';
import { SWEEP_INTERVAL_MS, WEBSOCKET_LIMITS } from './limits.js';
import { serveManagement } from './management-api.js';
import type { WebSocketDependencies } from './messages.js';
import { openConnection } from './open-connection.js';
import { startUpgrade, type PendingUpgrade } from './pending-upgrade.js';
import type { CompiledWebSocketDeployment } from './websocket-deployment.js';
import { buildWebSocketState, EMPTY_WEBSOCKET_STATE, type WebSocketServingState } from './websocket-serving-state.js';

export interface WebSocketGatewayOptions {
  readonly deps: WebSocketDependencies;
  readonly random: RandomPool;
  /** X-Forwarded-Port for upgrades on the edge port; the socket's local port when undefined. */
  readonly edgePort: string | undefined;
  /** This process's number among `--workers` (0 alone): connection ids carry it. */
  readonly owner?: number;
  /** Where commands for connections of other processes go (`--workers`); without it they are gone. */
  readonly remote?: RemoteConnections;
  readonly sweep?: SweepTimer;
  readonly limits?: Partial<ConnectionLimits>;
}

/** ws (CommonJS), loaded synchronously on first use: start-up of a gateway without WebSocket APIs skips it. */
const loadWs = (): typeof import('ws') => createRequire(import.meta.url)('ws') as typeof import('ws');

/**
 * The WebSocket half of the data plane (docs/architecture.md "WebSocket APIs"): the compiled
 * WebSocket deployments, the upgrade through `$connect` (with `ws` doing the handshake and frames),
 * the open connections in a registry, and the `@connections` management API that reads it.
 */
export class WebSocketGateway {
  #state: WebSocketServingState = EMPTY_WEBSOCKET_STATE;
  #compiled = new Map<string, CompiledWebSocketDeployment>();
  readonly #registry: ConnectionRegistry;
  readonly #options: WebSocketGatewayOptions;
  readonly #pending = new WeakMap<IncomingMessage, PendingUpgrade>();
  readonly #work = new Set<Promise<void>>();
  #server: WebSocketServer | undefined;
  readonly #stopSweep: () => void;

  constructor(options: WebSocketGatewayOptions) {
    this.#options = options;
    this.#registry = new ConnectionRegistry(options.limits);
    this.#stopSweep = (options.sweep ?? realSweepTimer).every(SWEEP_INTERVAL_MS, () => this.#registry.sweep(options.deps.clock.now()));
  }

  /** ws's server, made at the first upgrade: a gateway serving no WebSocket API never loads ws. */
  get #wss(): WebSocketServer {
    if (this.#server !== undefined) return this.#server;
    const { WebSocketServer: Server } = loadWs();
    this.#server = new Server({
      noServer: true,
      clientTracking: false,
      perMessageDeflate: false,
      maxPayload: WEBSOCKET_LIMITS.messageBytes,
      verifyClient: (
        info: { req: IncomingMessage },
        done: (ok: boolean, code?: number, message?: string, headers?: Record<string, string>) => void,
      ) => this.#verify(info.req, done),
      handleProtocols: (_protocols: Set<string>, req: IncomingMessage) => {
        const decision = this.#pending.get(req)?.decision;
        return decision?.kind === 'accept' && decision.protocol !== undefined ? decision.protocol : false;
      },
    });
    return this.#server;
  }

  get connectionCount(): number {
    return this.#registry.size;
  }

  /** Compile the config's WebSocket APIs (each deployment once); open connections route with the new state. */
  setConfig(config: ServingConfig, compileDeps: CompileDependencies): void {
    const compile = (_apiId: string, deployment: ServedDeployment) =>
      compileWebSocketDeployment(deployment.deploymentId, deployment.snapshot(), compileDeps);
    const { state, compiled } = buildWebSocketState(config, this.#compiled, compile);
    this.#state = state;
    this.#compiled = compiled;
  }

  /** Recompile every deployment at the next `setConfig` (new private-integration targets). */
  forgetCompiled(): void {
    this.#compiled = new Map();
  }

  serves(apiId: string): boolean {
    return this.#state.apis.has(apiId);
  }

  /** An upgrade request for a WebSocket API (`serves(endpoint.apiId)`): `$connect`, then the handshake. */
  upgrade(endpoint: Endpoint, req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const state = this.#state;
    const api = state.apis.get(endpoint.apiId);
    if (api === undefined) return void socket.destroy();
    const deps = this.#options.deps;
    const random = this.#options.random;
    const at = random.take(10);
    const connectionId = connectionIdFor(this.#options.owner ?? 0, random.buffer.subarray(at, at + 10));
    const pending = startUpgrade({ state, api, endpoint, req, socket, connectionId, edgePort: this.#options.edgePort, random, deps });
    if (pending === undefined) return;
    this.#pending.set(req, pending);
    this.#wss.handleUpgrade(req, socket, head, (ws: WebSocket) => this.#open(ws, pending));
  }

  /** A plain HTTP request to a WebSocket API: the `@connections` management API, else 403. */
  serveHttp(endpoint: Endpoint, request: ClientRequest, sink: ResponseSink): Promise<void> {
    const api = this.#state.apis.get(endpoint.apiId);
    if (api === undefined) return Promise.resolve();
    const deps = this.#options.deps;
    return serveManagement(api, endpoint, request, sink, {
      verifier: deps.authorizers.iam,
      requestId: deps.requestId,
      command: (address, command) => this.command(address, command),
    });
  }

  /** Run a management command on a connection: here, or where it lives. */
  async command(address: ConnectionAddress, command: ConnectionCommand): Promise<ConnectionAnswer> {
    const local = this.commandHere(address, command);
    if (local !== undefined) return local;
    const owner = ownerOfConnectionId(address.connectionId);
    const remote = this.#options.remote;
    if (remote === undefined || owner === undefined || owner === (this.#options.owner ?? 0)) return { kind: 'gone' };
    return remote(address, command);
  }

  /** A command for a connection of this process; undefined when it is not here. */
  commandHere(address: ConnectionAddress, command: ConnectionCommand): ConnectionAnswer | undefined {
    const connection = this.#registry.get(address.connectionId);
    if (connection === undefined) return undefined;
    const { facts } = connection;
    if (facts.apiId !== address.apiId || facts.stage !== address.stage || connection.disconnected || connection.serverClose !== undefined)
      return { kind: 'gone' };
    switch (command.op) {
      case 'post':
        connection.socket.send(Buffer.from(command.data, 'base64'), { binary: false });
        this.#options.deps.telemetry.countStage(connection.stage(), facts.apiId, 'MessageCount');
        return { kind: 'done' };
      case 'get':
        return {
          kind: 'info',
          connectedAt: facts.connectedAt,
          lastActiveAt: connection.lastActiveAt,
          sourceIp: facts.sourceIp,
          userAgent: facts.userAgent,
        };
      case 'delete':
        connection.close(1000, '');
        return { kind: 'done' };
    }
  }

  /** Close every connection ("Going away"), wait (briefly) for their `$disconnect`s, stop the sweep. */
  async close(): Promise<void> {
    this.#stopSweep();
    for (const connection of this.#registry.all()) {
      connection.close(1001, 'Going away');
      // A client that does not answer the close frame is not waited for.
      setTimeout(() => connection.socket.terminate(), 500).unref();
    }
    const settled = Promise.all([...this.#work]);
    await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    this.#server?.close();
  }

  #verify(req: IncomingMessage, done: (ok: boolean, code?: number, message?: string, headers?: Record<string, string>) => void): void {
    const pending = this.#pending.get(req);
    if (pending === undefined) return done(false, 500);
    const deps = this.#options.deps;
    const stage = pending.stage.stage;
    deps.telemetry.count(stage, pending.context, 'ConnectCount');
    const work = runConnect(pending.attempt, deps)
      .catch((error: unknown): ConnectDecision => {
        deps.logger.error({ err: error, connectionId: pending.context.connection.connectionId }, 'unexpected error in $connect');
        return {
          kind: 'refuse',
          status: 500,
          headers: { 'Content-Type': 'application/json' },
          body: '{"message":"Internal Server Error"}',
        };
      })
      .then((decision) => {
        pending.decision = decision;
        if (decision.kind === 'accept') {
          pending.context.status = 200;
          return done(true);
        }
        const context = pending.context;
        context.status = decision.status;
        if (decision.status < 500 && context.integrationLatency < 0) deps.telemetry.count(stage, context, 'ClientError');
        deps.telemetry.record(stage, context);
        done(false, decision.status, decision.body, { ...decision.headers, 'x-amzn-RequestId': context.requestId });
      });
    this.#track(work);
  }

  #open(ws: WebSocket, pending: PendingUpgrade): void {
    const deps = this.#options.deps;
    const context = pending.context;
    const facts = { ...context.connection, authorization: context.authorization };
    const apiId = facts.apiId;
    const stageName = facts.stage;
    const current = () => {
      const api = this.#state.apis.get(apiId);
      const stage = stageName === '$default' ? api?.defaultStage : api?.namedStages.get(stageName);
      return stage === undefined ? undefined : { deployment: stage.deployment, stage: stage.stage };
    };
    const deployment = pending.stage.deployment as CompiledWebSocketDeployment;
    const connection = new Connection(facts, ws, pending.attempt.handshake, deployment, current, pending.stage.stage);
    deps.telemetry.record(pending.stage.stage, context);
    openConnection(connection, ws, this.#registry, deps, (work) => this.#track(work));
  }

  #track(work: Promise<void>): void {
    this.#work.add(work);
    void work.finally(() => this.#work.delete(work));
  }
}
