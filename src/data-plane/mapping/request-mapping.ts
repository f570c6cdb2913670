import type { Upstream } from '../../integrations/index.js';
import { type MappingAction, parseMappingKey, parseMappingValue } from '../../model/index.js';
import { compileTemplate, renderTemplate, type MappingSources, type MappingTemplate } from './mapping-template.js';

export interface NamedOperation {
  readonly action: MappingAction;
  /** Header names lower-cased (compared case-insensitively); query names as written (case-sensitive). */
  readonly name: string;
  readonly template: MappingTemplate | undefined;
}

/** An integration's `requestParameters`, compiled once per deployment (docs/reference/dataplane.md §4). */
export interface RequestMappingPlan {
  readonly headers: readonly NamedOperation[];
  readonly query: readonly NamedOperation[];
  readonly path: MappingTemplate | undefined;
  /** Some value reads `$request.body…`: the client's body must be read before mapping. */
  readonly readsBody: boolean;
}

// remove, then overwrite, then append: `remove:` + `append:` on one name replaces it (our order; AWS documents none).
const ORDER: Readonly<Record<MappingAction, number>> = { remove: 0, overwrite: 1, append: 2 };
export const byAction = (a: NamedOperation, b: NamedOperation): number => ORDER[a.action] - ORDER[b.action];

/** Compile `requestParameters`; entries the control plane would refuse are left out. Undefined when nothing maps. */
export function compileRequestMapping(parameters: Readonly<Record<string, string>> | undefined): RequestMappingPlan | undefined {
  if (parameters === undefined) return undefined;
  const headers: NamedOperation[] = [];
  const query: NamedOperation[] = [];
  let path: MappingTemplate | undefined;
  for (const [key, value] of Object.entries(parameters)) {
    const target = parseMappingKey(key, 'request');
    if (!target.ok) continue;
    let template: MappingTemplate | undefined;
    if (target.value.action !== 'remove') {
      const parsed = parseMappingValue(value, 'request');
      if (!parsed.ok) continue;
      template = compileTemplate(parsed.parts);
    }
    const t = target.value;
    if (t.kind === 'header') headers.push({ action: t.action, name: t.name.toLowerCase(), template });
    else if (t.kind === 'querystring') query.push({ action: t.action, name: t.name, template });
    else if (t.kind === 'path') path = template;
  }
  if (headers.length === 0 && query.length === 0 && path === undefined) return undefined;
  const readsBody = [...headers, ...query].some((op) => op.template?.readsBody === true) || path?.readsBody === true;
  return { headers: headers.sort(byAction), query: query.sort(byAction), path, readsBody };
}

// A field value is HTAB, SP, visible ASCII and obs-text (RFC 9110 §5.5): never CR, LF, NUL or another
// control character. A mapped value that is not one is skipped (the upstream client relies on it).
const UNSAFE_FIELD_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

export function applyHeaders(list: string[], operations: readonly NamedOperation[], values: (string | undefined)[]): void {
  operations.forEach((op, n) => {
    const value = values[n];
    if (op.action !== 'remove' && (value === undefined || UNSAFE_FIELD_VALUE.test(value))) return;
    if (op.action !== 'append') {
      for (let i = list.length - 2; i >= 0; i -= 2) if ((list[i] as string).toLowerCase() === op.name) list.splice(i, 2);
    }
    if (value !== undefined && op.action !== 'remove') {
      // Host stays first in the list (undici sends headers in list order).
      if (op.name === 'host') list.unshift('host', value);
      else list.push(op.name, value);
    }
  });
}

function decodedName(pair: string): string {
  const eq = pair.indexOf('=');
  const raw = eq < 0 ? pair : pair.slice(0, eq);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function applyQuery(query: string, operations: readonly NamedOperation[], values: (string | undefined)[]): string {
  let pairs = query === '' ? [] : query.split('&').filter((pair) => pair !== '');
  operations.forEach((op, n) => {
    const value = values[n];
    if (op.action !== 'remove' && value === undefined) return;
    if (op.action !== 'append') pairs = pairs.filter((pair) => decodedName(pair) !== op.name);
    if (value !== undefined && op.action !== 'remove') pairs.push(`${encodeURIComponent(op.name)}=${encodeURIComponent(value)}`);
  });
  return pairs.join('&');
}

/** The parts of an integration request a mapping rewrites. */
export interface MappableRequest {
  readonly upstream: Upstream;
  /** Path and query string, as sent on the request line. */
  readonly path: string;
  /** Flat [name, value…] list, rewritten in place. */
  readonly headers: string[];
}

/**
 * Apply a request mapping to the built integration request: values are all read from the client's
 * request first (`$request.*` is what the client sent, not what an earlier mapping produced), then
 * headers, query string and path are rewritten. `overwrite:path` replaces the whole path sent
 * (docs/reference/dataplane.md §3.2), under the local target's own path prefix.
 */
export function applyRequestMapping<R extends MappableRequest>(plan: RequestMappingPlan, request: R, sources: MappingSources): R {
  const headerValues = plan.headers.map((op) => (op.template === undefined ? undefined : renderTemplate(op.template, sources)));
  const queryValues = plan.query.map((op) => (op.template === undefined ? undefined : renderTemplate(op.template, sources)));
  const mappedPath = plan.path === undefined ? undefined : renderTemplate(plan.path, sources, true);

  const headers = request.headers;
  if (plan.headers.length > 0) applyHeaders(headers, plan.headers, headerValues);
  const q = request.path.indexOf('?');
  let path = q < 0 ? request.path : request.path.slice(0, q);
  let query = q < 0 ? '' : request.path.slice(q + 1);
  if (plan.query.length > 0) query = applyQuery(query, plan.query, queryValues);
  if (mappedPath !== undefined) path = request.upstream.basePath + (mappedPath.startsWith('/') ? mappedPath : `/${mappedPath}`);
  return { ...request, headers, path: query === '' ? path : `${path}?${query}` };
}
