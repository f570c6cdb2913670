import type { RouteSettings, Stage } from '../../model/index.js';
import type { ThrottleLimits } from './token-bucket.js';

/**
 * The limits of one route of a stage (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html; docs/reference/dataplane.md §8): the stage's
 * `routeSettings` entry for the route key, else its `defaultRouteSettings`; each route has a bucket
 * of its own, shared by all its clients. A field left unset at the route falls back to the stage
 * default, and one unset there to the account's (AWS documents neither fallback; our choice). No
 * throttling field at either level: undefined, only the account bucket applies. An explicit 0 is a
 * limit of 0, not "unset".
 */
export function routeLimits(stage: Stage, routeKey: string, account: ThrottleLimits): ThrottleLimits | undefined {
  const route: RouteSettings | undefined = Object.hasOwn(stage.routeSettings, routeKey) ? stage.routeSettings[routeKey] : undefined;
  const defaults = stage.defaultRouteSettings;
  const rateLimit = route?.throttlingRateLimit ?? defaults.throttlingRateLimit;
  const burstLimit = route?.throttlingBurstLimit ?? defaults.throttlingBurstLimit;
  if (rateLimit === undefined && burstLimit === undefined) return undefined;
  return { rateLimit: rateLimit ?? account.rateLimit, burstLimit: burstLimit ?? account.burstLimit };
}

/** Whether any route of the stage can have a bucket: lets unthrottled stages skip the route lookup. */
export function stageHasRouteLimits(stage: Stage): boolean {
  const has = (settings: RouteSettings): boolean =>
    settings.throttlingRateLimit !== undefined || settings.throttlingBurstLimit !== undefined;
  return has(stage.defaultRouteSettings) || Object.values(stage.routeSettings).some(has);
}
