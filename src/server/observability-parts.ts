import { join, resolve } from 'node:path';
import { DEFAULT_ACCOUNT_LIMITS, InProcessBucketStore, type BucketStore, type ThrottleLimits } from '../data-plane/index.js';
import type { ServingConfig } from '../model/index.js';
import { AccessLogOutputs, MetricsRegistry, type Logger } from '../observability/index.js';
import type { PorticoOptions } from './config.js';

/** What the gateway measures and limits with, built once per Portico and handed to the Gateway. */
export interface ObservabilityParts {
  readonly metrics: MetricsRegistry;
  readonly accessLogs: AccessLogOutputs;
  readonly buckets: BucketStore;
}

function limit(value: number | undefined, fallback: number, flag: string, integer: boolean): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value)))
    throw new Error(`${flag} ${value}: expected a${integer ? ' whole' : ''} number of at least 0`);
  return value;
}

/**
 * Access-log files go to `--log-dir`, else `<dir>/.portico/logs` beside the state; a Portico without
 * a project directory writes none unless told where. Account limits default to AWS's (docs/reference/dataplane.md §8).
 */
export function createObservabilityParts(
  options: PorticoOptions,
  dir: string | undefined,
  logger: Logger,
  workerParts: WorkerObservabilityParts = {},
): ObservabilityParts {
  const logDir = options.logDir !== undefined ? resolve(options.logDir) : dir === undefined ? undefined : join(dir, '.portico', 'logs');
  const accountLimits = accountLimitsOf(options);
  return {
    metrics: new MetricsRegistry(),
    accessLogs: new AccessLogOutputs({
      ...(logDir === undefined ? {} : { dir: logDir }),
      ...(options.logToStdout ? { stdout: workerParts.stdout ?? process.stdout } : {}),
      logger,
    }),
    buckets: workerParts.buckets ?? new InProcessBucketStore(accountLimits),
  };
}

/** What a gateway worker of `--workers N` uses instead: leased buckets, and a stdout shared with the other processes. */
export interface WorkerObservabilityParts {
  readonly buckets?: BucketStore;
  readonly stdout?: NodeJS.WritableStream;
}

/** `--account-rate` / `--account-burst`, checked, over AWS's defaults. */
export function accountLimitsOf(options: PorticoOptions): ThrottleLimits {
  return {
    rateLimit: limit(options.accountRateLimit, DEFAULT_ACCOUNT_LIMITS.rateLimit, '--account-rate', false),
    burstLimit: limit(options.accountBurstLimit, DEFAULT_ACCOUNT_LIMITS.burstLimit, '--account-burst', true),
  };
}

/** Portico's own event for a config swap (issue 6: structured logs for config applied, target down, reload). */
export function logConfigApplied(logger: Logger, config: ServingConfig): void {
  let stages = 0;
  let deployed = 0;
  for (const api of config.apis)
    for (const served of api.stages) {
      stages++;
      if (served.deployment !== undefined) deployed++;
    }
  logger.info({ event: 'config-applied', apis: config.apis.length, stages, deployedStages: deployed }, 'config applied');
}
