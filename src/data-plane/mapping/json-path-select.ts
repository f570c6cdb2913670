import type { JsonPath } from '../../model/index.js';

/**
 * `$request.body.<JSONPath>` / `$response.body.<JSONPath>` (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html): only
 * the first 100 KB of a body are evaluated, so a longer body whose JSON is cut there yields nothing
 * and the mapping is skipped; the whole-body variable is never truncated.
 */
export const BODY_EVALUATION_LIMIT = 102_400;

/** Parse the body once per request for every JSONPath mapping that reads it; undefined when it is not JSON. */
export function parseBodyJson(body: Buffer): unknown {
  const text = (body.length > BODY_EVALUATION_LIMIT ? body.subarray(0, BODY_EVALUATION_LIMIT) : body).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function step(values: unknown[], path: JsonPath, at: number, out: unknown[]): void {
  if (at === path.length) {
    out.push(...values);
    return;
  }
  const s = path[at];
  if (s === undefined) return;
  const next: unknown[] = [];
  for (const value of values) {
    if (value === null || typeof value !== 'object') continue;
    if (s.kind === 'wildcard') next.push(...(Array.isArray(value) ? value : Object.values(value)));
    else if (s.kind === 'index') {
      if (Array.isArray(value) && s.index < value.length) next.push(value[s.index]);
    } else if (!Array.isArray(value) && Object.hasOwn(value, s.name)) next.push((value as Record<string, unknown>)[s.name]);
  }
  if (next.length > 0) step(next, path, at + 1, out);
}

/** The text a JSONPath selects: a string as is, anything else as JSON; several matches as a JSON array. */
export function selectJson(document: unknown, path: JsonPath): string | undefined {
  if (document === undefined) return undefined;
  const found: unknown[] = [];
  step([document], path, 0, found);
  const wildcard = path.some((s) => s.kind === 'wildcard');
  if (found.length === 0) return undefined;
  if (!wildcard) {
    const only = found[0];
    if (only === undefined) return undefined;
    return typeof only === 'string' ? only : JSON.stringify(only);
  }
  return JSON.stringify(found);
}
