import { InProcessBucketStore, type BucketStore } from '../data-plane/index.js';
import type { ServingConfig } from '../model/index.js';
import { AccessLogOutputs, MetricsRegistry, type Logger } from '../observability/index.js';
import type { Settings } from './settings.js';

/** What the gateway measures and limits with, built once per process and handed to the Gateway. */
export interface ObservabilityParts {
  readonly metrics: MetricsRegistry;
  readonly accessLogs: AccessLogOutputs;
  readonly buckets: BucketStore;
}

/** What a gateway worker of `--workers N` uses instead: leased buckets, and a stdout shared with the other processes. */
export interface WorkerObservabilityParts {
  readonly buckets?: BucketStore;
  readonly stdout?: NodeJS.WritableStream;
}

/** Access-log files go to the settled log directory (none without one); this process's buckets have the account limits. */
export function createObservabilityParts(
  settings: Pick<Settings, 'logDir' | 'logToStdout' | 'accountLimits'>,
  logger: Logger,
  workerParts: WorkerObservabilityParts = {},
): ObservabilityParts {
  const { logDir } = settings;
  return {
    metrics: new MetricsRegistry(),
    accessLogs: new AccessLogOutputs({
      ...(logDir === undefined ? {} : { dir: logDir }),
      ...(settings.logToStdout ? { stdout: workerParts.stdout ?? process.stdout } : {}),
      logger,
    }),
    buckets: workerParts.buckets ?? new InProcessBucketStore(settings.accountLimits),
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
