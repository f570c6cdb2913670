import { contextVariable, type Gateway, type InvocationObserver, type InvocationRecord } from '../../data-plane/index.js';
import type { ServingConfig } from '../../model/index.js';
import { compileFormat, type AccessLogRenderer } from '../../observability/index.js';
import { consoleDetail, consoleSummary, type ConsoleRecord, type ConsoleSummary } from './console-record.js';
import { MetricsWindow } from './metrics-window.js';

const LOG_HISTORY = 2000;

/** One line of the Logs page: a stage's access-log line or a function's console output. */
export interface ConsoleLogLine {
  readonly seq: number;
  readonly time: number;
  readonly kind: 'access' | 'function';
  /** access: the API and stage; function: the function name. */
  readonly source: string;
  readonly apiId?: string;
  readonly stage?: string;
  readonly requestId?: string;
  readonly level?: string;
  readonly line: string;
}

export type ConsoleEvent =
  { readonly type: 'request'; readonly summary: ConsoleSummary } | { readonly type: 'log'; readonly line: ConsoleLogLine };

/** One request of the history: its summary, and what its detail is made from when asked for. */
interface Entry {
  readonly summary: ConsoleSummary;
  readonly source: InvocationRecord;
  detail: ConsoleRecord | undefined;
}

export interface ConsoleHubOptions {
  readonly history: number;
  readonly showSecrets: boolean;
  readonly now: () => number;
  /** The configuration served now (route authorization types, stages' access-log formats). */
  readonly config: () => ServingConfig;
}

type RequestContextRenderer = AccessLogRenderer<NonNullable<InvocationRecord['context']>>;

/** A ring buffer: the last `capacity` items, oldest first. */
class Ring<T> {
  readonly #items: T[] = [];
  #start = 0;
  constructor(readonly capacity: number) {}
  push(item: T): void {
    if (this.capacity <= 0) return;
    if (this.#items.length < this.capacity) this.#items.push(item);
    else {
      this.#items[this.#start] = item;
      this.#start = (this.#start + 1) % this.capacity;
    }
  }
  list(): T[] {
    return [...this.#items.slice(this.#start), ...this.#items.slice(0, this.#start)];
  }
}

/**
 * What the console knows: the last N requests (a ring), log lines, per-second metrics, and who is
 * watching. The gateway's observer (`Gateway.setObserver`) is attached only while at least one
 * page listens on the event stream, so without an open console requests are not recorded at all.
 */
export class ConsoleHub implements InvocationObserver {
  readonly #options: ConsoleHubOptions;
  readonly #requests: Ring<Entry>;
  readonly #logs = new Ring<ConsoleLogLine>(LOG_HISTORY);
  readonly metrics = new MetricsWindow();
  readonly #listeners = new Set<(event: ConsoleEvent) => void>();
  #gateway: Gateway | undefined;
  #seq = 0;
  #logSeq = 0;
  #lookups: { auth: Map<string, string>; formats: Map<string, RequestContextRenderer | null> } | undefined;
  readonly #renderers = new Map<string, RequestContextRenderer>();

  constructor(options: ConsoleHubOptions) {
    this.#options = options;
    this.#requests = new Ring(options.history);
  }

  /** The gateway whose invocations are recorded while someone listens. */
  attach(gateway: Gateway): void {
    this.#gateway = gateway;
    if (this.#listeners.size > 0) gateway.setObserver(this);
  }

  /** The configuration changed: route and stage lookups are built again on next use. */
  configChanged(): void {
    this.#lookups = undefined;
  }

  get listening(): number {
    return this.#listeners.size;
  }

  /** Follow requests and log lines as they happen; the returned function stops (detaching the observer after the last). */
  listen(listener: (event: ConsoleEvent) => void): () => void {
    this.#listeners.add(listener);
    this.#gateway?.setObserver(this);
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#gateway?.setObserver(undefined);
    };
  }

  requests(): ConsoleSummary[] {
    return this.#requests.list().map((entry) => entry.summary);
  }

  /** One request in full (made on first ask, then kept with its entry). */
  request(requestId: string): ConsoleRecord | undefined {
    const entry = this.#requests.list().find((e) => e.summary.requestId === requestId);
    if (entry === undefined) return undefined;
    return (entry.detail ??= consoleDetail(entry.source, entry.summary, this.#options.showSecrets));
  }

  logs(): ConsoleLogLine[] {
    return this.#logs.list();
  }

  /** InvocationObserver: called by the gateway after each response while attached. */
  invocation(record: InvocationRecord): void {
    const lookups = this.#lookup();
    const summary = consoleSummary(record, ++this.#seq, {
      showSecrets: this.#options.showSecrets,
      authorizationType: (apiId, stage, routeKey) => lookups.auth.get(`${apiId}\u0000${stage}\u0000${routeKey}`),
    });
    this.#requests.push({ summary, source: record, detail: undefined });
    this.metrics.record(summary);
    this.#emit({ type: 'request', summary });
    const context = record.context;
    if (context === undefined) return;
    const render = lookups.formats.get(`${record.apiId}\u0000${context.stage}`);
    if (render)
      this.log({
        kind: 'access',
        source: `${record.apiId}/${context.stage}`,
        apiId: record.apiId,
        stage: context.stage,
        requestId: record.requestId,
        line: render(context),
      });
  }

  /** A log line (a function's console output comes here from the Lambda runtime). */
  log(line: Omit<ConsoleLogLine, 'seq' | 'time'>): void {
    const entry: ConsoleLogLine = { ...line, seq: ++this.#logSeq, time: this.#options.now() };
    this.#logs.push(entry);
    this.#emit({ type: 'log', line: entry });
  }

  #emit(event: ConsoleEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  #lookup() {
    if (this.#lookups !== undefined) return this.#lookups;
    const auth = new Map<string, string>();
    const formats = new Map<string, RequestContextRenderer | null>();
    for (const api of this.#options.config().apis)
      for (const { stage, deployment } of api.stages) {
        const format = stage.accessLogSettings?.format;
        formats.set(`${api.apiId}\u0000${stage.stageName}`, format ? this.#renderer(format) : null);
        for (const route of deployment?.snapshot().routes ?? [])
          auth.set(`${api.apiId}\u0000${stage.stageName}\u0000${route.routeKey}`, route.authorizationType);
      }
    return (this.#lookups = { auth, formats });
  }

  #renderer(format: string): RequestContextRenderer {
    let render = this.#renderers.get(format);
    if (render === undefined) this.#renderers.set(format, (render = compileFormat(format, contextVariable)));
    return render;
  }
}
