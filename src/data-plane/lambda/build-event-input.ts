import type { RoutedInvocation } from '../invocation.js';
import { pathParameters } from '../path-parameters.js';
import type { RandomPool } from '../random-pool.js';
import { traceId } from '../trace-id.js';
import type { EventInput } from './event-input.js';
import { eventPath, readRequestFacts } from './request-facts.js';

export interface EventInputDependencies {
  readonly random: RandomPool;
  /** X-Forwarded-Port on the edge port; the socket's local port when undefined. */
  readonly edgePort: string | undefined;
}

/** The inputs of a Lambda event for this request; `bodyLength` is what `content-length` reports. */
export function buildEventInput(routed: RoutedInvocation, bodyLength: number, deps: EventInputDependencies): EventInput {
  const { context, parsed, invocation } = routed;
  const socket = routed.request.socket;
  const rawQuery = parsed.query.startsWith('?') ? parsed.query.slice(1) : parsed.query;
  const facts = readRequestFacts(routed.request, rawQuery, {
    proto: socket.encrypted === true ? 'https' : 'http',
    port: (parsed.viaEdge ? deps.edgePort : undefined) ?? String(socket.localPort ?? ''),
    bodyLength,
    // One X-Ray trace id per request, shared by the authorizer's event and the integration's.
    traceId: () => (invocation.traceId ??= traceId(context.requestTimeEpoch, deps.random)),
  });
  const key = routed.match.route.key;
  return {
    context,
    facts,
    rawPath: eventPath(parsed.path),
    rawQuery,
    routeKey: routed.match.route.routeKey,
    resourcePath: key.kind === 'default' ? '$default' : key.path,
    pathParameters: pathParameters(routed.match),
    stageVariables: routed.stageVariables,
    authorization: context.authorization,
  };
}
