import type { Stage } from '../../model/index.js';
import {
  compileFormat,
  type AccessLogOutputs,
  type AccessLogRenderer,
  type LineWriter,
  type MetricsRegistry,
  type Series,
} from '../../observability/index.js';
import type { RequestContext } from '../request-context.js';
import { contextVariable } from './context-variables.js';

export interface TelemetryOptions {
  readonly metrics: MetricsRegistry;
  /** Where access-log lines go; without it no line is rendered. */
  readonly accessLogs?: AccessLogOutputs | undefined;
}

/** What one stage configuration resolved to: its access log and its metric series. */
interface StageTelemetry {
  readonly series: Series;
  readonly accessLog: { readonly render: AccessLogRenderer<RequestContext>; readonly writer: LineWriter } | undefined;
  /** Route key → its series when detailed metrics are on for it, else null. */
  readonly routes: Map<string, Series | null>;
}

/**
 * Detailed (per-route) metrics for a route key: its `routeSettings` entry, else the stage's
 * `defaultRouteSettings` (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html; docs/reference/dataplane.md §8 `detailed_metrics_enabled`).
 */
function detailedMetrics(stage: Stage, routeKey: string): boolean {
  const route = Object.hasOwn(stage.routeSettings, routeKey) ? stage.routeSettings[routeKey] : undefined;
  return route?.detailedMetricsEnabled ?? stage.defaultRouteSettings.detailedMetricsEnabled ?? false;
}

/**
 * The after-response work of every request: metrics by (API, stage) and, with detailed metrics, by
 * route; one access-log line in the stage's format. Everything a stage needs is resolved once per
 * stage configuration (stage settings are live: each config swap brings new `Stage` objects) and
 * access-log formats compile once per distinct format, so a request costs a WeakMap lookup, a few
 * increments and one render.
 */
export class Telemetry {
  readonly #metrics: MetricsRegistry;
  readonly #accessLogs: AccessLogOutputs | undefined;
  readonly #stages = new WeakMap<Stage, StageTelemetry>();
  readonly #formats = new Map<string, AccessLogRenderer<RequestContext>>();

  constructor(options: TelemetryOptions) {
    this.#metrics = options.metrics;
    this.#accessLogs = options.accessLogs;
  }

  /** Record a request whose response is out; `context.responseLatency` is set. */
  record(stage: Stage, context: RequestContext): void {
    let resolved = this.#stages.get(stage);
    if (resolved === undefined) {
      resolved = this.#resolve(stage, context.apiId);
      this.#stages.set(stage, resolved);
    }
    const latency = context.responseLatency;
    const integrationLatency = context.integrationLatency;
    const status = context.status;
    const bytes = context.dataProcessed;
    resolved.series.record(status, latency, integrationLatency, bytes);
    const routeKey = context.routeKey;
    let route = resolved.routes.get(routeKey);
    if (route === undefined) {
      route = detailedMetrics(stage, routeKey) ? this.#metrics.route(context.apiId, stage.stageName, routeKey) : null;
      resolved.routes.set(routeKey, route);
    }
    route?.record(status, latency, integrationLatency, bytes);
    const accessLog = resolved.accessLog;
    if (accessLog !== undefined) accessLog.writer.write(accessLog.render(context));
  }

  #resolve(stage: Stage, apiId: string): StageTelemetry {
    const settings = stage.accessLogSettings;
    let accessLog: StageTelemetry['accessLog'];
    if (this.#accessLogs !== undefined && settings?.format !== undefined && settings.destinationArn !== undefined) {
      const writer = this.#accessLogs.writerFor(settings.destinationArn);
      if (writer !== undefined) accessLog = { render: this.#renderer(settings.format), writer };
    }
    const routes = new Map<string, Series | null>();
    // Requests that matched no route (404) have no route dimension.
    routes.set('-', null);
    return { series: this.#metrics.stage(apiId, stage.stageName), accessLog, routes };
  }

  #renderer(format: string): AccessLogRenderer<RequestContext> {
    let render = this.#formats.get(format);
    if (render === undefined) {
      render = compileFormat(format, contextVariable);
      this.#formats.set(format, render);
    }
    return render;
  }
}
