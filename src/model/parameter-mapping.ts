import { type MappingDirection, parseMappingValue } from './mapping-value.js';

/**
 * Parameter-mapping keys of HTTP API integrations (AWS "Transforming API requests and
 * responses for HTTP APIs"; docs/reference/dataplane.md §4): requests map `append|overwrite|remove:header.<name>`,
 * `append|overwrite|remove:querystring.<name>` and `overwrite:path`; responses, keyed by the
 * backend's status code, map headers and `overwrite:statuscode`.
 */
export const MAPPING_ACTIONS = ['append', 'overwrite', 'remove'] as const;
export type MappingAction = (typeof MAPPING_ACTIONS)[number];

export type MappingTarget =
  | { readonly action: MappingAction; readonly kind: 'header'; readonly name: string }
  | { readonly action: MappingAction; readonly kind: 'querystring'; readonly name: string }
  | { readonly action: 'overwrite'; readonly kind: 'path' }
  | { readonly action: 'overwrite'; readonly kind: 'statuscode' };

export type MappingKeyResult = { ok: true; value: MappingTarget } | { ok: false; problem: string };

/** Headers a mapping may not touch (docs/reference/dataplane.md §3.3); entries ending in `*` are prefixes. */
export const RESERVED_HEADERS = [
  'access-control-*',
  'apigw-*',
  'authorization',
  'connection',
  'content-encoding',
  'content-length',
  'content-location',
  'forwarded',
  'keep-alive',
  'origin',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailers',
  'transfer-encoding',
  'upgrade',
  'x-amz-*',
  'x-amzn-*',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'via',
] as const;

export function isReservedHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return RESERVED_HEADERS.some((reserved) => (reserved.endsWith('*') ? lower.startsWith(reserved.slice(0, -1)) : lower === reserved));
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/; // RFC 9110 §5.6.2 token, for header names

export function parseMappingKey(key: string, direction: 'request' | 'response'): MappingKeyResult {
  const colon = key.indexOf(':');
  const action = key.slice(0, colon);
  const rest = key.slice(colon + 1);
  const allowed =
    direction === 'request'
      ? 'append|overwrite|remove:header.<name>, append|overwrite|remove:querystring.<name> or overwrite:path'
      : 'append|overwrite|remove:header.<name> or overwrite:statuscode';
  const fail = (why: string): MappingKeyResult => ({
    ok: false,
    problem: `Invalid mapping key "${key}": ${why}. Allowed: ${allowed}.`,
  });
  if (colon < 0 || !(MAPPING_ACTIONS as readonly string[]).includes(action)) return fail('unknown action');
  const act = action as MappingAction;
  if (rest === 'path' && direction === 'request')
    return act === 'overwrite' ? { ok: true, value: { action: act, kind: 'path' } } : fail('only overwrite:path is allowed');
  if (rest === 'statuscode' && direction === 'response')
    return act === 'overwrite' ? { ok: true, value: { action: act, kind: 'statuscode' } } : fail('only overwrite:statuscode is allowed');
  if (rest === 'statuscode') return fail('the status code can be mapped only in responseParameters');
  if (rest === 'path') return fail('the path can be mapped only in requestParameters');
  const dot = rest.indexOf('.');
  const kind = rest.slice(0, dot);
  const name = rest.slice(dot + 1);
  if (dot < 0 || name === '') return fail('a header or query string name is missing');
  if (kind === 'header') {
    if (!TOKEN.test(name)) return fail(`"${name}" is not a valid header name`);
    if (isReservedHeader(name)) return fail(`the header "${name}" is reserved and cannot be mapped`);
    return { ok: true, value: { action: act, kind: 'header', name } };
  }
  if (kind === 'querystring' && direction === 'request') return { ok: true, value: { action: act, kind, name } };
  return fail(`"${kind}" cannot be mapped here`);
}

/** Why a mapping value cannot be used, or undefined when it parses (see mapping-value.ts). */
export function mappingValueProblem(value: string, direction: MappingDirection): string | undefined {
  const parsed = parseMappingValue(value, direction);
  return parsed.ok ? undefined : parsed.problem;
}
