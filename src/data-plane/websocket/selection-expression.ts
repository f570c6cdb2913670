import { parseMappingSource, parseSelectionExpression as tokenize, type JsonPath } from '../../model/index.js';
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

/**
 * Parse once per deployment, with the one tokenizer the control plane validates with (model); a
 * variable that is not `$request.body…` is a problem. `$default` unescaped reads as the literal key.
 */
export function parseSelectionExpression(source: string): SelectionExpression | string {
  const tokens = tokenize(source);
  if (!tokens.ok) return `"${source}": ${tokens.problem}`;
  const parts: SelectionPart[] = [];
  let text = '';
  for (const token of tokens.parts) {
    if (token.kind === 'text' || token.name === 'default') {
      text += token.kind === 'text' ? token.text : '$default';
      continue;
    }
    const parsed = parseMappingSource(token.name, 'request');
    if (typeof parsed === 'string' || parsed.kind !== 'request.body')
      return `"$${token.name}" in "${source}" is not a message variable: use $request.body.<JSONPath>`;
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
    parts.push({ kind: 'body', path: parsed.path });
  }
  if (text !== '') parts.push({ kind: 'text', text });
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
