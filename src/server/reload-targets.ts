import { createTargetMap, type TargetHealthEvent, type TargetResolver, type TargetSpec } from '../integrations/index.js';
import type { Clock } from '../model/index.js';
import type { Logger } from '../observability/index.js';

export interface LoggedTargetMapOptions {
  aliases: Record<string, string>;
  ca: string[];
  clock: Clock;
  logger: Logger;
  quarantineMs: number | undefined;
}

/** The target map of one configuration, telling the operator when a target leaves or rejoins the rotation. */
export function createLoggedTargetMap(targets: Record<string, TargetSpec[]>, options: LoggedTargetMapOptions): TargetResolver {
  const { logger } = options;
  return createTargetMap(targets, {
    aliases: options.aliases,
    ca: options.ca,
    clock: options.clock,
    ...(options.quarantineMs !== undefined ? { quarantineMs: options.quarantineMs } : {}),
    onHealthEvent: (event) => logHealth(logger, event),
  });
}

function logHealth(logger: Logger, event: TargetHealthEvent): void {
  if (event.kind === 'back') {
    logger.info({ target: event.target }, `Target ${event.target} answered again: back in the rotation`);
    return;
  }
  const code = (event.error as { code?: unknown } | undefined)?.code;
  const why = typeof code === 'string' ? code : (event.error?.message ?? 'no connection');
  logger.warn(
    { target: event.target, err: event.error },
    `Target ${event.target} could not be connected to (${why}): out of the rotation for ${event.forMs / 1000} s, requests go to the other targets`,
  );
}
