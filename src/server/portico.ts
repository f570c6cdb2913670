import type { ControlPlane } from '../control-plane/index.js';
import type { TargetSpec } from '../integrations/index.js';
import type { FunctionDefinition } from '../integrations/lambda/index.js';
import type { Logger, MetricsRegistry } from '../observability/index.js';
import type { StandIn } from '../terraform/index.js';
import type { ApiUrls } from './endpoints.js';
import type { ReloadResult } from './reload-result.js';

export interface Portico {
  /** The edge endpoint: execute-api by Host and path, and the AWS control plane (SDK/CLI/Terraform endpoint). */
  endpoint: string;
  port: number;
  /** The HTTPS port (`--tls-cert`/`--tls-key`), when there is one. */
  tlsPort?: number;
  /** The console's URL (`http://127.0.0.1:4566/_portico/`); absent with `--no-console`. */
  console?: string;
  apis: ApiUrls[];
  /** Values invented for what only a real apply would know (registry modules, data sources, other resource types). */
  standIns: StandIn[];
  /** What the configuration last applied warns about (modules not installed, APIs skipped, service integrations…). */
  warnings: readonly string[];
  /** The Lambda functions of the configuration last applied: run here, mapped elsewhere, or not runnable (and why). */
  functions: readonly FunctionDefinition[];
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

/** What one process and the primary of `--workers N` answer alike (built by `ConfigurationSide.surface`). */
export type PorticoSurface = Pick<
  Portico,
  | 'endpoint'
  | 'port'
  | 'tlsPort'
  | 'apis'
  | 'standIns'
  | 'warnings'
  | 'functions'
  | 'targets'
  | 'resolveTarget'
  | 'reload'
  | 'controlPlane'
  | 'logger'
>;
