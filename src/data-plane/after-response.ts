import type { Clock } from '../model/index.js';
import type { Logger } from '../observability/index.js';
import type { BusyPoll } from './busy-poll.js';
import type { RequestContext } from './request-context.js';
import type { StageState } from './deployment.js';
import type { Telemetry } from './telemetry/telemetry.js';

export interface AfterResponseDependencies {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly telemetry: Telemetry;
  readonly poll: BusyPoll;
}

/**
 * The single point after a response: metrics and the access-log line in the stage's
 * `accessLogSettings.format` (docs/reference/dataplane.md §9–10). `context` is undefined when no stage was selected,
 * where AWS writes no access log either. Lines are buffered and written off the request path;
 * whatever happens here never fails the request.
 */
export function afterResponse(context: RequestContext | undefined, stage: StageState | undefined, deps: AfterResponseDependencies): void {
  // A keep-alive client's next request usually follows at once: keep polling for it.
  deps.poll.kick();
  if (context === undefined || stage === undefined) return;
  try {
    context.responseLatency = deps.clock.now() - context.requestTimeEpoch;
    deps.telemetry.record(stage.stage, context);
  } catch (error) {
    deps.logger.error({ err: error, requestId: context.requestId }, 'after-response hook failed');
  }
}
