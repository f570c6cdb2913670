import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ControlPlane, createRestJsonHandler } from '../../control-plane/index.js';
import { BucketLedger } from '../../data-plane/index.js';
import type { FunctionDefinition } from '../../integrations/lambda/index.js';
import { randomIds, systemClock } from '../../model/index.js';
import { createLogger } from '../../observability/index.js';
import { openStore, type Store } from '../../store/index.js';
import { resolveApiPorts } from '../api-ports.js';
import type { PorticoOptions } from '../config.js';
import { describeUrls, pathStyleEndpoint, reachableHost } from '../endpoints.js';
import { functionDefinitions, report as reportFunctions } from '../lambda-functions.js';
import { accountLimitsOf } from '../observability-parts.js';
import { ConfigurationLoader } from '../reload.js';
import { watchConfiguration, type ConfigurationWatcher } from '../watch.js';
import { listenControlSocket, type ControlSocket } from './control-socket.js';
import { Coordination } from './coordination.js';
import type { FromWorker, WorkerSetup } from './messages.js';
import type { PorticoCluster } from './portico-cluster.js';
import { createRunDirectory } from './run-directory.js';
import { workerSettings, workerSetup } from './worker-setup.js';
import { WorkerStartup } from './worker-startup.js';
import { WorkerPool, type PooledWorker } from './worker-pool.js';

/** How long stopping waits for the workers' in-flight requests and log lines before killing them. */
const STOP_GRACE_MS = 10_000;

/**
 * The primary of `portico up --workers N`: it owns the configuration (applies the Terraform, the
 * only process writing the state, `--watch` and reloads, reported once here), answers the control
 * plane the workers forward to it, keeps the real throttling buckets and gathers the metrics. The
 * N workers (node:cluster) serve every port. One worker (`--workers 1`) never comes here.
 */
