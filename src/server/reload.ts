import { join, resolve } from 'node:path';
import { type ControlPlane, ServiceError } from '../control-plane/index.js';
import type { Gateway } from '../data-plane/index.js';
import type { TargetResolver, TargetSpec } from '../integrations/index.js';
import type { Logger } from '../observability/index.js';
import {
  createApigatewayProvider,
  LAMBDA_CODE_TYPES,
  type LoadResult,
  loadTerraform,
  refusedByHashicorpParser,
  TerraformError,
  type StandIn,
} from '../terraform/index.js';
import type { PorticoOptions, ProjectFile } from './config.js';
import { hasTerraformFiles, readProjectInputs, type ProjectInputs } from './reload-inputs.js';
import type { ReloadApplied, ReloadResult } from './reload-result.js';
import type { Settings } from './settings.js';
import { createLoggedTargetMap } from './reload-targets.js';
import { checkTargetKeys } from './target-keys.js';

export interface ConfigurationContext {
  /**
   * The configuration directory (absolute; undefined for `portico serve`), the environment of TF_VAR_*,
   * the region Terraform falls back to, the data plane's clock (the targets' passive health) and quarantine.
   */
  readonly settings: Pick<Settings, 'dir' | 'env' | 'region' | 'regionGiven' | 'clock' | 'targetQuarantineMs'>;
  /** What the configuration is read with: --var, --var-file, --target, --target-ca, onReload, verifyHcl. */
  readonly options: PorticoOptions;
  readonly controlPlane: ControlPlane;
  readonly logger: Logger;
  /** Called after every configuration applied (start-up and each successful reload). */
  readonly onApplied?: (loaded: LoadResult | undefined) => void;
}

/** Everything read and evaluated for one configuration; nothing applied yet. */
interface Prepared extends ProjectInputs {
  readonly terraform: (LoadResult & { commit(): { applied: { address: string; change: string }[]; deleted: string[] } }) | undefined;
}

type Applied = Omit<ReloadApplied, 'ok' | 'durationMs'>;

/** What a reload hands new targets and configurations to: the Gateway, or (`--workers`) the primary, which passes them on. */
export type ConfigurationFollower = Pick<Gateway, 'setTargets' | 'setConfig'>;

/**
 * Loads the configuration directory (portico.json, CA files, the .tf files through the
 * Terraform → control-plane provider) at start-up, and again on `reload()`. A reload reads and
 * evaluates everything first, then applies it in one transaction: it happens whole or not at all,
 * so a broken edit leaves the last good configuration serving. Reloads run one at a time; calls
 * made while one runs share the single reload that follows it.
 */
export class ConfigurationLoader {
  project: ProjectFile = {};
  targets: Record<string, TargetSpec[]> = {};
  standIns: StandIn[] = [];
  /** What the configuration last applied warns about. */
  warnings: readonly string[] = [];
  /**
   * The last Terraform evaluation applied, if any, with only the instances the parts built after
   * it read (Lambda functions and their archives): the rest (20,000 instances for 10,000 routes)
   * is in the control plane's state once applied and need not stay in memory.
   */
  loaded: LoadResult | undefined;
  targetMap: TargetResolver;
  /** Absolute paths of every input last read (the watcher's list). */
  inputs: string[] = [];
  readonly #context: ConfigurationContext;
  #gateway: ConfigurationFollower | undefined;
  #signature = '';
  #running: Promise<ReloadResult> | undefined;
  #queued: Promise<ReloadResult> | undefined;
  #closed = false;
  #hclCheck: NodeJS.Timeout | undefined;

  constructor(context: ConfigurationContext) {
    this.#context = context;
    this.targetMap = this.#createTargetMap({}, {}, []);
  }

  /** Start-up: read and apply; any problem is thrown (nothing is served half-applied). */
  async load(): Promise<void> {
    const applied = await this.#applySettled(await this.#prepare());
    for (const warning of applied.warnings) this.#context.logger.warn(warning);
    this.#notifyApplied();
  }

  /** From now on reloads hand new targets to this gateway. */
  attach(gateway: ConfigurationFollower): void {
    this.#gateway = gateway;
  }

