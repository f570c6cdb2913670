export * from './config.js';
export * from './endpoints.js';
export * from './start-portico.js';
export * from './reload-result.js';
export { DEFAULT_DEBOUNCE_MS, type Timers, type WatchOptions } from './watch.js';
