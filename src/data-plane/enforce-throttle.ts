import type { CompiledRoute } from './compile-deployment.js';
import type { GatewayErrorKind } from './gateway-errors.js';
import type { StageSelection } from './select-stage.js';
import type { Throttle } from './throttle/index.js';

/**
 * Throttling (dataplane.md §8; SNAP:http-api-throttling.md): token buckets per route (stage
 * `routeSettings`, else `defaultRouteSettings`) and per account → 429 `{"message":"Too Many Requests"}`
 * before the authorizer or the integration runs (gh:KensioSoftware/yulin#950).
 */
export function enforceThrottle(
  throttle: Throttle,
  selection: StageSelection,
  route: CompiledRoute,
  now: number,
): GatewayErrorKind | undefined {
  return throttle.admit(selection.api.apiId, selection.stage.stage, route.routeKey, now) ? undefined : 'TooManyRequests';
}
