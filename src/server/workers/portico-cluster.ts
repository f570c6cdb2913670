import type { MetricsSnapshot } from '../../observability/index.js';
import type { Portico } from '../portico.js';

/** `portico up --workers N` as the CLI (and the start-up table) sees it: a single gateway's surface, counters gathered from every worker. */
export interface PorticoCluster extends Pick<
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
  | 'flushAccessLogs'
  | 'stop'
> {
  /** Process ids of the gateway workers serving now. */
  workerPids(): number[];
  /** The whole gateway's counters (what `/_portico/metrics.json` answers). */
  metrics(): Promise<MetricsSnapshot>;
}
