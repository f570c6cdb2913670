import type { ControlPlane } from '../../control-plane/index.js';
import type { TargetSpec } from '../../integrations/index.js';
import type { Logger, MetricsSnapshot } from '../../observability/index.js';
import type { StandIn } from '../../terraform/index.js';
import type { ApiUrls } from '../endpoints.js';
import type { ReloadResult } from '../reload-result.js';

/** `portico up --workers N` as the CLI (and the start-up table) sees it. */
export interface PorticoCluster {
  endpoint: string;
  port: number;
  tlsPort?: number;
  apis: ApiUrls[];
  standIns: StandIn[];
  targets: Record<string, TargetSpec[]>;
  resolveTarget(integrationUri: string): readonly string[] | undefined;
  reload(): Promise<ReloadResult>;
  controlPlane: ControlPlane;
  logger: Logger;
  /** Process ids of the gateway workers serving now. */
  workerPids(): number[];
  /** The whole gateway's counters (what `/_portico/metrics.json` answers). */
  metrics(): Promise<MetricsSnapshot>;
  flushAccessLogs(): Promise<void>;
  stop(): Promise<void>;
}
