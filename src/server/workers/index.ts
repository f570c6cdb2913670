export { startCluster, type PorticoCluster } from './cluster.js';
export { parseWorkers } from './worker-count.js';
