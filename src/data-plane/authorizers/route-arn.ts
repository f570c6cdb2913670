import type { CompiledRoute } from '../deployment.js';
import type { RequestContext } from '../request-context.js';

/**
 * The ARN a Lambda authorizer is asked about, `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html, `routeArn` / `methodArn`): the request's method and the route
 * key's path template without its leading "/" (`GET /items/{id}` → `GET/items/{id}`, as yulin
 * observed); the `$default` route is `{stage}/$default`. Our reading where AWS is silent on `$default`.
 */
export function routeArn(region: string, context: RequestContext, route: CompiledRoute): string {
  const base = `arn:aws:execute-api:${region}:${context.accountId}:${context.apiId}/${context.stage}`;
  const key = route.key;
  return key.kind === 'default' ? `${base}/$default` : `${base}/${context.httpMethod}${key.path}`;
}
