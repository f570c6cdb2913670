export type { BodySource } from './body-source.js';
export { readBody, type BodyRead } from './read-body.js';
