export * from './config.js';
export * from './endpoints.js';
export * from './start-portico.js';
export {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_HOST,
  DEFAULT_LOG_LEVEL,
  DEFAULT_PORT,
  DEFAULT_REGION,
  DEFAULT_TLS_PORT,
  resolveSettings,
  type Environment,
  type Settings,
} from './settings.js';
export * from './reload-result.js';
export { DEFAULT_DEBOUNCE_MS, type Timers, type WatchOptions } from './watch.js';
export { DEFAULT_CLIENT_LIMITS, type ClientLimits } from './listen.js';
export type { TlsOptions } from './tls-files.js';
export { parseWorkers } from './workers/worker-count.js';
export { parseJwksOption } from './jwks-sources.js';
export { keepYoungGenerationSmall } from './heap.js';
export type { DevIssuerKey, DevTokenRequest } from './dev-issuer.js';
/** The development issuer (`portico token`, `--jwks ISSUER=dev`): loaded on demand, with jose. */
export const loadDevIssuer = (): Promise<typeof import('./dev-issuer.js')> => import('./dev-issuer.js');
/** `--workers N` (N > 1): loaded on demand, so that one process loads nothing of it. */
export const loadCluster = (): Promise<typeof import('./workers/index.js')> => import('./workers/index.js');
export type { PorticoCluster } from './workers/index.js';
export { printable, printableLines } from '../model/index.js';
