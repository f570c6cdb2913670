import type { CompiledDeployment } from './deployment.js';
import type { ParsedRequest, RouteMatch } from './invocation.js';
import { lookupRoute } from './route-table.js';

const NO_SEGMENTS: readonly string[] = [];

/**
 * Split a route path into the segments routes are matched against. API Gateway URL-decodes the path
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html; docs/reference/dataplane.md §2), so an encoded "/" splits segments as observed on AWS.
 * Empty segments are dropped: `/a/b/` routes like `/a/b` (docs/compatibility.md "Decided where AWS is silent") and `//` like `/`
 * (as AWS REST APIs do; HTTP APIs not documented). A malformed escape is matched as sent.
 */
export function splitRoutePath(path: string): string[] {
  let decoded = path;
  if (path.includes('%')) {
    try {
      decoded = decodeURIComponent(path);
    } catch {
      decoded = path;
    }
  }
  const segments: string[] = [];
  let start = 1;
  while (start <= decoded.length) {
    let end = decoded.indexOf('/', start);
    if (end < 0) end = decoded.length;
    if (end > start) segments.push(decoded.slice(start, end));
    start = end + 1;
  }
  return segments;
}

/** Route selection (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html): see route-table.ts for the priority rules. No match → 404, never 405. */
export function matchRoute(deployment: CompiledDeployment, request: Pick<ParsedRequest, 'method' | 'routePath'>): RouteMatch | undefined {
  const table = deployment.routes;
  if (!table.hasPathRoutes) {
    return table.defaultRoute === undefined ? undefined : { route: table.defaultRoute, segments: NO_SEGMENTS, trailingSlash: false };
  }
  const segments = splitRoutePath(request.routePath);
  const route = lookupRoute(table, request.method, segments);
  if (route === undefined) return undefined;
  const path = request.routePath;
  return { route, segments, trailingSlash: path.length > 1 && path.charCodeAt(path.length - 1) === 47 };
}
