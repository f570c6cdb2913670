/**
 * Parameter-mapping values of HTTP API integrations (AWS "Transforming API requests and responses
 * for HTTP APIs"; docs/reference/dataplane.md §4): static text, `$source.name` or `${source.name}` variables, or
 * text mixing both (`/public/${request.path.proxy}`). Parsed once: the control plane validates with
 * it, the data plane compiles deployments from it.
 */
export type MappingSource =
  | { readonly kind: 'request.header'; readonly name: string }
  | { readonly kind: 'request.querystring'; readonly name: string }
  /** `path` undefined: the whole body, never truncated; otherwise a JSONPath into it (100 KB rule). */
  | { readonly kind: 'request.body'; readonly path: JsonPath | undefined }
  | { readonly kind: 'request.path' }
  | { readonly kind: 'request.path.parameter'; readonly name: string }
  | { readonly kind: 'response.header'; readonly name: string }
  | { readonly kind: 'response.body'; readonly path: JsonPath | undefined }
  | { readonly kind: 'context'; readonly name: string }
  | { readonly kind: 'stageVariables'; readonly name: string };

export type MappingValuePart =
  { readonly kind: 'text'; readonly text: string } | { readonly kind: 'variable'; readonly source: MappingSource };

/** A JSONPath without recursive descent and filters: names, indexes and `*` (AWS supports no more). */
export type JsonPathStep =
  { readonly kind: 'name'; readonly name: string } | { readonly kind: 'index'; readonly index: number } | { readonly kind: 'wildcard' };
export type JsonPath = readonly JsonPathStep[];

export type MappingDirection = 'request' | 'response';

export type MappingValueResult = { ok: true; parts: readonly MappingValuePart[] } | { ok: false; problem: string };

const NAME_CHAR = /[A-Za-z0-9_.-]/;

/** End of an unbraced `$name`: letters, digits, `_.-`, and `[…]` groups (JSONPath indexes). */
function unbracedEnd(value: string, start: number): number {
  let i = start;
  while (i < value.length) {
    const c = value[i] as string;
    if (NAME_CHAR.test(c)) i++;
    else if (c === '[') {
      const close = value.indexOf(']', i);
      if (close < 0) return value.length;
      i = close + 1;
    } else break;
  }
  // A trailing "." is punctuation after the variable, not part of it.
  while (i > start && value[i - 1] === '.') i--;
  return i;
}

export function parseJsonPath(text: string): JsonPath | string {
  const steps: JsonPathStep[] = [];
  let i = 0;
  if (text.includes('..')) return 'recursive descent (..) is not supported';
  while (i < text.length) {
    const c = text[i];
    if (c === '.') {
      i++;
      continue;
    }
    if (c === '[') {
      const close = text.indexOf(']', i);
      if (close < 0) return 'a "[" is not closed';
      const inner = text.slice(i + 1, close).trim();
      i = close + 1;
      if (inner === '*') steps.push({ kind: 'wildcard' });
      else if (/^\d+$/.test(inner)) steps.push({ kind: 'index', index: Number(inner) });
      else if (/^'[^']*'$|^"[^"]*"$/.test(inner)) steps.push({ kind: 'name', name: inner.slice(1, -1) });
      else return `"[${inner}]" is not supported (filter expressions are not allowed; use [n], ['name'] or [*])`;
      continue;
    }
    let end = i;
    while (end < text.length && text[end] !== '.' && text[end] !== '[') end++;
    const name = text.slice(i, end);
    steps.push(name === '*' ? { kind: 'wildcard' } : { kind: 'name', name });
    i = end;
  }
  if (steps.length === 0) return 'the JSONPath is empty';
  return steps;
}

function bodySource(kind: 'request.body' | 'response.body', rest: string | undefined): MappingSource | string {
  if (rest === undefined) return { kind, path: undefined };
  if (rest.startsWith('.')) return 'recursive descent (..) is not supported';
  const path = parseJsonPath(rest.startsWith('$') ? rest.slice(1) : rest);
  return typeof path === 'string' ? path : { kind, path };
}

/** One variable name (without `$` / braces) → its source, or why it is not one. */
export function parseMappingSource(name: string, direction: MappingDirection): MappingSource | string {
  const dot = name.indexOf('.');
  const root = dot < 0 ? name : name.slice(0, dot);
  const rest = dot < 0 ? undefined : name.slice(dot + 1);
  if (root === 'context') {
    if (rest === undefined || !/^[A-Za-z0-9_.]+$/.test(rest))
      return 'a $context variable name may contain only letters, digits, "." and "_"';
    return { kind: 'context', name: rest };
  }
  if (root === 'stageVariables') {
    if (rest === undefined || !/^[A-Za-z0-9_]+$/.test(rest)) return 'a stage variable name may contain only letters, digits and "_"';
    return { kind: 'stageVariables', name: rest };
  }
  if (root !== direction || rest === undefined) return `is not a source a ${direction} mapping can read`;
  const sub = rest.indexOf('.');
  const part = sub < 0 ? rest : rest.slice(0, sub);
  const tail = sub < 0 ? undefined : rest.slice(sub + 1);
  if (part === 'header' && tail) return { kind: direction === 'request' ? 'request.header' : 'response.header', name: tail };
  if (part === 'body') return bodySource(direction === 'request' ? 'request.body' : 'response.body', tail);
  if (direction === 'request' && part === 'querystring' && tail) return { kind: 'request.querystring', name: tail };
  if (direction === 'request' && part === 'path')
    return tail === undefined ? { kind: 'request.path' } : { kind: 'request.path.parameter', name: tail };
  return `is not a source a ${direction} mapping can read`;
}

function sourcesHint(direction: MappingDirection): string {
  return direction === 'request'
    ? '$request.header.<name>, $request.querystring.<name>, $request.body[.<JSONPath>], $request.path, $request.path.<name>'
    : '$response.header.<name>, $response.body[.<JSONPath>]';
}

/** Parse a mapping value into text and variables, or say what is wrong and what is allowed. */
export function parseMappingValue(value: string, direction: MappingDirection): MappingValueResult {
  const parts: MappingValuePart[] = [];
  let text = '';
  let i = 0;
  const flush = () => {
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
  };
  while (i < value.length) {
    const c = value[i] as string;
    const next = value[i + 1];
    if (c !== '$' || next === undefined || !(next === '{' || /[A-Za-z]/.test(next))) {
      text += c;
      i++;
      continue;
    }
    let name: string;
    if (next === '{') {
      const close = value.indexOf('}', i + 2);
      if (close < 0) return { ok: false, problem: `Invalid mapping expression "${value}": "\${" is not closed by "}".` };
      name = value.slice(i + 2, close);
      i = close + 1;
    } else {
      const end = unbracedEnd(value, i + 1);
      name = value.slice(i + 1, end);
      i = end;
    }
    const source = parseMappingSource(name, direction);
    if (typeof source === 'string')
      return {
        ok: false,
        problem:
          `Invalid mapping expression "${value}": "$${name}" ${source}. Use ${sourcesHint(direction)}, ` +
          '$context.<name>, $stageVariables.<name> or static text (several variables need the ${…} form).',
      };
    flush();
    parts.push({ kind: 'variable', source });
  }
  flush();
  return { ok: true, parts };
}
