import type { IncomingMessage } from 'node:http';
import { RequestContext } from './request-context.js';
import type { Endpoint } from './resolve-endpoint.js';
import type { StageSelection } from './select-stage.js';
import type { ServingState } from './serving-state.js';

export interface ParsedRequest {
  readonly method: string;
  /** The path as the client sent it, a named stage's segment included: what HTTP backends receive. */
  readonly path: string;
  /** The path route matching sees (no stage segment). */
  readonly routePath: string;
  /** "" or "?…", forwarded as sent (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html). */
  readonly query: string;
  /** Arrived on the shared edge port, whose public number may differ from the socket's (`edgePort`). */
  readonly viaEdge: boolean;
  readonly context: RequestContext;
}

/**
 * Parse the request line and start `$context`. Nothing is decoded or copied here that a later
 * stage might not need: headers stay in `req.rawHeaders`, the body stays unread.
 */
export function parseRequest(
  req: IncomingMessage,
  endpoint: Endpoint,
  selection: StageSelection,
  state: ServingState,
  requestId: string,
  now: number,
): ParsedRequest {
  const method = req.method ?? 'GET';
  const context = new RequestContext(
    requestId,
    now,
    state.accountId,
    endpoint.apiId,
    selection.stage.stageName,
    method,
    selection.path,
    endpoint.host,
    req,
  );
  if (endpoint.customDomain !== undefined) context.customDomain = { basePathMatched: endpoint.customDomain.basePathMatched };
  return {
    method,
    path: selection.path,
    routePath: selection.routePath,
    query: endpoint.query,
    viaEdge: endpoint.viaEdge,
    context,
  };
}
