import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { ControlPlane, createRestJsonHandler, type SigV4Credentials } from '../control-plane/index.js';
import type { FunctionDefinition } from '../integrations/lambda/index.js';
import { randomIds, systemClock } from '../model/index.js';
import type { Logger } from '../observability/index.js';
import { openStore, type Store } from '../store/index.js';
import { resolveApiPorts } from './api-ports.js';
import { parseCredentials, type PorticoOptions } from './config.js';
import { describeUrls, pathStyleEndpoint, reachableHost } from './endpoints.js';
import type { JwksSource } from '../data-plane/index.js';
import { functionAliases, invokedFunctions } from './function-keys.js';
import { resolveJwksSources } from './jwks-sources.js';
import { functionDefinitions, report as reportFunctions } from './lambda-functions.js';
import type { PorticoSurface } from './portico.js';
import { ConfigurationLoader } from './reload.js';
import type { Settings } from './settings.js';
import { watchConfiguration, type ConfigurationWatcher } from './watch.js';

export interface ConfigurationSideOptions {
  /** The state file to open: the settled one, or (`--workers N` with `:memory:`) the run directory's. */
  readonly stateFile: string;
  readonly logger: Logger;
  /** The edge port, for the `apiEndpoint` the control plane answers with (known once the edge listens). */
  readonly edgePort: () => number;
  /** After each applied configuration (start-up and every reload), with its Lambda functions, already reported. */
  readonly onApplied: (functions: readonly FunctionDefinition[]) => void;
}

/** The ports a Portico serves on, for its surface. */
export interface ServedPorts {
  readonly edge: number;
  readonly tls: number | undefined;
  readonly api: ReadonlyMap<string, number>;
}

/**
 * The configuration side, the same for one process and for the primary of `--workers N`: the state,
 * the control plane over it, the configuration loader (portico.json, CA files, Terraform) with the
 * Lambda functions it defines, and `--watch`.
 */
export class ConfigurationSide {
  readonly store: Store;
  readonly controlPlane: ControlPlane;
  readonly loader: ConfigurationLoader;
  /** The Lambda functions of the configuration last applied. */
  functions: readonly FunctionDefinition[] = [];
  readonly #settings: Settings;
  readonly #options: PorticoOptions;
  readonly #logger: Logger;
  #watcher: ConfigurationWatcher | undefined;

  /** Opens the state: `close()` it, whatever happens next. */
  constructor(settings: Settings, options: PorticoOptions, wiring: ConfigurationSideOptions) {
    this.#settings = settings;
    this.#options = options;
    this.#logger = wiring.logger;
    const store = openStore(wiring.stateFile);
    this.store = store;
    try {
      this.controlPlane = new ControlPlane({
        store,
        clock: systemClock,
        ids: randomIds,
        region: settings.region,
        accountId: settings.accountId,
        quotas: settings.quotas,
        apiEndpoint: (apiId) => pathStyleEndpoint(settings.host, wiring.edgePort(), apiId),
      });
    } catch (error) {
      store.close();
      throw error;
    }
    this.loader = new ConfigurationLoader({
      settings,
      options,
      controlPlane: this.controlPlane,
      logger: wiring.logger,
      onApplied: (loaded) => {
        const keys =
          settings.dir === undefined
            ? undefined
            : { invoked: invokedFunctions(this.controlPlane.servingConfig()), aliases: functionAliases(loaded, this.loader.standIns) };
        const functions = functionDefinitions(loaded, settings.dir, options, keys);
        this.functions = functions;
        reportFunctions(wiring.logger, functions, keys?.invoked);
        wiring.onApplied(functions);
      },
    });
  }

  /** Apply the configuration at start-up; any problem is thrown (nothing is served half-applied). */
  load(): Promise<void> {
    return this.loader.load();
  }

  /** `--auth` wins over portico.json "auth"; without either, any request is accepted. */
  credentials(): SigV4Credentials[] | undefined {
    const given = this.#settings.credentials;
    if (given !== undefined) return [...given];
    return this.loader.project.auth?.map((pair) => parseCredentials(pair, 'portico.json "auth"'));
  }

  /**
   * Where JWT issuers get their keys: portico.json "jwks" (files relative to the directory), then
   * `--jwks` over it; files are read and the development key made now. Settled at start-up.
   */
  jwks(): Promise<Record<string, JwksSource>> {
    const projectDir = this.#settings.dir ?? resolve('.');
    const given = { ...this.loader.project.jwks, ...this.#settings.jwks };
    return resolveJwksSources(given, {
      baseDir: projectDir,
      projectDir,
      givenAs: this.#settings.jwks ? '--jwks / portico.json "jwks"' : 'portico.json "jwks"',
    });
  }

  /** The AWS control plane (apigatewayv2, STS) over HTTP, verifying SigV4 with these credentials. */
  restJsonHandler(credentials: readonly SigV4Credentials[] | undefined): (req: IncomingMessage, res: ServerResponse) => void {
    return createRestJsonHandler(this.controlPlane, { logger: this.#logger, ...(credentials ? { credentials: [...credentials] } : {}) });
  }

  /** portico.json "apiPorts", then `--api-port`, each resolved to an API of the configuration applied. */
  apiPorts(): { apiId: string; port: number }[] {
    return resolveApiPorts(this.controlPlane.servingConfig(), [
      ...Object.entries(this.loader.project.apiPorts ?? {}).map(([api, port]) => ({ api, port })),
      ...(this.#options.apiPorts ?? []),
    ]);
  }

  /** `--watch`: reload when the inputs change. */
  watch(): void {
    const { watch } = this.#options;
    const dir = this.#settings.dir;
    if (!watch || dir === undefined) return;
    const loader = this.loader;
    const reloadOnChange = () => void loader.reload().then(() => this.#watcher?.update(loader.inputs));
    const onWatchError = (error: Error) => this.#logger.warn({ err: error }, `watching ${dir} failed: ${error.message}`);
    this.#watcher = watchConfiguration(dir, loader.inputs, reloadOnChange, onWatchError, typeof watch === 'object' ? watch : {});
  }

  /** What one process and the primary of `--workers N` answer alike, with what each adds (live getters kept). */
  surface<T extends object>(ports: ServedPorts, rest: T): PorticoSurface & T {
    const { controlPlane, loader } = this;
    const functionsNow = (): readonly FunctionDefinition[] => this.functions;
    const host = this.#settings.host;
    return {
      ...rest,
      endpoint: `http://${reachableHost(host)}:${ports.edge}`,
      port: ports.edge,
      ...(ports.tls !== undefined ? { tlsPort: ports.tls } : {}),
      get apis() {
        return describeUrls(controlPlane.servingConfig(), { host, port: ports.edge }, ports.api);
      },
      get standIns() {
        return loader.standIns;
      },
      get warnings() {
        return loader.warnings;
      },
      get functions() {
        return functionsNow();
      },
      get targets() {
        return loader.targets;
      },
      resolveTarget: (uri) => loader.targetMap.resolve(uri),
      reload: () => loader.reload(),
      controlPlane,
      logger: this.#logger,
    };
  }

  /** Stop watching and reloading (waits for a reload under way). The state stays open: `closeStore()`. */
  async close(): Promise<void> {
    this.#watcher?.close();
    await this.loader.close();
  }

  closeStore(): void {
    this.store.close();
  }
}
