import { RandomPool } from './random-pool.js';

/**
 * `apigw-requestid` values: 11 random bytes in base64, i.e. 15 characters and one "=" pad, the shape
 * AWS returns (`Mc7UVioPPHcEKPA=`, https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html; docs/reference/dataplane.md §13).
 */
export function createRequestIdGenerator(pool = new RandomPool()): () => string {
  return () => {
    const at = pool.take(11);
    return pool.buffer.toString('base64', at, at + 11);
  };
}
