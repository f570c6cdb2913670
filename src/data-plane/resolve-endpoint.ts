import { domainMappings, selectMapping, type DomainTable } from './custom-domains.js';
import type { Endpoint } from './invocation.js';
import { removeDotSegments } from './normalize-path.js';

const EXECUTE_API = '.execute-api.';
const PATH_STYLE = '/_aws/execute-api/';

interface Target {
  readonly authority: string | undefined;
  /** With its dot segments resolved (normalize-path.ts); as sent when it climbs above the root. */
  readonly path: string;
  readonly query: string;
  readonly climbsAboveRoot?: true;
}

/** Origin-form `/p?q` or absolute-form `http://host/p?q` (RFC 9112 §3.2); anything else has no path. */
function splitTarget(url: string): Target {
  const target = splitRaw(url);
  if (target.path === '') return target;
  const path = removeDotSegments(target.path);
  if (path === undefined) return { ...target, climbsAboveRoot: true };
  return path === target.path ? target : { ...target, path };
}

function splitRaw(url: string): Target {
  let start = 0;
  let authority: string | undefined;
  if (url.charCodeAt(0) !== 47 /* / */) {
    const scheme = url.indexOf('://');
    if (scheme <= 0) return { authority: undefined, path: '', query: '' };
    const slash = url.indexOf('/', scheme + 3);
    const q = url.indexOf('?', scheme + 3);
    const end = slash < 0 ? (q < 0 ? url.length : q) : q >= 0 && q < slash ? q : slash;
    authority = url.slice(scheme + 3, end);
    if (end === url.length || url.charCodeAt(end) === 63 /* ? */) {
      return { authority, path: '/', query: end === url.length ? '' : url.slice(end) };
    }
    start = end;
  }
  const q = url.indexOf('?', start);
  if (q < 0) return { authority, path: start === 0 ? url : url.slice(start), query: '' };
  return { authority, path: url.slice(start, q), query: url.slice(q) };
}

/** `{apiId}.execute-api.{anything}` (e.g. `.{region}.amazonaws.com`, `.localhost:4566`) → apiId. */
function apiIdOfHost(host: string): string | undefined {
  let at = host.indexOf(EXECUTE_API);
  let name = host;
  if (at < 0) {
    name = host.toLowerCase();
    at = name.indexOf(EXECUTE_API);
    if (at <= 0) return undefined;
  }
  if (at <= 0 || name.lastIndexOf('.', at - 1) >= 0) return undefined;
  return name.slice(0, at).toLowerCase();
}

/**
 * The edge port serves every API: by Host `{apiId}.execute-api.…` (the AWS endpoint form,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.html) or path-style `/_aws/execute-api/{apiId}/…` for clients that cannot set a
 * Host (LocalStack's convention). Undefined when the request is not for an API.
 */
export function resolveEdgeEndpoint(host: string | undefined, url: string, domains?: DomainTable): Endpoint | undefined {
  const target = splitTarget(url);
  const endpoint = edgeEndpoint(target, host, domains);
  return target.climbsAboveRoot === true && endpoint !== undefined ? { ...endpoint, climbsAboveRoot: true } : endpoint;
}

function edgeEndpoint(target: Target, host: string | undefined, domains: DomainTable | undefined): Endpoint | undefined {
  const effectiveHost = target.authority ?? host ?? '';
  const apiId = effectiveHost === '' ? undefined : apiIdOfHost(effectiveHost);
  if (apiId !== undefined) return { apiId, path: target.path, query: target.query, host: effectiveHost, viaEdge: true };
  const mappings = domains === undefined || effectiveHost === '' ? undefined : domainMappings(domains, effectiveHost);
  if (mappings !== undefined) return customDomainEndpoint(mappings, target, effectiveHost);
  if (!target.path.startsWith(PATH_STYLE)) return undefined;
  const idEnd = target.path.indexOf('/', PATH_STYLE.length);
  const id = target.path.slice(PATH_STYLE.length, idEnd < 0 ? undefined : idEnd);
  if (id === '') return undefined;
  const rest = idEnd < 0 ? '/' : target.path.slice(idEnd);
  return { apiId: id, path: rest, query: target.query, host: effectiveHost, viaEdge: true };
}

/**
 * A request to a custom domain name: the API mapping with the longest key prefixing the path
 * (custom-domains.ts). No mapping matches → an endpoint naming no API, answered 404 Not Found
 * (docs/compatibility.md "Decided where AWS is silent"; AWS documents no other answer).
 */
function customDomainEndpoint(mappings: Parameters<typeof selectMapping>[0], target: Target, host: string): Endpoint {
  const selected = target.path.charCodeAt(0) === 47 ? selectMapping(mappings, target.path) : undefined;
  if (selected === undefined) return { apiId: '', path: target.path, query: target.query, host, viaEdge: true };
  const { mapping, rest } = selected;
  return {
    apiId: mapping.apiId,
    path: rest,
    query: target.query,
    host,
    viaEdge: true,
    customDomain: { stage: mapping.stage, basePathMatched: mapping.key },
  };
}

/** A dedicated API port (`--api-port`) serves one API at its root; no Host needed. */
export function resolveApiEndpoint(apiId: string, host: string | undefined, url: string): Endpoint {
  const target = splitTarget(url);
  const endpoint: Endpoint = { apiId, path: target.path, query: target.query, host: target.authority ?? host ?? '', viaEdge: false };
  return target.climbsAboveRoot === true ? { ...endpoint, climbsAboveRoot: true } : endpoint;
}
