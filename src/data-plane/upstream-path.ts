import type { ParsedRouteKey } from '../model/index.js';

/**
 * How the path sent to an HTTP backend is built, decided once per (route, integration):
 * - `request`: the target's path prefix + the request path as the client sent it, a named stage's
 *   segment included (`$default` route on a host-only URI, https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html; private
 *   integrations, https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-private.html);
 * - `template`: the integration URI's own path with `{var}` / `{proxy}` replaced by what the route
 *   captured (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-http.html).
 */
export type UpstreamPath =
  | { readonly kind: 'request' }
  | { readonly kind: 'static'; readonly path: string }
  | { readonly kind: 'template'; readonly parts: readonly TemplatePart[] };

export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'param'; readonly index: number }
  | { readonly kind: 'greedy'; readonly index: number };

const VARIABLE = /\{([A-Za-z0-9._-]+)\+?\}/g;

/** Compile a URI path (raw, as written: braces not percent-encoded) against a route's variables. */
export function compileUpstreamPath(uriPath: string, key: ParsedRouteKey): UpstreamPath {
  if (uriPath === '' || uriPath === '/') return { kind: 'request' };
  const positions = new Map<string, TemplatePart>();
  if (key.kind === 'path') {
    key.segments.forEach((segment, index) => {
      if (segment.kind === 'param') positions.set(segment.name, { kind: 'param', index });
      if (segment.kind === 'greedy') positions.set(segment.name, { kind: 'greedy', index });
    });
  }
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const found of uriPath.matchAll(VARIABLE)) {
    const part = positions.get(found[1] ?? '');
    // A variable the route does not capture stays as written (AWS behaviour not documented).
    if (part === undefined) continue;
    if (found.index > last) parts.push({ kind: 'text', text: uriPath.slice(last, found.index) });
    parts.push(part);
    last = found.index + found[0].length;
  }
  if (last < uriPath.length) parts.push({ kind: 'text', text: uriPath.slice(last) });
  const only = parts[0];
  if (parts.length === 1 && only?.kind === 'text') return { kind: 'static', path: only.text };
  return { kind: 'template', parts };
}

// RFC 3986 pchar; anything else in a decoded segment is percent-encoded again, "/" included: a
// slash the client sent encoded stays inside its segment (normalize-path.ts).
const SEGMENT_SAFE = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]*$/;

function encodeSegment(value: string): string {
  if (SEGMENT_SAFE.test(value)) return value;
  return encodeURI(value).replace(/[?#/]/g, (c) => (c === '?' ? '%3F' : c === '#' ? '%23' : '%2F'));
}

/** The upstream path (no query) for one request. */
export function renderUpstreamPath(
  plan: UpstreamPath,
  basePath: string,
  requestPath: string,
  segments: readonly string[],
  trailingSlash: boolean,
): string {
  if (plan.kind === 'request') return basePath === '' ? requestPath : basePath + requestPath;
  if (plan.kind === 'static') return plan.path;
  let out = '';
  for (const part of plan.parts) {
    if (part.kind === 'text') out += part.text;
    else if (part.kind === 'param') out += encodeSegment(segments[part.index] ?? '');
    else out += segments.slice(part.index).map(encodeSegment).join('/') + (trailingSlash ? '/' : '');
  }
  return out;
}

/** Query sent upstream: the URI's own query first, then the client's, as sent (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html). */
export function combineQuery(uriQuery: string, requestQuery: string): string {
  if (uriQuery === '') return requestQuery;
  if (requestQuery === '' || requestQuery === '?') return `?${uriQuery}`;
  return `?${uriQuery}&${requestQuery.slice(1)}`;
}
