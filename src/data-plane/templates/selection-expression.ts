import { parseSelectionExpression as tokenize } from '../../model/index.js';
import { compileJsonPath, selectJsonPath, type CompiledJsonPath } from './json-path.js';
import { NOT_JSON, readJson } from './json-read.js';
import { toJsonText } from './json-write.js';
import type { VtlValue } from './vtl-values.js';

/**
 * WebSocket selection expressions (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html):
 * `$variable` or `${variable}` among static text, every variable evaluated once, `\$` a literal
 * dollar — "useful when defining an expression that maps to the reserved $default key, e.g.
 * "\$default"". An unescaped `$default` is read the same way (there is no variable of that name).
 * Which variables an expression may use depends on where it sits
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-data-transformations.html):
 * - `Integration.TemplateSelectionExpression`: `${request.body.jsonPath}` and static values;
 * - `IntegrationResponse.TemplateSelectionExpression`: those, `${integration.response.statuscode}`,
 *   `${integration.response.header.name}`, `${integration.response.multivalueheader.name}`;
 * - `Integration.IntegrationResponseSelectionExpression`: `${integration.response.statuscode}` (HTTP,
 *   MOCK) or `${integration.response.body.errorMessage}` (Lambda); AWS shows it as
 *   `${response.statuscode}` in one example, read as the same.
 */
export type SelectionExpressionUse = 'request-template' | 'response-template' | 'integration-response';

type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'request.body'; readonly path: CompiledJsonPath | undefined }
  | { readonly kind: 'statuscode' }
  | { readonly kind: 'header' | 'multivalueheader'; readonly name: string }
  | { readonly kind: 'response.body'; readonly path: CompiledJsonPath };

export interface SelectionExpression {
  readonly source: string;
  readonly parts: readonly Part[];
}

/** What the variables read: the client's message, and (after the integration) its response. */
export interface SelectionInputs {
  readonly requestBody?: string | Buffer;
  readonly integrationResponse?: {
    readonly statusCode: number;
    /** Header name (any case) → value(s). */
    readonly headers?: Readonly<Record<string, string | readonly string[]>>;
    readonly body?: string | Buffer;
  };
}

const ALLOWED: Readonly<Record<SelectionExpressionUse, readonly Part['kind'][]>> = {
  'request-template': ['request.body'],
  'response-template': ['request.body', 'statuscode', 'header', 'multivalueheader'],
  'integration-response': ['statuscode', 'response.body'],
};

function variable(name: string): Part | string {
  if (name === 'default') return { kind: 'text', text: '$default' };
  if (name === 'request.body') return { kind: 'request.body', path: undefined };
  if (name === 'integration.response.statuscode' || name === 'response.statuscode') return { kind: 'statuscode' };
  const m = /^(?:integration\.)?response\.(header|multivalueheader)\.(.+)$/.exec(name);
  if (m !== null) return { kind: m[1] as 'header' | 'multivalueheader', name: (m[2] as string).toLowerCase() };
  const body = /^(request|(?:integration\.)?response)\.body([.[].+)$/.exec(name);
  if (body !== null) {
    const path = compileJsonPath(`$${body[2]}`);
    if (typeof path === 'string') return path;
    return body[1] === 'request' ? { kind: 'request.body', path } : { kind: 'response.body', path };
  }
  return `$${name} is not a variable a selection expression can use`;
}

/**
 * Parse an expression once, with the one tokenizer the control plane validates with (model); the
 * reason as a string when it uses what its place does not allow.
 */
export function compileSelectionExpression(source: string, use: SelectionExpressionUse): SelectionExpression | string {
  const tokens = tokenize(source);
  if (!tokens.ok) return `"${source}": ${tokens.problem}`;
  const parts: Part[] = [];
  let literal = '';
  for (const token of tokens.parts) {
    if (token.kind === 'text') {
      literal += token.text;
      continue;
    }
    const part = variable(token.name);
    if (typeof part === 'string') return `"${source}": ${part}`;
    if (part.kind === 'text') {
      literal += part.text;
      continue;
    }
    if (!ALLOWED[use].includes(part.kind))
      return `"${source}": $${token.name} cannot be used in a ${use.replace('-', ' ')} selection expression`;
    if (literal !== '') parts.push({ kind: 'text', text: literal });
    literal = '';
    parts.push(part);
  }
  if (literal !== '') parts.push({ kind: 'text', text: literal });
  return { source, parts };
}

/** A selected JSON value as text: a string as is, anything else as JSON, nothing as ''. */
function valueText(value: VtlValue): string {
  if (value === null) return '';
  return typeof value === 'string' ? value : toJsonText(value);
}

function fromBody(body: string | Buffer | undefined, path: CompiledJsonPath | undefined): string {
  const text = body === undefined ? '' : typeof body === 'string' ? body : body.toString('utf8');
  if (path === undefined) return text;
  const document = readJson(text);
  return document === NOT_JSON ? '' : valueText(selectJsonPath(document, path));
}

function header(inputs: SelectionInputs, name: string, all: boolean): string {
  for (const [key, value] of Object.entries(inputs.integrationResponse?.headers ?? {})) {
    if (key.toLowerCase() !== name) continue;
    if (typeof value === 'string') return value;
    return all ? value.join(',') : (value.at(-1) ?? '');
  }
  return '';
}

/** The key an expression selects for these inputs; a variable with no value contributes ''. */
export function evaluateSelectionExpression(expression: SelectionExpression, inputs: SelectionInputs): string {
  let out = '';
  for (const part of expression.parts) {
    if (part.kind === 'text') out += part.text;
    else if (part.kind === 'request.body') out += fromBody(inputs.requestBody, part.path);
    else if (part.kind === 'response.body') out += fromBody(inputs.integrationResponse?.body, part.path);
    else if (part.kind === 'statuscode')
      out += inputs.integrationResponse === undefined ? '' : String(inputs.integrationResponse.statusCode);
    else out += header(inputs, part.name, part.kind === 'multivalueheader');
  }
  return out;
}
