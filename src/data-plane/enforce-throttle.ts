import type { CompiledRoute } from './compile-deployment.js';
import type { GatewayErrorKind } from './gateway-errors.js';
import type { StageSelection } from './select-stage.js';
import type { Throttle } from './throttle/index.js';

/**
 * Throttling (docs/reference/dataplane.md §8; https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html): token buckets per route (stage
 * `routeSettings`, else `defaultRouteSettings`) and per account → 429 `{"message":"Too Many Requests"}`
 * before the authorizer or the integration runs (https://github.com/KensioSoftware/yulin/issues/950).
 */
export function enforceThrottle(
  throttle: Throttle,
  selection: StageSelection,
  route: CompiledRoute,
  now: number,
): GatewayErrorKind | undefined {
  return throttle.admit(selection.api.apiId, selection.stage.stage, route.routeKey, now) ? undefined : 'TooManyRequests';
}
