import type { Clock } from '../model/index.js';
import type { Logger } from '../observability/index.js';
import type { BusyPoll } from './busy-poll.js';
import type { Invocation } from './invocation.js';
import type { InvocationObserver, Recording } from './observer.js';
import type { Telemetry } from './telemetry/telemetry.js';

export interface AfterResponseDependencies {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly telemetry: Telemetry;
  readonly poll: BusyPoll;
  /** Swapped by `Gateway.setObserver` (the console attaches one only while someone watches). */
  observer: InvocationObserver | undefined;
}

/**
 * The single point after a response: metrics and the access-log line in the stage's
 * `accessLogSettings.format` (docs/reference/dataplane.md §9–10), and the observer's record.
 * Without a selected stage there is no `$context` and AWS writes no access log either. Lines are
 * buffered and written off the request path; whatever happens here never fails the request.
 */
export function afterResponse(invocation: Invocation, deps: AfterResponseDependencies): void {
  // A keep-alive client's next request usually follows at once: keep polling for it.
  deps.poll.kick();
  const { context, stage } = invocation;
  try {
    if (context !== undefined && stage !== undefined) {
      context.responseLatency = deps.clock.now() - context.requestTimeEpoch;
      deps.telemetry.record(stage.stage, context);
    }
    const recording = invocation.recording;
    if (recording !== undefined && deps.observer !== undefined) deps.observer.invocation(recordOf(invocation, recording));
  } catch (error) {
    deps.logger.error({ err: error, requestId: invocation.requestId }, 'after-response hook failed');
  }
}

function recordOf(invocation: Invocation, recording: Recording) {
  const { request, context } = invocation;
  const requestBody = recording.requestBody.result();
  return {
    requestId: invocation.requestId,
    apiId: invocation.endpoint.apiId,
    request: {
      method: request.method ?? 'GET',
      url: request.url ?? '',
      headers: request.rawHeaders,
      remoteAddress: request.socket.remoteAddress,
      body: requestBody.size > 0 ? requestBody : undefined,
    },
    context,
    integration: recording.integration,
    endpointResponse: recording.endpointResponse,
    response: recording.response === undefined ? undefined : { ...recording.response, body: recording.responseBody.result() },
    error: recording.error,
  };
}
