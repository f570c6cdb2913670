export { startCluster } from './cluster.js';
export type { PorticoCluster } from './portico-cluster.js';
export { parseWorkers } from './worker-count.js';
