import { logConfigApplied } from './observability-parts.js';
import type { BucketLevel } from '../data-plane/index.js';
import type { ServingConfig } from '../model/index.js';
import type { PorticoOptions } from './config.js';
import { ConfigurationSide } from './configuration-side.js';
import { CONSOLE_PATH, createConsole, type PorticoConsole } from './console/index.js';
import type { Portico } from './portico.js';
import { reachableHost } from './endpoints.js';
import { createServingParts, type ServingParts } from './serving-parts.js';
import { createPorticoLogger, resolveEntrySettings, type Settings } from './settings.js';

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
  const side = new ConfigurationSide(settings, options, {
    stateFile: settings.state,
    logger,
    edgePort: () => serving?.edgePort ?? 0,
    // The Lambda functions of AWS_PROXY integrations and authorizers follow each applied configuration.
    onApplied: (functions) => serving?.defineFunctions(functions),
  });
  try {
    serving = await createServingParts(settings, { logger });
    const parts = serving;
    // portico.json, CA files and the .tf files, applied in one transaction (again on every reload).
    await side.load();
    const { controlPlane, loader } = side;
    const credentials = side.credentials();
    const jwks = await side.jwks();
    const buckets = parts.buckets;
    const webConsole = openConsole(
      settings,
      controlPlane.servingConfig.bind(controlPlane),
      () => credentials,
      () => buckets.levels?.(settings.clock.now()),
    );
    const gateway = parts.start({
      region: controlPlane.region,
      functions: side.functions,
      targets: loader.targetMap,
      credentials,
      jwks,
      ...(webConsole === undefined ? {} : { functionConsole: functionLines(webConsole) }),
    });
    gateway.setConfig(controlPlane.servingConfig());
    webConsole?.hub.attach(gateway);
    controlPlane.onChange((event) => {
      if (event.kind === 'resetAuthorizersCache') gateway.resetAuthorizersCache(event.apiId, event.stageName);
      if (event.kind !== 'config') return;
      const config = controlPlane.servingConfig();
      gateway.setConfig(config);
      webConsole?.hub.configChanged();
      logConfigApplied(logger, config);
    });
    loader.attach(gateway);
    parts.serveControlPlane(side.restJsonHandler(credentials));
    if (webConsole !== undefined) parts.serveConsole(webConsole.handle);
    const apiPorts = new Map((await parts.openApiPorts(side.apiPorts())).map(({ apiId, port }) => [apiId, port]));
    side.watch();
    logger.info({ port: parts.edgePort, apis: controlPlane.servingConfig().apis.length }, 'portico started');
    const portico = side.surface(
      { edge: parts.edgePort, tls: parts.tlsPort, api: apiPorts },
      {
        ...(webConsole === undefined ? {} : { console: `http://${reachableHost(settings.host)}:${parts.edgePort}${CONSOLE_PATH}` }),
        metrics: parts.metrics,
        flushAccessLogs: () => parts.accessLogs.idle(),
        stop: async () => {
          await side.close();
          await parts.close();
          side.closeStore();
          logger.flush();
        },
      },
    );
    webConsole?.setSource(portico);
    return portico;
  } catch (error) {
    await side.close();
    await serving?.close();
    side.closeStore();
    throw error;
  }
}

/** The console of this process, unless `--no-console`. */
function openConsole(
  settings: Settings,
  config: () => ServingConfig,
  credentials: () => readonly { accessKeyId: string; secretAccessKey: string }[] | undefined,
  buckets: () => readonly BucketLevel[] | undefined,
): PorticoConsole | undefined {
  if (settings.console === undefined) return undefined;
  const { clock } = settings;
  return createConsole({ ...settings.console, now: () => clock.now(), config, credentials, buckets });
}

function functionLines(webConsole: PorticoConsole) {
  return (line: { functionName: string; awsRequestId: string | undefined; level: string; message: string }) =>
    webConsole.hub.log({
      kind: 'function',
      source: line.functionName,
      ...(line.awsRequestId === undefined ? {} : { requestId: line.awsRequestId }),
      level: line.level,
      line: line.message,
    });
}
