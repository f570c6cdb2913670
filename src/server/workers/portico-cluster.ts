import type { MetricsSnapshot } from '../../observability/index.js';
import type { Portico, PorticoSurface } from '../portico.js';

/** `portico up --workers N` as the CLI (and the start-up table) sees it: a single gateway's surface, counters gathered from every worker. */
export interface PorticoCluster extends PorticoSurface, Pick<Portico, 'flushAccessLogs' | 'stop'> {
  /** Process ids of the gateway workers serving now. */
  workerPids(): number[];
  /** The whole gateway's counters (what `/_portico/metrics.json` answers). */
  metrics(): Promise<MetricsSnapshot>;
}