  reload(): Promise<ReloadResult> {
    if (this.#queued) return this.#queued;
    if (this.#running) {
      const queued = this.#running.then(() => {
        this.#queued = undefined;
        return this.#start();
      });
      this.#queued = queued;
      return queued;
    }
    return this.#start();
  }

  /** No reload after this; resolves once the one under way (if any) is over. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#hclCheck);
    while (this.#queued ?? this.#running) await (this.#queued ?? this.#running);
  }

  #start(): Promise<ReloadResult> {
    const running = this.#reloadOnce().finally(() => {
      if (this.#running === running) this.#running = undefined;
    });
    this.#running = running;
    return running;
  }

  async #reloadOnce(): Promise<ReloadResult> {
    const { logger, options } = this.#context;
    const started = performance.now();
    let result: ReloadResult;
    try {
      if (this.#closed) throw new Error('Portico is stopping');
      const applied = await this.#applySettled(await this.#prepare());
      this.#notifyApplied();
      result = { ok: true, ...applied, durationMs: Math.round(performance.now() - started) };
      logger.info(
        { created: applied.created, changed: applied.changed, deleted: applied.deleted, targetsChanged: applied.targetsChanged },
        'configuration reloaded',
      );
      for (const warning of applied.warnings) logger.warn(warning);
    } catch (error) {
      const located = error instanceof TerraformError ? { file: error.file, line: error.line } : {};
      const message = error instanceof Error ? error.message : String(error);
      result = { ok: false, error: message, ...located, durationMs: Math.round(performance.now() - started) };
      logger.error(located, `reload refused, the last good configuration keeps serving: ${result.error}`);
    }
    try {
      options.onReload?.(result);
    } catch (error) {
      logger.error({ err: error }, 'the onReload callback failed');
    }
    return result;
  }

  /**
   * Apply, then wait until the shared store (cluster mode) kept it. Nodes applying the same
   * configuration at once: the first one's commit wins, the others are refused, catch up, and
   * apply again — which then changes nothing, so every node serves the one applied configuration.
   */
  async #applySettled(prepared: Prepared): Promise<Applied> {
    const cp = this.#context.controlPlane;
    for (let attempt = 1; ; attempt++) {
      const applied = this.#apply(prepared);
      try {
        await cp.settle();
        return applied;
      } catch (error) {
        if (attempt >= 3 || !(error instanceof ServiceError && error.type === 'ConflictException')) throw error;
        await cp.store.catchUp?.();
      }
    }
  }

  async #prepare(): Promise<Prepared> {
    const { settings, options, controlPlane } = this.#context;
    const { dir } = settings;
    const inputs = readProjectInputs(dir, options);
    if (dir === undefined || !hasTerraformFiles(dir)) return { ...inputs, terraform: undefined };
    const provider = createApigatewayProvider({
      cp: controlPlane,
      region: () => controlPlane.region,
      accountId: () => controlPlane.accountId,
      // #apply serves the configuration in its provider region unless --region fixed one.
      followsConfigurationRegion: !settings.regionGiven,
    });
    const loaded = await loadTerraform({
      dir,
      vars: { ...inputs.project.vars, ...options.vars },
      ...(options.varFiles ? { varFiles: options.varFiles } : {}),
      env: settings.env,
      handlers: provider.handlers,
      region: settings.region,
      accountId: controlPlane.accountId,
    });
    return { ...inputs, terraform: { commit: provider.commit, ...loaded, warnings: [...loaded.warnings, ...provider.warnings] } };
  }

  /** Synchronous from here: no request runs between the new targets and the new configuration. */
  #apply(prepared: Prepared): Applied {
    const { controlPlane: cp, settings } = this.#context;
    const { dir } = settings;
    const terraform = prepared.terraform;
    const standIns = terraform?.standIns ?? this.standIns;
    // `--target aws_lb_listener.front=URL` finds the ARN Portico invented for that listener.
    const aliases: Record<string, string> = {};
    for (const standIn of standIns) {
      if (typeof standIn.value !== 'string' || !standIn.value.startsWith('arn:')) continue;
      if (standIn.attribute === 'arn') aliases[standIn.address] = standIn.value;
      // A module's output too: `module.alb.listeners["http"].arn`.
      aliases[`${standIn.address}.${standIn.attribute}`] = standIn.value;
    }
    const signature = JSON.stringify([prepared.targets, aliases, prepared.ca]);
    const targetsChanged = signature !== this.#signature;
    const targetMap = targetsChanged ? this.#createTargetMap(prepared.targets, aliases, prepared.ca) : this.targetMap;
    const region = cp.region;
    if (terraform && !settings.regionGiven) cp.setRegion(terraform.region);
    // --quota wins over portico.json "quotas", which wins over AWS's defaults; in force before the apply that may need them.
    const quotas = cp.quotas;
    cp.setQuotas({ ...prepared.project.quotas, ...this.#context.options.quotas });
    const gateway = this.#gateway;
    if (targetsChanged) gateway?.setTargets(targetMap);
    let outcome: { applied: { address: string; change: string }[]; deleted: string[] } = { applied: [], deleted: [] };
    try {
      if (terraform)
        checkTargetKeys(this.#context.options.targets, prepared.project.targets, terraform.resources, aliases, cp.servingConfig());
      if (terraform) outcome = terraform.commit();
    } catch (error) {
      cp.setRegion(region);
      cp.setQuotas(quotas);
      if (targetsChanged && gateway) {
        gateway.setTargets(this.targetMap);
        gateway.setConfig(cp.servingConfig());
      }
      throw error;
    }
    // A commit that changed what is served already pushed it; new targets need a push of their own.
    if (targetsChanged) gateway?.setConfig(cp.servingConfig());
    const warnings = [...(terraform?.warnings ?? [])];
    if (dir !== undefined && terraform === undefined)
      warnings.push(`${dir} has no .tf files: the resources Terraform made are left as they are`);
    if (this.#signature !== '' && JSON.stringify(prepared.project.apiPorts ?? {}) !== JSON.stringify(this.project.apiPorts ?? {}))
      warnings.push('portico.json "apiPorts" changed: ports are opened at start-up, restart Portico to change them');
    this.project = prepared.project;
    this.targets = prepared.targets;
    this.standIns = standIns;
    this.warnings = warnings;
    if (terraform) this.loaded = keptAfterApply(terraform);
    this.targetMap = targetMap;
    this.#signature = signature;
    this.inputs = [
      ...(dir === undefined ? [] : [join(dir, 'portico.json'), ...(terraform?.files ?? []).map((file) => resolve(dir, file))]),
      ...prepared.caFiles,
    ];
    return {
      created: outcome.applied.filter(({ change }) => change === 'created').map(({ address }) => address),
      changed: outcome.applied.filter(({ change }) => change === 'updated').map(({ address }) => address),
      deleted: outcome.deleted,
      targetsChanged: targetsChanged && this.#gateway !== undefined,
      warnings,
    };
  }

  /** Lets the parts built from the configuration (the Lambda functions) follow it. */
  #notifyApplied(): void {
    this.#context.onApplied?.(this.loaded);
    if (this.#context.options.verifyHcl) this.#scheduleHclCheck();
  }

  /**
   * HashiCorp's parser checks the files a moment after they are applied, off the start-up path
   * (its process takes ~0.3 s of CPU): a file Terraform would refuse is logged as an error, with the
   * diagnostic Terraform prints, even though Portico's lenient reader served it.
   */
  #scheduleHclCheck(): void {
    const { settings, logger, options } = this.#context;
    const { dir } = settings;
    const files = this.loaded?.files ?? [];
    const afterMs = typeof options.verifyHcl === 'object' ? options.verifyHcl.afterMs : 1_000;
    clearTimeout(this.#hclCheck);
    if (dir === undefined || files.length === 0) return;
    this.#hclCheck = setTimeout(() => {
      void refusedByHashicorpParser(dir, files).then(
        (refused) => {
          for (const error of refused)
            logger.error(
              { file: error.file, line: error.line },
              `${error.message} (HashiCorp's HCL parser refuses this; terraform would not accept the file)`,
            );
          logger.info({ event: 'hcl-checked', files: files.length, refused: refused.length }, "files checked with HashiCorp's HCL parser");
        },
        (error: unknown) => logger.warn({ event: 'hcl-checked', err: error }, "could not check the .tf files with HashiCorp's HCL parser"),
      );
    }, afterMs);
    this.#hclCheck.unref();
  }

  #createTargetMap(targets: Record<string, TargetSpec[]>, aliases: Record<string, string>, ca: string[]): TargetResolver {
    const { settings, logger } = this.#context;
    return createLoggedTargetMap(targets, { aliases, ca, clock: settings.clock, logger, quarantineMs: settings.targetQuarantineMs });
  }
}

/** What of an applied evaluation stays in memory: not the plan (`commit`) nor the applied resources. */
function keptAfterApply({ commit: _commit, ...loaded }: NonNullable<Prepared['terraform']>): LoadResult {
  return { ...loaded, resources: loaded.resources.filter((r) => LAMBDA_CODE_TYPES.includes(r.type)) };
}
