import { join, resolve } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ControlPlane, createRestJsonHandler, isControlPlaneRequest } from '../control-plane/index.js';
import { Gateway } from '../data-plane/index.js';
import type { TargetSpec } from '../integrations/index.js';
import { randomIds, systemClock } from '../model/index.js';
import { createLogger, type Logger, type MetricsRegistry } from '../observability/index.js';
import { openStore } from '../store/index.js';
import type { StandIn } from '../terraform/index.js';
import { parseCredentials, type PorticoOptions } from './config.js';
import { type ApiUrls, describeUrls, pathStyleEndpoint, reachableHost } from './endpoints.js';
import { listen, type Listening } from './listen.js';
import { readTlsMaterial } from './tls-files.js';
import { functionDefinitions, report as reportFunctions, startLambdaRuntime } from './lambda-functions.js';
import type { LambdaRuntime } from '../integrations/lambda/index.js';
import { resolveApiPorts } from './api-ports.js';
import { ConfigurationLoader } from './reload.js';
import type { ReloadResult } from './reload-result.js';
import { watchConfiguration, type ConfigurationWatcher } from './watch.js';
import { serveMetrics } from './metrics-endpoint.js';
import { createObservabilityParts, logConfigApplied } from './observability-parts.js';

export interface Portico {
  /** The edge endpoint: execute-api by Host and path, and the AWS control plane (SDK/CLI/Terraform endpoint). */
  endpoint: string;
  port: number;
  /** The HTTPS port (`--tls-cert`/`--tls-key`), when there is one. */
  tlsPort?: number;
  apis: ApiUrls[];
  /** Values invented for what only a real apply would know (registry modules, data sources, other resource types). */
  standIns: StandIn[];
  /** Private-integration targets in effect. */
  targets: Record<string, TargetSpec[]>;
  /** Where a private integration's target (listener ARN, Cloud Map ARN with its filters) goes on this machine. */
  resolveTarget(integrationUri: string): readonly string[] | undefined;
  /**
   * Read the .tf files, tfvars, portico.json and CA files again and apply the difference in one
   * transaction; a broken configuration is refused whole and the last good one keeps serving.
   * `--watch` calls this when the files change.
   */
  reload(): Promise<ReloadResult>;
  controlPlane: ControlPlane;
  logger: Logger;
  /** The counters behind `/_portico/metrics` and `/_portico/metrics.json`. */
  metrics: MetricsRegistry;
  /** Resolves once every access-log line of the requests answered so far is written. */
  flushAccessLogs(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The composition root: builds every part and wires them. `portico up` and library users
 * (`const gw = await startPortico({ dir, targets })` in a test suite) both come through here.
 */
export async function startPortico(options: PorticoOptions = {}): Promise<Portico> {
  const dir = options.dir === undefined ? undefined : resolve(options.dir);
  const host = options.host ?? '127.0.0.1';
  const logger = createLogger({
    ...(options.logLevel !== undefined ? { level: options.logLevel } : {}),
    ...(options.logDestination !== undefined ? { destination: options.logDestination } : {}),
  });
  const observability = createObservabilityParts(options, dir, logger);
  const env = options.env ?? process.env;
  const store = openStore(options.state ?? (dir ? join(dir, '.portico', 'state.db') : ':memory:'));
  const listeners: Listening[] = [];
  let gateway: Gateway | undefined;
  let watcher: ConfigurationWatcher | undefined;
  let lambdaRuntime: LambdaRuntime | undefined;
  let controlPlaneHandler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  try {
    const edgeHandler = (req: IncomingMessage, res: ServerResponse): void => {
      if (gateway?.handleEdge(req, res)) return;
      if (serveMetrics(req, res, observability.metrics)) return;
      if (controlPlaneHandler && isControlPlaneRequest(req)) return controlPlaneHandler(req, res);
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
    };
    const edge = await listen(host, options.port ?? 4566, edgeHandler, options.clientLimits);
    listeners.push(edge);
    // HTTPS with the user's certificate: custom domains (and everything else the edge serves) over TLS.
    const secure =
      options.tls && (await listen(host, options.tls.port ?? 4443, edgeHandler, options.clientLimits, readTlsMaterial(options.tls)));
    if (secure) listeners.push(secure);
    const controlPlane = new ControlPlane({
      store,
      clock: systemClock,
      ids: randomIds,
      region: options.region ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? 'us-east-1',
      accountId: options.accountId ?? '000000000000',
      apiEndpoint: (apiId) => pathStyleEndpoint(host, edge.port, apiId),
    });
    // portico.json, CA files and the .tf files, applied in one transaction (again on every reload);
    // the Lambda functions of AWS_PROXY integrations and authorizers follow each applied configuration.
    const configuration = new ConfigurationLoader({
      dir,
      options,
      env,
      controlPlane,
      clock: options.clock ?? systemClock,
      logger,
      onApplied: (loaded) => {
        const functions = functionDefinitions(loaded, dir, options);
        if (lambdaRuntime) {
          lambdaRuntime.define(functions);
          reportFunctions(logger, functions);
        } else lambdaRuntime = startLambdaRuntime({ dir, env, controlPlane, logger }, functions);
      },
    });
    await configuration.load();
    const project = configuration.project;
    // --auth wins over portico.json "auth"; without either, any request is accepted.
    const credentials = options.credentials ?? project.auth?.map((pair) => parseCredentials(pair, 'portico.json "auth"'));
    if (!lambdaRuntime) throw new Error('the configuration loader did not report the applied configuration');
    const runtime = lambdaRuntime;
    const liveGateway = new Gateway({
      clock: options.clock ?? systemClock,
      logger,
      lambda: runtime,
      ...(credentials ? { credentials } : {}),
      targets: configuration.targetMap,
      edgePort: edge.port,
      ...observability,
    });
    liveGateway.setConfig(controlPlane.servingConfig());
    controlPlane.onChange((event) => {
      if (event.kind === 'resetAuthorizersCache') liveGateway.resetAuthorizersCache(event.apiId, event.stageName);
      if (event.kind !== 'config') return;
      const config = controlPlane.servingConfig();
      liveGateway.setConfig(config);
      logConfigApplied(logger, config);
    });
    gateway = liveGateway;
    configuration.attach(liveGateway);
    controlPlaneHandler = createRestJsonHandler(controlPlane, {
      logger,
      ...(credentials ? { credentials } : {}),
    });
    const apiPorts = new Map<string, number>();
    for (const { apiId, port } of resolveApiPorts(controlPlane.servingConfig(), [
      ...Object.entries(project.apiPorts ?? {}).map(([api, p]) => ({ api, port: p })),
      ...(options.apiPorts ?? []),
    ])) {
      const api = await listen(host, port, (req, res) => liveGateway.handleApi(apiId, req, res), options.clientLimits);
      listeners.push(api);
      apiPorts.set(apiId, api.port);
    }
    if (options.watch && dir !== undefined) {
      const watchOptions = typeof options.watch === 'object' ? options.watch : {};
      const reloadOnChange = () => void configuration.reload().then(() => watcher?.update(configuration.inputs));
      const onWatchError = (error: Error) => logger.warn({ err: error }, `watching ${dir} failed: ${error.message}`);
      watcher = watchConfiguration(dir, configuration.inputs, reloadOnChange, onWatchError, watchOptions);
    }
    logger.info({ port: edge.port, apis: controlPlane.servingConfig().apis.length }, 'portico started');
    return {
      endpoint: `http://${reachableHost(host)}:${edge.port}`,
      port: edge.port,
      ...(secure ? { tlsPort: secure.port } : {}),
      get apis() {
        return describeUrls(controlPlane.servingConfig(), { host, port: edge.port }, apiPorts);
      },
      get standIns() {
        return configuration.standIns;
      },
      get targets() {
        return configuration.targets;
      },
      resolveTarget: (uri) => configuration.targetMap.resolve(uri),
      reload: () => configuration.reload(),
      controlPlane,
      logger,
      metrics: observability.metrics,
      flushAccessLogs: () => observability.accessLogs.idle(),
      stop: async () => {
        watcher?.close();
        await configuration.close();
        await Promise.all(listeners.map((l) => l.close()));
        await liveGateway.close();
        await runtime.close();
        await observability.accessLogs.close();
        store.close();
        logger.flush();
      },
    };
  } catch (error) {
    watcher?.close();
    await Promise.all(listeners.map((l) => l.close()));
    await gateway?.close();
    await lambdaRuntime?.close();
    await observability.accessLogs.close();
    store.close();
    throw error;
  }
}
