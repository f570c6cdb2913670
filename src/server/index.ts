export * from './config.js';
export * from './endpoints.js';
export * from './start-portico.js';
