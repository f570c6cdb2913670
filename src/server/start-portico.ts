import { hostname } from 'node:os';
import { logConfigApplied } from './observability-parts.js';
import type { PorticoOptions } from './config.js';
import { ConfigurationSide } from './configuration-side.js';
import type { Portico } from './portico.js';
import { createServingParts, type ServingParts } from './serving-parts.js';
import { openSharedStore } from './shared-store.js';
import { openSharedBuckets } from './shared-buckets.js';
import type { RedisBucketStore } from '../data-plane/index.js';
import { createPorticoLogger, resolveEntrySettings } from './settings.js';

export type { Portico } from './portico.js';

/**
 * One process: the composition root `portico up` and library users
 * (`const gw = await startPortico({ dir, targets })` in a test suite) both come through. The
 * configuration side (state, control plane, configuration loader, `--watch`) and the serving side
 * (ports, Gateway, Lambda runtime, access logs, metrics) are built as for `--workers N`, in one process.
 */
export async function startPortico(options: PorticoOptions = {}): Promise<Portico> {
  const settings = resolveEntrySettings(options);
  const logger = createPorticoLogger(settings, options.logDestination);
  let serving: ServingParts | undefined;
  const shared = await openSharedStore(settings, logger);
  let buckets: RedisBucketStore | undefined;
  const side = new ConfigurationSide(settings, options, {
    stateFile: settings.state,
    ...(shared ? { store: shared } : {}),
    logger,
    edgePort: () => serving?.edgePort ?? 0,
    // The Lambda functions of AWS_PROXY integrations and authorizers follow each applied configuration.
    onApplied: (functions) => serving?.defineFunctions(functions),
  });
  try {
    buckets = openSharedBuckets(settings, logger);
    serving = await createServingParts(settings, { logger, ...(buckets ? { buckets } : {}) });
    const parts = serving;
    parts.healthOf = () => ({
      ...(shared !== undefined || buckets !== undefined ? { node: node() } : {}),
      ...(shared?.health ? { store: shared.health() } : {}),
      ...(buckets ? { throttling: buckets.shared ? 'shared' : 'local' } : {}),
    });
    const node = () => settings.node ?? `${hostname()}:${parts.edgePort}`;
    if (shared !== undefined || buckets !== undefined)
      parts.clusterMetrics = () => ({
        node: node(),
        cluster: {
          ...(shared?.health ? { storeConnected: shared.health().connected } : {}),
          ...(buckets ? { throttlingShared: buckets.shared, throttlingFallbacks: buckets.fallbacks } : {}),
        },
      });
    // portico.json, CA files and the .tf files, applied in one transaction (again on every reload).
    await side.load();
    const { controlPlane, loader } = side;
    const credentials = side.credentials();
    const gateway = parts.start({ region: controlPlane.region, functions: side.functions, targets: loader.targetMap, credentials });
    gateway.setConfig(controlPlane.servingConfig());
    buckets?.warm(controlPlane.servingConfig());
    controlPlane.onChange((event) => {
      if (event.kind === 'resetAuthorizersCache') gateway.resetAuthorizersCache(event.apiId, event.stageName);
      if (event.kind !== 'config') return;
      const config = controlPlane.servingConfig();
      gateway.setConfig(config);
      buckets?.warm(config);
      logConfigApplied(logger, config);
    });
    loader.attach(gateway);
    parts.serveControlPlane(side.restJsonHandler(credentials));
    const apiPorts = new Map((await parts.openApiPorts(side.apiPorts())).map(({ apiId, port }) => [apiId, port]));
    side.watch();
    logger.info({ port: parts.edgePort, apis: controlPlane.servingConfig().apis.length }, 'portico started');
    return side.surface(
      { edge: parts.edgePort, tls: parts.tlsPort, api: apiPorts },
      {
        metrics: parts.metrics,
        flushAccessLogs: () => parts.accessLogs.idle(),
        stop: async () => {
          await side.close();
          await parts.close();
          buckets?.close();
          side.closeStore();
          logger.flush();
        },
      },
    );
  } catch (error) {
    await side.close();
    await serving?.close();
    buckets?.close();
    side.closeStore();
    throw error;
  }
}
