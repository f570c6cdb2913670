export type { BodySource } from './body-source.js';
export { declaredLength, readBody, type BodyRead } from './read-body.js';
