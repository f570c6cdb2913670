import type { CompiledRoute } from './compile-deployment.js';
import type { GatewayErrorKind } from './gateway-errors.js';
import type { StageState } from './serving-state.js';

/**
 * Throttling (dataplane.md §8): token buckets per route (stage `routeSettings`, else
 * `defaultRouteSettings`) and per account → 429 before the authorizer runs.
 * Not implemented in this version: every request passes. Returns the error kind to answer with, if any.
 */
export function enforceThrottle(_stage: StageState, _route: CompiledRoute): GatewayErrorKind | undefined {
  return undefined;
}
