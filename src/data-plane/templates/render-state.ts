import { NOT_JSON, readJson } from './json-read.js';
import { VtlMap, type VtlValue } from './vtl-values.js';

/** A `$context` value as the data plane hands it over: text mostly; maps for `authorizer` and `identity`. */
export type ContextValue =
  string | number | boolean | null | readonly ContextValue[] | { readonly [key: string]: ContextValue | undefined };

/** Request parameters `$input.params()` offers, by where they came from (names as the client sent them). */
export interface TemplateParams {
  readonly path?: Readonly<Record<string, string>>;
  readonly querystring?: Readonly<Record<string, string>>;
  readonly header?: Readonly<Record<string, string>>;
}

/** What one rendering reads. */
export interface MappingTemplateInputs {
  /** The payload: the client's message or request body (request templates), the integration's response body (response templates). */
  readonly body: string | Buffer;
  /** `$context.<name>` by its name after `$context.` (`connectionId`, `authorizer.principalId`); undefined when there is none. */
  readonly context: (name: string) => ContextValue | undefined;
  readonly stageVariables?: Readonly<Record<string, string>>;
  /** `$input.params()`; a WebSocket message has none, `$connect` has its headers and query string. */
  readonly params?: TemplateParams;
}

/** Bounds on one rendering; AWS's own: at most 1,000 iterations per `#foreach` (API Gateway quotas). */
export interface RenderLimits {
  /** Characters of output before the rendering fails. */
  readonly maxOutput: number;
  /** Iterations of one `#foreach` (later items are not visited, as Velocity's `directive.foreach.maxloops`). */
  readonly maxLoop: number;
  /** Iterations of all loops together, so nested loops stay bounded. */
  readonly maxTotalIterations: number;
}

/** API Gateway's payload quota (10 MB) bounds what a template may produce. */
export const DEFAULT_RENDER_LIMITS: RenderLimits = { maxOutput: 10 * 1024 * 1024, maxLoop: 1000, maxTotalIterations: 1_000_000 };

/** Why a rendering stopped: what a Java exception or a limit would make API Gateway fail with. */
export class RenderFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderFailure';
  }
}

export const CONTINUE = 0;
export const BREAK = 1;
export const STOP = 2;

/** The state of one rendering: output, variables, loop bookkeeping, and what is parsed once on demand. */
export class RenderState {
  out = '';
  readonly vars = new Map<string, VtlValue>();
  /** Set by `#break` / `#stop`; blocks stop emitting while it is not CONTINUE. */
  control = CONTINUE;
  iterations = 0;
  #text: string | undefined;
  #json: VtlValue | typeof NOT_JSON | undefined;
  #stageVariables: VtlMap | undefined;
  #params: VtlMap | undefined;

  constructor(
    readonly inputs: MappingTemplateInputs,
    readonly limits: RenderLimits,
  ) {}

  write(text: string): void {
    this.out += text;
    if (this.out.length > this.limits.maxOutput) throw new RenderFailure(`the output passed ${this.limits.maxOutput} characters`);
  }

  /** The payload as text (UTF-8). */
  get bodyText(): string {
    if (this.#text === undefined) {
      const body = this.inputs.body;
      this.#text = typeof body === 'string' ? body : body.toString('utf8');
    }
    return this.#text;
  }

  /** The payload read as JSON, once; NOT_JSON when it is not. */
  get bodyJson(): VtlValue | typeof NOT_JSON {
    if (this.#json === undefined) this.#json = this.bodyText.trim() === '' ? NOT_JSON : readJson(this.bodyText);
    return this.#json;
  }

  /** `$stageVariables`, a fresh map per rendering (a template may change its copy). */
  get stageVariables(): VtlMap {
    this.#stageVariables ??= new VtlMap(new Map(Object.entries(this.inputs.stageVariables ?? {})));
    return this.#stageVariables;
  }

  /** `$input.params()`: `path`, `querystring` and `header`, in that order. */
  get params(): VtlMap {
    if (this.#params === undefined) {
      const p = this.inputs.params ?? {};
      const map = (r: Readonly<Record<string, string>> | undefined): VtlMap => new VtlMap(new Map(Object.entries(r ?? {})));
      this.#params = new VtlMap(
        new Map<string, VtlValue>([
          ['path', map(p.path)],
          ['querystring', map(p.querystring)],
          ['header', map(p.header)],
        ]),
      );
    }
    return this.#params;
  }

  /** One more loop iteration, within the total budget. */
  iterate(): void {
    if (++this.iterations > this.limits.maxTotalIterations)
      throw new RenderFailure(`the template ran more than ${this.limits.maxTotalIterations} loop iterations`);
  }
}
