import type { Logger } from '../observability/index.js';
import type { RequestContext } from './request-context.js';

/**
 * The single point after a response: access log line (stage `accessLogSettings.format`) and metrics
 * come here in later issues (dataplane.md §9–10). `context` is undefined when no stage was selected,
 * where AWS writes no access log either. Whatever happens here never fails the request.
 */
export function afterResponse(context: RequestContext | undefined, logger: Logger): void {
  try {
    void context;
  } catch (error) {
    logger.error({ err: error }, 'after-response hook failed');
  }
}
