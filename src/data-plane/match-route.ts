import type { CompiledDeployment } from './deployment.js';
import type { ParsedRequest, RouteMatch } from './invocation.js';
import { lookupRoute } from './route-table.js';

const NO_SEGMENTS: readonly string[] = [];

/**
 * Split a route path into the segments routes are matched against, each URL-decoded
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html; docs/reference/dataplane.md §2).
 * Only a literal "/" separates segments: an encoded one (`%2F`) stays inside its segment, so the
 * route sees the structure a backend receiving the path as sent sees (AWS was observed to split on
 * it; docs/compatibility.md "Decided where AWS is silent" says why Portico does not). Empty
 * segments are dropped: `/a/b/` routes like `/a/b` and `//` like `/`. A malformed escape is
 * matched as sent.
 */
export function splitRoutePath(path: string): string[] {
  const segments: string[] = [];
  let start = 1;
  while (start <= path.length) {
    let end = path.indexOf('/', start);
    if (end < 0) end = path.length;
    if (end > start) segments.push(decodeSegment(path.slice(start, end)));
    start = end + 1;
  }
  return segments;
}

function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
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
