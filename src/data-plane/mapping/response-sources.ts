import type { MappingSource } from '../../model/index.js';
import type { RequestContext } from '../request-context.js';
import { mappingContextValue } from './context-variable.js';
import { parseBodyJson, selectJson } from './json-path-select.js';
import type { MappingSources } from './mapping-template.js';
import { headerValue } from './header-value.js';

/** The backend's response as `$response.*`, with `$context.*` and `$stageVariables.*` (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html). */
export class ResponseSources implements MappingSources {
  #json: unknown;
  #jsonParsed = false;

  constructor(
    /** The backend's headers as a flat [name, value…] list. */
    readonly headers: readonly string[],
    readonly context: RequestContext,
    readonly stageVariables: Readonly<Record<string, string>>,
    /** The backend's body, buffered only when a mapping reads it. */
    readonly body: Buffer | undefined,
  ) {}

  read(source: MappingSource): string | undefined {
    switch (source.kind) {
      case 'response.header':
        return headerValue(this.headers, source.name);
      case 'response.body': {
        const body = this.body;
        if (body === undefined || body.length === 0) return undefined;
        if (source.path === undefined) return body.toString('utf8');
        if (!this.#jsonParsed) {
          this.#json = parseBodyJson(body);
          this.#jsonParsed = true;
        }
        return selectJson(this.#json, source.path);
      }
      case 'context':
        return mappingContextValue(this.context, source.name);
      case 'stageVariables':
        return this.stageVariables[source.name];
      default:
        return undefined;
    }
  }
}
