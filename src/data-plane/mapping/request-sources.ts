import type { MappingSource } from '../../model/index.js';
import type { RoutedInvocation } from '../invocation.js';
import { pathParameters } from '../path-parameters.js';
import { mappingContextValue } from './context-variable.js';
import { parseBodyJson, selectJson } from './json-path-select.js';
import { headerValue } from './header-value.js';
import type { MappingSources } from './mapping-template.js';

function decode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `?a=1&b=2&a=3` → a: ["1","3"], b: ["2"]; names are case-sensitive (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html). */
function parseQuery(query: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const text = query.startsWith('?') ? query.slice(1) : query;
  if (text === '') return map;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    const list = map.get(name);
    if (list === undefined) map.set(name, [value]);
    else list.push(value);
  }
  return map;
}

/** The client's request as `$request.*`, with `$context.*` and `$stageVariables.*`; parsed lazily, once. */
export class RequestSources implements MappingSources {
  #query: Map<string, string[]> | undefined;
  #params: Record<string, string> | undefined;
  #json: unknown;
  #jsonParsed = false;

  constructor(
    readonly routed: RoutedInvocation,
    /** The client's body, read only when a mapping needs it. */
    readonly body: Buffer | undefined,
  ) {}

  read(source: MappingSource): string | undefined {
    switch (source.kind) {
      case 'request.header':
        return headerValue(this.routed.request.rawHeaders, source.name);
      case 'request.querystring':
        return (this.#query ??= parseQuery(this.routed.parsed.query)).get(source.name)?.join(',');
      case 'request.path':
        return this.routed.parsed.routePath;
      case 'request.path.parameter':
        return (this.#params ??= pathParameters(this.routed.match))[source.name];
      case 'request.body':
        return this.#bodyValue(source.path);
      case 'context':
        return mappingContextValue(this.routed.context, source.name);
      case 'stageVariables':
        return this.routed.stageVariables[source.name];
      default:
        return undefined;
    }
  }

  #bodyValue(path: Extract<MappingSource, { kind: 'request.body' }>['path']): string | undefined {
    const body = this.body;
    if (body === undefined || body.length === 0) return undefined;
    if (path === undefined) return body.toString('utf8');
    if (!this.#jsonParsed) {
      this.#json = parseBodyJson(body);
      this.#jsonParsed = true;
    }
    return selectJson(this.#json, path);
  }
}
