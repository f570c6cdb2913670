import { findHeader } from './client-request.js';
import type { CorsConfiguration } from '../model/index.js';

/**
 * An API's `corsConfiguration` compiled once per deployment (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html; docs/reference/dataplane.md §7).
 * Origins are exact (`https://app.example.com`), `*`, or patterns with one `*` such as `https://*`
 * (any https origin). Headers are produced only for requests that carry `Origin`; a request from
 * an origin that is not allowed gets no `Access-Control-*` headers at all (docs/compatibility.md "Decided where AWS is silent").
 */
export interface CorsPlan {
  readonly anyOrigin: boolean;
  readonly origins: ReadonlySet<string>;
  readonly patterns: readonly { readonly prefix: string; readonly suffix: string }[];
  readonly credentials: boolean;
  readonly methods: string | undefined;
  readonly anyMethod: boolean;
  readonly headers: string | undefined;
  readonly anyHeader: boolean;
  readonly expose: string | undefined;
  readonly maxAge: string | undefined;
}

/** What CORS means for one request: the plan, the request's Origin, and the headers its response gets. */
export interface CorsRequest {
  readonly plan: CorsPlan;
  readonly origin: string | undefined;
  /** Headers every response to this request carries (undefined: not a CORS request, or the origin is not allowed). */
  readonly responseHeaders: readonly string[] | undefined;
}

function list(values: readonly string[] | undefined): string | undefined {
  return values === undefined || values.length === 0 ? undefined : values.join(',');
}

export function compileCors(config: CorsConfiguration | undefined): CorsPlan | undefined {
  if (config === undefined) return undefined;
  const origins = new Set<string>();
  const patterns: { prefix: string; suffix: string }[] = [];
  let anyOrigin = false;
  for (const origin of config.allowOrigins ?? []) {
    const lower = origin.trim().toLowerCase();
    if (lower === '*') anyOrigin = true;
    else if (lower.includes('*')) {
      const star = lower.indexOf('*');
      patterns.push({ prefix: lower.slice(0, star), suffix: lower.slice(star + 1) });
    } else origins.add(lower);
  }
  const methods = config.allowMethods ?? [];
  const headers = config.allowHeaders ?? [];
  return {
    anyOrigin,
    origins,
    patterns,
    credentials: config.allowCredentials === true,
    methods: list(methods.filter((m) => m !== '*').map((m) => m.toUpperCase())),
    anyMethod: methods.includes('*'),
    headers: list(headers.filter((h) => h !== '*')),
    anyHeader: headers.includes('*'),
    expose: list(config.exposeHeaders),
    maxAge: config.maxAge === undefined ? undefined : String(config.maxAge),
  };
}

function allowed(plan: CorsPlan, origin: string): boolean {
  if (plan.anyOrigin) return true;
  const lower = origin.toLowerCase();
  if (plan.origins.has(lower)) return true;
  return plan.patterns.some(
    (p) => lower.length > p.prefix.length + p.suffix.length && lower.startsWith(p.prefix) && lower.endsWith(p.suffix),
  );
}

/** `Access-Control-Allow-Origin` (+ credentials, Vary) for an allowed origin. */
function originHeaders(plan: CorsPlan, origin: string): string[] {
  // `*` only when nothing is credentialed: browsers refuse `*` with credentials (Fetch standard, CORS protocol).
  if (plan.anyOrigin && !plan.credentials) return ['access-control-allow-origin', '*'];
  const headers = ['access-control-allow-origin', origin, 'vary', 'origin'];
  if (plan.credentials) headers.push('access-control-allow-credentials', 'true');
  return headers;
}

/** The CORS view of one request; undefined when the API has no CORS configuration (the usual, free case). */
export function corsForRequest(plan: CorsPlan | undefined, rawHeaders: readonly string[]): CorsRequest | undefined {
  if (plan === undefined) return undefined;
  const origin = findHeader(rawHeaders, 'origin');
  if (origin === undefined || !allowed(plan, origin)) return { plan, origin, responseHeaders: undefined };
  const headers = originHeaders(plan, origin);
  if (plan.expose !== undefined) headers.push('access-control-expose-headers', plan.expose);
  return { plan, origin, responseHeaders: headers };
}

/**
 * Headers of the gateway's answer to a preflight: origin (and credentials), the allowed methods and
 * headers, max-age. With `*` and credentials the request's own method/headers are echoed, since
 * browsers read `*` literally on credentialed requests. Undefined when the origin is not allowed.
 */
export function preflightHeaders(cors: CorsRequest, rawHeaders: readonly string[]): string[] | undefined {
  const { plan, origin } = cors;
  if (origin === undefined || cors.responseHeaders === undefined) return undefined;
  const headers = originHeaders(plan, origin);
  const requestMethod = findHeader(rawHeaders, 'access-control-request-method');
  const methods = plan.anyMethod ? (plan.credentials ? requestMethod : '*') : plan.methods;
  if (methods !== undefined && methods !== '') headers.push('access-control-allow-methods', methods);
  const requestHeaders = findHeader(rawHeaders, 'access-control-request-headers');
  const allowHeaders = plan.anyHeader ? (plan.credentials ? requestHeaders : '*') : plan.headers;
  if (allowHeaders !== undefined && allowHeaders !== '') headers.push('access-control-allow-headers', allowHeaders);
  if (plan.expose !== undefined) headers.push('access-control-expose-headers', plan.expose);
  if (plan.maxAge !== undefined) headers.push('access-control-max-age', plan.maxAge);
  return headers;
}
