import { GatewayError } from './gateway-error.js';
import type { RoutedInvocation } from './invocation.js';
import type { Throttle } from './throttle/throttle.js';

const TOO_MANY_REQUESTS = GatewayError.of('TooManyRequests');

/**
 * Step 5, throttling (docs/reference/dataplane.md §8;
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html): token buckets per
 * route (stage `routeSettings`, else `defaultRouteSettings`) and per account → 429
 * `{"message":"Too Many Requests"}` before the authorizer or the integration runs
 * (https://github.com/KensioSoftware/yulin/issues/950).
 */
export function enforceThrottle(throttle: Throttle, routed: RoutedInvocation): GatewayError | undefined {
  const { selection } = routed;
  const admitted = throttle.admit(selection.api.apiId, selection.stage.stage, routed.match.route.routeKey, routed.context.requestTimeEpoch);
  return admitted ? undefined : TOO_MANY_REQUESTS;
}
