export { ConnectionPool, type ConnectionPoolOptions } from './connection-pool.js';
export type { ExchangeControl, ExchangeHandler, UpstreamRequest } from './exchange.js';
export { buildRequestHead, expectsPayload, type RequestHead } from './request-head.js';
export { MAX_HEAD_BYTES } from './response-parser.js';
export { UpstreamError, type UpstreamErrorCode } from './upstream-error.js';
