import { parseMappingSource, type JsonPath } from '../../model/index.js';
import { selectJson } from '../mapping/json-path-select.js';

/**
 * A route selection expression (https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-routes.html,
 * "Route selection expressions"; https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html):
 * `$request.body.action`, `${request.body.service}/${request.body.action}`, static text, `\$default`.
 * Variables are JSONPaths into the JSON message; one that finds nothing is "".
 */
export type SelectionPart =
  { readonly kind: 'text'; readonly text: string } | { readonly kind: 'body'; readonly path: JsonPath | undefined };

export interface SelectionExpression {
  readonly source: string;
  readonly parts: readonly SelectionPart[];
  /** True when a part reads the message: a message that is not JSON then selects `$default`. */
  readonly readsBody: boolean;
}

/** Parse once per deployment; a variable that is not `$request.body…` is a problem (the control plane validates). */
export function parseSelectionExpression(source: string): SelectionExpression | string {
  const parts: SelectionPart[] = [];
  let text = '';
  let i = 0;
  const flush = (): void => {
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
  };
  while (i < source.length) {
    const c = source[i] as string;
    // `\$` escapes a dollar: `\$default` is the literal key `$default`.
    if (c === '\\' && source[i + 1] === '$') {
      text += '$';
      i += 2;
      continue;
    }
    const next = source[i + 1];
    if (c !== '$' || next === undefined || !(next === '{' || /[A-Za-z]/.test(next))) {
      text += c;
      i++;
      continue;
    }
    let name: string;
    if (next === '{') {
      const close = source.indexOf('}', i + 2);
      if (close < 0) return `"\${" is not closed in "${source}"`;
      name = source.slice(i + 2, close);
      i = close + 1;
    } else {
      let end = i + 1;
      while (end < source.length && /[A-Za-z0-9_.\-[\]'"*]/.test(source[end] as string)) end++;
      name = source.slice(i + 1, end);
      i = end;
    }
    const parsed = parseMappingSource(name, 'request');
    if (typeof parsed === 'string' || parsed.kind !== 'request.body')
      return `"$${name}" in "${source}" is not a message variable: use $request.body.<JSONPath>`;
    flush();
    parts.push({ kind: 'body', path: parsed.path });
  }
  flush();
  return { source, parts, readsBody: parts.some((part) => part.kind === 'body') };
}

/**
 * The key a message selects. `json` is the parsed message, undefined when it is not JSON: then an
 * expression that reads the body selects nothing (undefined: the `$default` route), as AWS routes
 * non-JSON messages to `$default`.
 */
export function evaluateSelection(expression: SelectionExpression, json: unknown): string | undefined {
  if (expression.readsBody && json === undefined) return undefined;
  let key = '';
  for (const part of expression.parts) {
    if (part.kind === 'text') key += part.text;
    else if (part.path === undefined) key += typeof json === 'string' ? json : JSON.stringify(json);
    else key += selectJson(json, part.path) ?? '';
  }
  return key;
}

/** The message as JSON, or undefined when it is not JSON text. */
export function parseMessageJson(message: Buffer | string): unknown {
  try {
    return JSON.parse(typeof message === 'string' ? message : message.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
