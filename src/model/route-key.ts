/**
 * HTTP API route keys: `$default`, or `<METHOD> <path>` where METHOD is ANY or an HTTP verb,
 * path segments are literals, `{name}` variables or a final greedy `{name+}`
 * (docs/reference/dataplane.md §2; AWS "Working with routes for HTTP APIs").
 */
export const ROUTE_METHODS = ['ANY', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

export const DEFAULT_ROUTE_KEY = '$default';

export type RouteSegment =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'greedy'; readonly name: string };

export type ParsedRouteKey =
  | { readonly kind: 'default' }
  | { readonly kind: 'path'; readonly method: RouteMethod; readonly path: string; readonly segments: readonly RouteSegment[] };

export type RouteKeyResult = { ok: true; value: ParsedRouteKey } | { ok: false; problem: string };

/**
 * AWS's answer to a route key that is not "$default" nor "<METHOD> /<path>" (observed from CreateRoute
 * as a BadRequestException; docs/reference/controlplane.md §3.2 "Route key"). Portico puts the key in front and,
 * for problems inside the path that AWS words differently or not at all, says what is wrong.
 */
export const ROUTE_KEY_FORMAT =
  'The provided route key is not formatted properly for HTTP protocol. Format should be "<HTTP METHOD> /<RESOURCE PATH>" or "$default"';

// Characters allowed in a literal path segment: RFC 3986 pchar without percent-escapes.
const LITERAL = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]+$/;
const VARIABLE = /^\{([A-Za-z0-9._-]+)(\+?)\}$/;

function badFormat(key: string, why: string): RouteKeyResult {
  return { ok: false, problem: `Invalid route key "${key}": ${ROUTE_KEY_FORMAT} (${why}).` };
}

function fail(key: string, why: string): RouteKeyResult {
  return {
    ok: false,
    problem: `Invalid route key "${key}": ${why}. Methods: ${ROUTE_METHODS.join(', ')}; path variables are "{name}" and a final greedy "{name+}", e.g. "GET /pets/{petId}" or "ANY /{proxy+}".`,
  };
}

export function parseRouteKey(key: string): RouteKeyResult {
  if (key === DEFAULT_ROUTE_KEY) return { ok: true, value: { kind: 'default' } };
  const space = key.indexOf(' ');
  if (space < 0) return badFormat(key, 'it has no method and path');
  const method = key.slice(0, space);
  const path = key.slice(space + 1);
  if (!(ROUTE_METHODS as readonly string[]).includes(method)) return badFormat(key, `"${method}" is not a supported method`);
  if (!path.startsWith('/')) return badFormat(key, 'the path must start with "/"');
  if (/\s/.test(path)) return badFormat(key, 'the path contains white space');
  // AWS rejects a route path ending in "/" at deploy time (docs/reference/dataplane.md §2); "/" alone is the root.
  if (path.length > 1 && path.endsWith('/')) return fail(key, 'the path must not end with "/"');
  const segments: RouteSegment[] = [];
  const names = new Set<string>();
  const parts = path === '/' ? [] : path.slice(1).split('/');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (part === '') return fail(key, 'the path has an empty segment ("//")');
    const variable = VARIABLE.exec(part);
    if (variable) {
      const name = variable[1] ?? '';
      if (names.has(name)) return fail(key, `the path variable "{${name}}" appears twice`);
      names.add(name);
      if (variable[2] === '+') {
        if (i !== parts.length - 1) return fail(key, `the greedy variable "{${name}+}" must be the last segment`);
        segments.push({ kind: 'greedy', name });
      } else segments.push({ kind: 'param', name });
      continue;
    }
    if (part.includes('{') || part.includes('}'))
      return fail(key, `"${part}" is neither a literal segment nor a whole "{name}" or "{name+}" variable`);
    if (!LITERAL.test(part)) return fail(key, `the segment "${part}" contains characters not allowed in a path`);
    segments.push({ kind: 'literal', value: part });
  }
  return { ok: true, value: { kind: 'path', method: method as RouteMethod, path, segments } };
}

/**
 * Two route keys that differ only in variable names are the same route on AWS
 * (`GET /pets/{id}` and `GET /pets/{petId}` conflict): this is the identity used for uniqueness.
 */
export function routeKeyIdentity(parsed: ParsedRouteKey): string {
  if (parsed.kind === 'default') return DEFAULT_ROUTE_KEY;
  const path = parsed.segments.map((s) => (s.kind === 'literal' ? s.value : s.kind === 'param' ? '{}' : '{+}')).join('/');
  return `${parsed.method} /${path}`;
}
