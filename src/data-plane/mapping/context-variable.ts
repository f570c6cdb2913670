import type { RequestContext } from '../request-context.js';
import { contextVariable as loggedContextVariable } from '../telemetry/context-variables.js';

/**
 * `$context.<name>` in a mapping value (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html lists the names). The
 * names access logs know resolve exactly as they do there (telemetry/context-variables.ts), so a
 * mapping and a log line never disagree; others walk RequestContext's members by their AWS names
 * (`customDomain.basePathMatched`, `authorizer.claims.sub`, `identity.userArn`), so fields later
 * stages add resolve without a change here.
 */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The value of `$context.<name>`, or undefined when the request has none (the mapping then skips it). */
export function mappingContextValue(context: RequestContext, name: string): string | undefined {
  const logged = loggedContextVariable(name);
  if (logged !== undefined) {
    const value = logged(context);
    return value === '' ? undefined : value;
  }
  // `request` is the client request kept for lazy getters, not a $context variable.
  if (name === 'request' || name.startsWith('request.')) return undefined;
  let value: unknown = context;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return text(value);
}