export async function startCluster(options: PorticoOptions, count: number): Promise<PorticoCluster> {
  const dir = options.dir === undefined ? undefined : resolve(options.dir);
  const host = options.host ?? '127.0.0.1';
  const logger = createLogger(options.logLevel !== undefined ? { level: options.logLevel } : {});
  const env = options.env ?? process.env;
  const accountLimits = accountLimitsOf(options); // a bad flag is refused before anything starts
  const ports = { edge: 0, tls: undefined as number | undefined, api: new Map<string, number>() };
  const state = options.state ?? (dir ? join(dir, '.portico', 'state.db') : ':memory:');
  const run = createRunDirectory(state);
  if (state === ':memory:')
    logger.info(
      { event: 'temporary-state', stateFile: run.stateFile },
      'several processes cannot share :memory: state: they share a temporary file, deleted when Portico stops',
    );
  let store: Store | undefined;
  let controlPlane: ControlPlane;
  let control: ControlSocket;
  try {
    store = openStore(run.stateFile);
    // Built before any worker opens the state: whatever the control plane prepares in it (its indexes)
    // is written by this process alone. Terraform's api_endpoint names the edge port, known once a worker listens.
    controlPlane = new ControlPlane({
      store,
      clock: systemClock,
      ids: randomIds,
      region: options.region ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? 'us-east-1',
      accountId: options.accountId ?? '000000000000',
      apiEndpoint: (apiId) => pathStyleEndpoint(host, ports.edge, apiId),
    });
    control = await listenControlSocket(run.controlSocket);
  } catch (error) {
    store?.close();
    run.remove();
    throw error;
  }
  const opened = store;
  let setup: WorkerSetup | undefined;
  let functions: FunctionDefinition[] = [];
  const settings = workerSettings(options, { dir, host, accountLimits, accountId: controlPlane.accountId, run, workers: count });
  const startup = new WorkerStartup(count);
  const sendSetup = (worker: PooledWorker): void => {
    if (setup === undefined) return;
    worker.configured = true;
    pool.send(worker, { t: 'setup', setup, version: coordination.version });
  };
  const onMessage = (worker: PooledWorker, message: FromWorker): void => {
    switch (message.t) {
      case 'listening':
        worker.phase = 'listening';
        ports.edge = message.edgePort;
        ports.tls = message.tlsPort;
        sendSetup(worker); // a replacement: configured at once
        return startup.check(pool.workers);
      case 'ready':
        worker.phase = 'ready';
        for (const { apiId, port } of message.apiPorts) ports.api.set(apiId, port);
        coordination.applied(worker, message.version);
        if (worker.replacement) logger.info({ event: 'worker-ready', pid: worker.pid }, `gateway worker ${worker.pid} is serving`);
        return startup.check(pool.workers);
      case 'failed':
        logger.error({ pid: worker.pid }, `gateway worker ${worker.pid} could not start: ${message.error}`);
        return startup.fail(new Error(message.error));
      case 'applied':
        return coordination.applied(worker, message.version);
      case 'lease':
        return ledger.receive(worker.id, message.message);
      case 'snapshot':
        return coordination.snapshot(worker, message.id, message.snapshot);
      case 'metrics':
        return void coordination.gather().then((snapshot) => pool.send(worker, { t: 'metrics', id: message.id, snapshot }));
      case 'sync':
        return coordination.sync(worker, message.id);
      case 'flushed':
        return coordination.flushed(worker, message.id);
      case 'hello':
        return;
    }
  };
  const pool = new WorkerPool({
    exec: fileURLToPath(new URL('./worker-main.js', import.meta.url)),
    logger,
    start: { t: 'start', settings },
    onMessage,
    onExit: (worker) => {
      ledger.forget(worker.id);
      coordination.exited(worker);
      startup.fail(new Error(`gateway worker ${worker.pid} exited while starting`));
    },
  });
  const coordination = new Coordination(pool, logger);
  const ledger = new BucketLedger({
    clock: systemClock,
    timers: { setTimeout: (fire, ms) => setTimeout(fire, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) },
    send: (worker, message) => pool.send(worker, { t: 'lease', message }),
  });
  let watcher: ConfigurationWatcher | undefined;
  let configuration: ConfigurationLoader | undefined;
  const cleanUp = async (): Promise<void> => {
    watcher?.close();
    await configuration?.close();
    await pool.stop(STOP_GRACE_MS);
    ledger.close();
    await control.close();
    opened.close();
    run.remove();
    logger.flush();
  };
  try {
    for (let i = 0; i < count; i++) pool.fork();
    // The edge port first, as in one process: Terraform's api_endpoint and invoke_url name it.
    await startup.until('listening');
    const loader = new ConfigurationLoader({
      dir,
      options,
      env,
      controlPlane,
      clock: options.clock ?? systemClock,
      logger,
      onApplied: (loaded) => {
        functions = functionDefinitions(loaded, dir, options);
        reportFunctions(logger, functions);
        // After a reload: new targets and functions for every worker (the state itself followed with the commit).
        if (setup === undefined) return;
        setup = workerSetup(loader, controlPlane.region, functions, setup.apiPorts);
        pool.broadcast({ t: 'setup', setup, version: coordination.version });
      },
    });
    configuration = loader;
    await loader.load();
    // Workers get what reloads change through `setup`; the state they read themselves.
    loader.attach({ setTargets: () => undefined, setConfig: () => undefined });
    const apiPorts = resolveApiPorts(controlPlane.servingConfig(), [
      ...Object.entries(loader.project.apiPorts ?? {}).map(([api, port]) => ({ api, port })),
      ...(options.apiPorts ?? []),
    ]);
    control.serve(createRestJsonHandler(controlPlane, { logger, ...(options.credentials ? { credentials: options.credentials } : {}) }));
    controlPlane.onChange((event) => {
      if (event.kind === 'config') coordination.changed();
      else pool.broadcast({ t: 'reset-authorizers', apiId: event.apiId, stageName: event.stageName });
    });
    setup = workerSetup(loader, controlPlane.region, functions, apiPorts);
    for (const worker of pool.workers) sendSetup(worker);
    await startup.until('ready');
    pool.replaceExited();
    if (options.watch && dir !== undefined) {
      const watchOptions = typeof options.watch === 'object' ? options.watch : {};
      const reloadOnChange = () => void loader.reload().then(() => watcher?.update(loader.inputs));
      const onWatchError = (error: Error) => logger.warn({ err: error }, `watching ${dir} failed: ${error.message}`);
      watcher = watchConfiguration(dir, loader.inputs, reloadOnChange, onWatchError, watchOptions);
    }
    logger.info({ port: ports.edge, workers: count, apis: controlPlane.servingConfig().apis.length }, 'portico started');
    return {
      endpoint: `http://${reachableHost(host)}:${ports.edge}`,
      port: ports.edge,
      ...(ports.tls !== undefined ? { tlsPort: ports.tls } : {}),
      get apis() {
        return describeUrls(controlPlane.servingConfig(), { host, port: ports.edge }, ports.api);
      },
      get standIns() {
        return loader.standIns;
      },
      get targets() {
        return loader.targets;
      },
      resolveTarget: (uri) => loader.targetMap.resolve(uri),
      reload: () => loader.reload(),
      controlPlane,
      logger,
      workerPids: () => pool.workers.map((w) => w.pid),
      metrics: () => coordination.gather(),
      flushAccessLogs: () => coordination.flush(),
      stop: cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
