import type { MappingSource, MappingValuePart } from '../../model/index.js';

/** Where the variables of a mapping value are read: the request (request mappings) or the response. */
export interface MappingSources {
  read(source: MappingSource): string | undefined;
}

/** A compiled mapping value: its parts, and whether evaluating it needs the request or response body. */
export interface MappingTemplate {
  readonly parts: readonly MappingValuePart[];
  readonly readsBody: boolean;
}

export function compileTemplate(parts: readonly MappingValuePart[]): MappingTemplate {
  const readsBody = parts.some(
    (part) => part.kind === 'variable' && (part.source.kind === 'request.body' || part.source.kind === 'response.body'),
  );
  return { parts, readsBody };
}

// RFC 3986 pchar plus "/": what a mapped path keeps as is; anything else is percent-encoded.
const PATH_SAFE = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$/;

function encodeForPath(value: string): string {
  return PATH_SAFE.test(value) ? value : encodeURI(value).replace(/[?#]/g, (c) => (c === '?' ? '%3F' : '%23'));
}

/**
 * Evaluate a mapping value. A variable with no value contributes nothing; a value that comes out
 * empty means "no value" and the mapping is skipped (docs/reference/dataplane.md §4 leaves missing sources open:
 * Portico skips, as the reference suggests). For `overwrite:path`, variable values other than
 * `$request.path` (already a path as sent) are percent-encoded where a path needs it.
 */
export function renderTemplate(template: MappingTemplate, sources: MappingSources, forPath = false): string | undefined {
  let out = '';
  for (const part of template.parts) {
    if (part.kind === 'text') {
      out += part.text;
      continue;
    }
    const value = sources.read(part.source);
    if (value === undefined) continue;
    out += forPath && part.source.kind !== 'request.path' ? encodeForPath(value) : value;
  }
  return out === '' ? undefined : out;
}
