import { parseMappingKey, parseMappingValue, type ResponseParameters } from '../../model/index.js';
import { compileTemplate, renderTemplate, type MappingSources, type MappingTemplate } from './mapping-template.js';
import { applyHeaders, byAction, type NamedOperation } from './request-mapping.js';

/** The mappings for one backend status code (docs/reference/dataplane.md §4: response parameters are keyed by status). */
export interface ResponseMappingForStatus {
  readonly headers: readonly NamedOperation[];
  readonly statusCode: MappingTemplate | undefined;
  readonly readsBody: boolean;
}

/** An integration's `responseParameters`, compiled once per deployment. */
export interface ResponseMappingPlan {
  readonly byStatus: ReadonlyMap<number, ResponseMappingForStatus>;
  /** Some status's mapping reads `$response.body…`: the backend's response must be buffered. */
  readonly readsBody: boolean;
}

export function compileResponseMapping(parameters: ResponseParameters | undefined): ResponseMappingPlan | undefined {
  if (parameters === undefined) return undefined;
  const byStatus = new Map<number, ResponseMappingForStatus>();
  for (const [status, mappings] of Object.entries(parameters)) {
    const code = Number(status);
    if (!Number.isInteger(code) || code < 200 || code > 599) continue;
    const headers: NamedOperation[] = [];
    let statusCode: MappingTemplate | undefined;
    for (const [key, value] of Object.entries(mappings)) {
      const target = parseMappingKey(key, 'response');
      if (!target.ok) continue;
      let template: MappingTemplate | undefined;
      if (target.value.action !== 'remove') {
        const parsed = parseMappingValue(value, 'response');
        if (!parsed.ok) continue;
        template = compileTemplate(parsed.parts);
      }
      const t = target.value;
      if (t.kind === 'header') headers.push({ action: t.action, name: t.name.toLowerCase(), template });
      else if (t.kind === 'statuscode') statusCode = template;
    }
    if (headers.length === 0 && statusCode === undefined) continue;
    const readsBody = headers.some((op) => op.template?.readsBody === true) || statusCode?.readsBody === true;
    byStatus.set(code, { headers: headers.sort(byAction), statusCode, readsBody });
  }
  if (byStatus.size === 0) return undefined;
  return { byStatus, readsBody: [...byStatus.values()].some((m) => m.readsBody) };
}

/**
 * Apply the mapping for the backend's status to its headers (in place) and return the status to send:
 * `overwrite:statuscode` takes a value that must come out as a status code 200–599, else the
 * backend's status stays (AWS's behaviour for other values is not documented).
 */
export function applyResponseMapping(
  mapping: ResponseMappingForStatus,
  status: number,
  headers: string[],
  sources: MappingSources,
): number {
  const values = mapping.headers.map((op) => (op.template === undefined ? undefined : renderTemplate(op.template, sources)));
  let mapped = status;
  if (mapping.statusCode !== undefined) {
    const text = renderTemplate(mapping.statusCode, sources)?.trim();
    const code = text !== undefined && /^\d{3}$/.test(text) ? Number(text) : NaN;
    if (code >= 200 && code <= 599) mapped = code;
  }
  if (mapping.headers.length > 0) applyHeaders(headers, mapping.headers, values);
  return mapped;
}
