import type { Invocation, ParsedRequest, StageSelection } from './invocation.js';
import { RequestContext } from './request-context.js';

/**
 * Step 2: parse the request line and start `$context`. Nothing is decoded or copied here that a
 * later step might not need: headers stay in the raw list, the body stays unread.
 */
export function parseRequest(invocation: Invocation, selection: StageSelection, now: number): ParsedRequest {
  const { request, endpoint } = invocation;
  const method = request.method ?? 'GET';
  const context = new RequestContext(
    {
      requestId: invocation.requestId,
      requestTimeEpoch: now,
      accountId: invocation.state.accountId,
      apiId: endpoint.apiId,
      stage: selection.stage.stageName,
      httpMethod: method,
      path: selection.path,
      host: endpoint.host,
    },
    request,
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
