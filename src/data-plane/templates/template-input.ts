import { compileJsonPath, selectJsonPath, type CompiledJsonPath } from './json-path.js';
import { NOT_JSON } from './json-read.js';
import { toJsonText } from './json-write.js';
import { RenderFailure, type ContextValue, type RenderState } from './render-state.js';
import { JavaDouble, VtlList, VtlMap, type VtlValue } from './vtl-values.js';

/**
 * `$input` (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-mapping-template-reference.html):
 * `body`, `json(x)`, `path(x)`, `params()`, `params(x)`; and `$context`, read through the data
 * plane's lookup. Where AWS documents no result, Portico follows what AWS was observed to do
 * (localstack/localstack tests/unit/services/apigateway/test_template_mapping.py, checked against
 * the AWS console): an empty payload reads as `{}` through `$input.body`; a path that finds nothing,
 * or a payload that is not JSON, gives `""` from `$input.json` and nothing from `$input.path`.
 */

/** `$input.body`: the raw payload as a string. */
export function inputBody(s: RenderState): string {
  const text = s.bodyText;
  return text === '' ? '{}' : text;
}

/** `$input.json(x)`: "evaluates a JSONPath expression and returns the results as a JSON string". */
export function inputJson(s: RenderState, path: CompiledJsonPath): string {
  const value = inputPath(s, path);
  return toJsonText(value === null ? '' : value);
}

/** `$input.path(x)`: "returns a JSON object representation of the result", usable natively in the template. */
export function inputPath(s: RenderState, path: CompiledJsonPath): VtlValue {
  const document = s.bodyJson;
  if (document === NOT_JSON) return null;
  return selectJsonPath(document, path);
}

/** `$input.params(x)`: "the value of a method request parameter from the path, query string, or header value (searched in that order)"; '' when none. */
export function inputParam(s: RenderState, name: string): string {
  const p = s.inputs.params;
  if (p === undefined) return '';
  for (const source of [p.path, p.querystring]) if (source !== undefined && Object.hasOwn(source, name)) return source[name] ?? '';
  const headers = p.header ?? {};
  if (Object.hasOwn(headers, name)) return headers[name] ?? '';
  // Header names are case-insensitive (RFC 9110 §5.1).
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value;
  return '';
}

const PATHS = new Map<string, CompiledJsonPath>();
const PATH_CACHE = 256;

/** A JSONPath built while rendering (`"$.records[${idx}]"`): compiled once per distinct text; a bad one fails the rendering. */
export function dynamicPath(text: string): CompiledJsonPath {
  const hit = PATHS.get(text);
  if (hit !== undefined) return hit;
  const compiled = compileJsonPath(text);
  if (typeof compiled === 'string') throw new RenderFailure(compiled);
  if (PATHS.size >= PATH_CACHE) PATHS.delete(PATHS.keys().next().value as string);
  PATHS.set(text, compiled);
  return compiled;
}

/** A `$context` value as a template value: numbers keep their kind, objects become maps. */
export function fromContextValue(v: ContextValue | undefined): VtlValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : new JavaDouble(v);
  if (Array.isArray(v)) return new VtlList((v as readonly ContextValue[]).map(fromContextValue), false);
  return new VtlMap(new Map(Object.entries(v).map(([k, item]) => [k, fromContextValue(item)])));
}

/**
 * `$context.a.b.c`: the whole dotted name first (the data plane answers most names directly), then
 * the longest prefix it knows, walked into (`$context.authorizer.claims.sub` through `authorizer`).
 */
export function contextValue(s: RenderState, names: readonly string[], dotted: readonly string[]): VtlValue {
  const lookup = s.inputs.context;
  for (let k = names.length; k >= 1; k--) {
    const found = lookup(dotted[k - 1] as string);
    if (found === undefined) continue;
    let value = fromContextValue(found);
    for (let i = k; i < names.length && value !== null; i++)
      value = value instanceof VtlMap ? (value.entries.get(names[i] as string) ?? null) : null;
    return value;
  }
  return null;
}
