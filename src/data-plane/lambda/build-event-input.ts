import type { IncomingMessage } from 'node:http';
import { pathParameters, type RouteMatch } from '../match-route.js';
import type { ParsedRequest } from '../parse-request.js';
import type { RandomPool } from '../random-pool.js';
import type { RequestContext } from '../request-context.js';
import { traceId } from '../trace-id.js';
import type { EventInput } from './event-input.js';
import { eventPath, readRequestFacts } from './request-facts.js';

export interface EventInputDependencies {
  readonly random: RandomPool;
  /** X-Forwarded-Port on the edge port; the socket's local port when undefined. */
  readonly edgePort: string | undefined;
}

// One X-Ray trace id per request, shared by the authorizer's event and the integration's.
const traces = new WeakMap<RequestContext, string>();

/** The inputs of a Lambda event for this request; `bodyLength` is what `content-length` reports. */
export function buildEventInput(
  req: IncomingMessage,
  request: ParsedRequest,
  match: RouteMatch,
  stageVariables: Readonly<Record<string, string>>,
  bodyLength: number,
  deps: EventInputDependencies,
): EventInput {
  const context = request.context;
  const socket = req.socket;
  const facts = readRequestFacts(req, request.query.startsWith('?') ? request.query.slice(1) : request.query, {
    proto: 'encrypted' in socket ? 'https' : 'http',
    port: (request.viaEdge ? deps.edgePort : undefined) ?? String(socket.localPort ?? ''),
    bodyLength,
    traceId: () => {
      let id = traces.get(context);
      if (id === undefined) {
        id = traceId(context.requestTimeEpoch, deps.random);
        traces.set(context, id);
      }
      return id;
    },
  });
  const key = match.route.key;
  return {
    context,
    facts,
    rawPath: eventPath(request.path),
    rawQuery: request.query.startsWith('?') ? request.query.slice(1) : request.query,
    routeKey: match.route.routeKey,
    resourcePath: key.kind === 'default' ? '$default' : key.path,
    pathParameters: pathParameters(match),
    stageVariables,
    authorization: context.authorization,
  };
}
