import { parseJsonPath } from './mapping-value.js';

/**
 * WebSocket selection expressions (AWS "WebSocket selection expressions",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html):
 * a variable starts with `$`, braces bound it (`${request.body.version}-beta`), several variables
 * may appear and are evaluated once, `\$` is a literal dollar (`\$default`). Parsed once: the
 * control plane validates with it, the data plane evaluates it.
 */
export type SelectionExpressionPart =
  { readonly kind: 'text'; readonly text: string } | { readonly kind: 'variable'; readonly name: string };

export type SelectionExpressionResult = { ok: true; parts: readonly SelectionExpressionPart[] } | { ok: false; problem: string };

const NAME_CHAR = /[A-Za-z0-9_.-]/;

/** End of an unbraced `$name`: letters, digits, `_.-` and `[…]` groups (JSONPath indexes). */
function unbracedEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    const c = text[i] as string;
    if (NAME_CHAR.test(c)) i++;
    else if (c === '[') {
      const close = text.indexOf(']', i);
      if (close < 0) return text.length;
      i = close + 1;
    } else break;
  }
  while (i > start && text[i - 1] === '.') i--;
  return i;
}

export function parseSelectionExpression(expression: string): SelectionExpressionResult {
  const parts: SelectionExpressionPart[] = [];
  let text = '';
  let i = 0;
  while (i < expression.length) {
    const c = expression[i] as string;
    if (c === '\\' && expression[i + 1] === '$') {
      text += '$';
      i += 2;
      continue;
    }
    if (c !== '$') {
      text += c;
      i++;
      continue;
    }
    let name: string;
    if (expression[i + 1] === '{') {
      const close = expression.indexOf('}', i + 2);
      if (close < 0) return { ok: false, problem: `"\${" at position ${i} has no closing "}"` };
      name = expression.slice(i + 2, close);
      i = close + 1;
    } else {
      const end = unbracedEnd(expression, i + 1);
      name = expression.slice(i + 1, end);
      i = end;
    }
    if (name === '') return { ok: false, problem: 'a "$" is followed by no variable name (write "\\$" for a literal dollar)' };
    if (text) parts.push({ kind: 'text', text });
    text = '';
    parts.push({ kind: 'variable', name });
  }
  if (text) parts.push({ kind: 'text', text });
  return { ok: true, parts };
}

/**
 * `request.body`, `request.body.a.b`, `request.body[0]`: a JSONPath into the message body; or
 * `default`, the reserved catch-all key (`$default`, "supported as catch-all" in AWS's summary table).
 */
function bodyPathProblem(name: string): string | undefined {
  if (name === 'request.body' || name === 'default') return undefined;
  if (!name.startsWith('request.body.') && !name.startsWith('request.body['))
    return `"$${name}" is not a $request.body.<JSONPath> variable`;
  const path = parseJsonPath(name.slice('request.body'.length));
  return typeof path === 'string' ? `"$${name}": ${path}` : undefined;
}

/**
 * A WebSocket API's route selection expression: variables of the form `$request.body.{JSONPath}`
 * ("Route selection expressions" in AWS "Create routes for WebSocket APIs"), static text, or both
 * (`${request.body.service}/${request.body.action}`). Undefined when it is acceptable.
 */
export function routeSelectionProblem(expression: string): string | undefined {
  return bodyVariablesProblem(expression);
}

/** Template selection expressions select a request template by `${request.body.jsonPath}` or a static value (same table). */
export function templateSelectionProblem(expression: string): string | undefined {
  return bodyVariablesProblem(expression);
}

function bodyVariablesProblem(expression: string): string | undefined {
  if (expression.trim() === '') return 'it is empty';
  const parsed = parseSelectionExpression(expression);
  if (!parsed.ok) return parsed.problem;
  for (const part of parsed.parts) {
    if (part.kind !== 'variable') continue;
    const problem = bodyPathProblem(part.name);
    if (problem) return problem;
  }
  return undefined;
}
