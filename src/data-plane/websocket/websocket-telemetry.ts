import type { Stage } from '../../model/index.js';
import {
  compileFormat,
  type AccessLogOutputs,
  type AccessLogRenderer,
  type LineWriter,
  type MetricsRegistry,
  type WebSocketCounter,
  type WebSocketSeries,
} from '../../observability/index.js';
import type { WebSocketContext } from './websocket-context.js';
import { webSocketVariable } from './websocket-variables.js';

interface StageTelemetry {
  readonly series: WebSocketSeries;
  readonly accessLog: { readonly render: AccessLogRenderer<WebSocketContext>; readonly writer: LineWriter } | undefined;
  readonly routes: Map<string, WebSocketSeries | null>;
}

/**
 * Metrics and access logs of WebSocket APIs, as for HTTP APIs (telemetry/telemetry.ts): metrics by
 * (API, stage) and, with `detailedMetricsEnabled`, by route; one access-log line per CONNECT,
 * MESSAGE and DISCONNECT event in the stage's format. Resolved once per stage configuration.
 */
export class WebSocketTelemetry {
  readonly #metrics: MetricsRegistry;
  readonly #accessLogs: AccessLogOutputs | undefined;
  readonly #stages = new WeakMap<Stage, StageTelemetry>();
  readonly #formats = new Map<string, AccessLogRenderer<WebSocketContext>>();

  constructor(metrics: MetricsRegistry, accessLogs: AccessLogOutputs | undefined) {
    this.#metrics = metrics;
    this.#accessLogs = accessLogs;
  }

  /** Count a metric for the event's stage (and route, with detailed metrics). */
  count(stage: Stage, context: WebSocketContext, counter: WebSocketCounter): void {
    for (const series of this.#series(stage, context)) series.count(counter);
  }

  /** Count a stage metric outside any event (a message a backend sent through `@connections`). */
  countStage(stage: Stage, apiId: string, counter: WebSocketCounter): void {
    this.#resolve(stage, apiId).series.count(counter);
  }

  /** The event is over: its integration latency, and its access-log line. */
  record(stage: Stage, context: WebSocketContext): void {
    const resolved = this.#resolve(stage, context.connection.apiId);
    if (context.integrationLatency >= 0)
      for (const series of this.#series(stage, context)) series.integrationLatency(context.integrationLatency);
    const accessLog = resolved.accessLog;
    if (accessLog !== undefined) accessLog.writer.write(accessLog.render(context));
  }

  #series(stage: Stage, context: WebSocketContext): WebSocketSeries[] {
    const resolved = this.#resolve(stage, context.connection.apiId);
    const key = context.routeKey;
    let route = resolved.routes.get(key);
    if (route === undefined) {
      const settings = Object.hasOwn(stage.routeSettings, key) ? stage.routeSettings[key] : undefined;
      const detailed = settings?.detailedMetricsEnabled ?? stage.defaultRouteSettings.detailedMetricsEnabled ?? false;
      route = detailed && key !== '-' ? this.#metrics.webSocket.route(context.connection.apiId, stage.stageName, key) : null;
      resolved.routes.set(key, route);
    }
    return route === null ? [resolved.series] : [resolved.series, route];
  }

  #resolve(stage: Stage, apiId: string): StageTelemetry {
    let resolved = this.#stages.get(stage);
    if (resolved !== undefined) return resolved;
    const settings = stage.accessLogSettings;
    let accessLog: StageTelemetry['accessLog'];
    if (this.#accessLogs !== undefined && settings?.format !== undefined && settings.destinationArn !== undefined) {
      const writer = this.#accessLogs.writerFor(settings.destinationArn);
      if (writer !== undefined) accessLog = { render: this.#renderer(settings.format), writer };
    }
    resolved = { series: this.#metrics.webSocket.stage(apiId, stage.stageName), accessLog, routes: new Map() };
    this.#stages.set(stage, resolved);
    return resolved;
  }

  #renderer(format: string): AccessLogRenderer<WebSocketContext> {
    let render = this.#formats.get(format);
    if (render === undefined) this.#formats.set(format, (render = compileFormat(format, webSocketVariable)));
    return render;
  }
}
