import { fileURLToPath } from 'node:url';
import { BucketLedger } from '../../data-plane/index.js';
import { systemClock } from '../../model/index.js';
import type { PorticoOptions } from '../config.js';
import { openSharedStore } from '../shared-store.js';
import { ConfigurationSide } from '../configuration-side.js';
import { createPorticoLogger, resolveEntrySettings } from '../settings.js';
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
 * The primary of `portico up --workers N`: it owns the configuration side as one process does
 * (ConfigurationSide: applies the Terraform, the only process writing the state, `--watch` and
 * reloads, reported once here), answers the control plane the workers forward to it, keeps the real
 * throttling buckets and gathers the metrics. The N workers (node:cluster) serve every port, each
 * with the serving side one process has. One worker (`--workers 1`) never comes here.
 */
export async function startCluster(options: PorticoOptions, count: number): Promise<PorticoCluster> {
  const settings = resolveEntrySettings(options); // a bad flag is refused before anything starts
  const logger = createPorticoLogger(settings, options.logDestination);
  const ports = { edge: 0, tls: undefined as number | undefined, api: new Map<string, number>() };
  const run = createRunDirectory(settings.state);
  if (settings.state === ':memory:' && settings.store === undefined)
    logger.info(
      { event: 'temporary-state', stateFile: run.stateFile },
      'several processes cannot share :memory: state: they share a temporary file, deleted when Portico stops',
    );
  let side: ConfigurationSide | undefined;
  let control: ControlSocket;
  let setup: WorkerSetup | undefined;
  try {
    // Opened before any worker opens the state: whatever the control plane prepares in it (its indexes)
    // is written by this process alone. Terraform's api_endpoint names the edge port, known once a worker listens.
    // Cluster mode: the primary's replica of the PostgreSQL state (each worker reads its own).
    const shared = await openSharedStore(settings, logger);
    side = new ConfigurationSide(settings, options, {
      stateFile: run.stateFile,
      ...(shared ? { store: shared } : {}),
      logger,
      edgePort: () => ports.edge,
      onApplied: (functions) => {
        // After a reload: new targets and functions for every worker (the state itself followed with the commit).
        if (setup === undefined) return;
        setup = workerSetup(
          configuration.loader,
          configuration.controlPlane.region,
          functions,
          setup.apiPorts,
          configuration.credentials(),
          setup.jwks,
        );
        pool.broadcast({ t: 'setup', setup, version: coordination.version });
      },
    });
    control = await listenControlSocket(run.controlSocket);
  } catch (error) {
    side?.closeStore();
    run.remove();
    throw error;
  }
  const configuration = side;
  const { controlPlane, loader } = configuration;
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
      case 'ws-command': {
        // WebSocket connections live in one worker: the id says which (its owner number is the worker's id).
        const owner = pool.workers.find((candidate) => (candidate.id & 0xff) === message.owner);
        if (owner === undefined) return pool.send(worker, { t: 'ws-answer', id: message.id, answer: { kind: 'gone' } });
        return pool.send(owner, { t: 'ws-command', id: message.id, from: worker.id, address: message.address, command: message.command });
      }
      case 'ws-answer':
        return pool.send(message.to, { t: 'ws-answer', id: message.id, answer: message.answer });
      case 'hello':
        return;
    }
  };
  const pool = new WorkerPool({
    // Next to this module: dist/server/workers/worker-main.js as tsc wrote it, or, from the CLI's
    // bundle (dist/cli/main.cjs), the worker's own bundle dist/cli/worker-main.cjs (scripts/bundle-cli.mjs).
    exec: fileURLToPath(new URL(import.meta.url.endsWith('.cjs') ? './worker-main.cjs' : './worker-main.js', import.meta.url)),
    logger,
    start: { t: 'start', settings: workerSettings(settings, run, count) },
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
  const cleanUp = async (): Promise<void> => {
    await configuration.close();
    await pool.stop(STOP_GRACE_MS);
    ledger.close();
    await control.close();
    configuration.closeStore();
    run.remove();
    logger.flush();
  };
  try {
    for (let i = 0; i < count; i++) pool.fork();
    // The edge port first, as in one process: Terraform's api_endpoint and invoke_url name it.
    await startup.until('listening');
    await configuration.load();
    // Workers get what reloads change through `setup`; the state they read themselves.
    loader.attach({ setTargets: () => undefined, setConfig: () => undefined });
    const apiPorts = configuration.apiPorts();
    // `--auth`, else portico.json "auth", as in one process.
    control.serve(configuration.restJsonHandler(configuration.credentials()));
    controlPlane.onChange((event) => {
      if (event.kind === 'config') coordination.changed();
      else pool.broadcast({ t: 'reset-authorizers', apiId: event.apiId, stageName: event.stageName });
    });
    const jwks = await configuration.jwks();
    setup = workerSetup(loader, controlPlane.region, configuration.functions, apiPorts, configuration.credentials(), jwks);
    for (const worker of pool.workers) sendSetup(worker);
    await startup.until('ready');
    pool.replaceExited();
    configuration.watch();
    logger.info({ port: ports.edge, workers: count, apis: controlPlane.servingConfig().apis.length }, 'portico started');
    return configuration.surface(ports, {
      workerPids: () => pool.workers.map((w) => w.pid),
      metrics: () => coordination.gather(),
      flushAccessLogs: () => coordination.flush(),
      stop: cleanUp,
    });
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
