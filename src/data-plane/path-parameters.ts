import type { RouteMatch } from './invocation.js';

/** `pathParameters` of a match: `{name}` captures and the greedy `{name+}` remainder, decoded. */
export function pathParameters(match: RouteMatch): Record<string, string> {
  const params: Record<string, string> = {};
  const key = match.route.key;
  if (key.kind === 'default') return params;
  key.segments.forEach((segment, index) => {
    if (segment.kind === 'param') params[segment.name] = match.segments[index] ?? '';
    else if (segment.kind === 'greedy') params[segment.name] = match.segments.slice(index).join('/') + (match.trailingSlash ? '/' : '');
  });
  return params;
}
