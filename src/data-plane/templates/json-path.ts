import { parseJsonPath, type JsonPath } from '../../model/index.js';
import { VtlList, VtlMap, type VtlValue } from './vtl-values.js';

/** A JSONPath of `$input.json(x)` / `$input.path(x)`, compiled once. */
export interface CompiledJsonPath {
  readonly steps: JsonPath;
  /** No `*`: the result is the one value found (or nothing), not a list of matches. */
  readonly definite: boolean;
}

/**
 * Compile a JSONPath as API Gateway's mapping templates take it (Jayway JsonPath, linked from
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html):
 * `$`, `.name`, `['name']`, `[n]`, `[*]`, `.*`; a path without the leading `$` is read from the root
 * as Jayway does (`'id'` is `$.id`). Recursive descent, filters, slices and functions are refused
 * with what is allowed. Returns the reason as a string when the path is not one of these.
 */
export function compileJsonPath(text: string): CompiledJsonPath | string {
  const trimmed = text.trim();
  let rest = trimmed.startsWith('$') ? trimmed.slice(1) : trimmed === '' ? '' : `.${trimmed}`;
  if (rest === '') return { steps: [], definite: true };
  if (rest.includes('..')) return `JSONPath "${text}": recursive descent (..) is not supported; use $, .name, ['name'], [n] or [*]`;
  if (/\(\)$/.test(rest)) return `JSONPath "${text}": functions such as length() are not supported; use .size() on the result`;
  if (rest.startsWith('.')) rest = rest.slice(1);
  const steps = parseJsonPath(rest);
  if (typeof steps === 'string') return `JSONPath "${text}": ${steps}`;
  return { steps, definite: !steps.some((s) => s.kind === 'wildcard') };
}

function children(value: VtlValue): VtlValue[] {
  if (value instanceof VtlList) return value.items;
  if (value instanceof VtlMap) return [...value.entries.values()];
  return [];
}

/**
 * What a compiled path selects: for a definite path the value found, or null when there is none;
 * for a path with `*` a JSON array of every match (possibly empty), as Jayway answers.
 */
export function selectJsonPath(document: VtlValue, path: CompiledJsonPath): VtlValue {
  let current: VtlValue[] = [document];
  for (const step of path.steps) {
    const next: VtlValue[] = [];
    for (const value of current) {
      if (step.kind === 'wildcard') next.push(...children(value));
      else if (step.kind === 'index') {
        if (value instanceof VtlList && step.index < value.items.length) next.push(value.items[step.index] ?? null);
      } else if (value instanceof VtlMap && value.entries.has(step.name)) next.push(value.entries.get(step.name) ?? null);
    }
    current = next;
    if (current.length === 0) break;
  }
  if (path.definite) return current[0] ?? null;
  return new VtlList(current, true);
}
