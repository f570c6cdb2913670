import { isHopByHop, type HttpIntegrationRequest, type IntegrationOutcome } from '../../integrations/index.js';
import type { CollectingSink } from './collected-response.js';
import type { IntegrationCall, IntegrationResult } from './integration-call.js';
import { webSocketContextValue } from './websocket-context.js';
import type { WebSocketHttpPlan } from './websocket-deployment.js';

/** An integration's outcome and what its sink collected, as one result. */
export function settle(outcome: IntegrationOutcome, sink: CollectingSink): IntegrationResult {
  if (outcome.kind === 'failed')
    return { kind: 'failed', failure: outcome.failure, detail: outcome.detail ?? outcome.error?.message ?? outcome.failure };
  const response = sink.response();
  return response === undefined
    ? { kind: 'failed', failure: 'broken-after-head', detail: 'the response broke off' }
    : { kind: 'responded', ...response };
}

/** A value of `integration.request.header.*` (https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-data-transformations.html). */
function parameterValue(source: WebSocketHttpPlan['headers'][number]['source'], call: IntegrationCall): string | undefined {
  switch (source.kind) {
    case 'static':
      return source.value;
    case 'header':
      return call.handshake.allHeaders.find(([name]) => name.toLowerCase() === source.name)?.[1];
    case 'querystring':
      return call.handshake.query.find(([name]) => name === source.name)?.[1];
    case 'stageVariable':
      return call.stageVariables[source.name];
    case 'context':
      return webSocketContextValue(call.context, source.name);
  }
}

/**
 * HTTP and HTTP_PROXY: the message is the request body (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integrations.html);
 * `$connect` forwards the upgrade request's fields (a backend sees `Sec-WebSocket-*`), `$disconnect` sends nothing.
 */
export function httpRequest(
  plan: WebSocketHttpPlan,
  call: IntegrationCall,
  body: Buffer | null = call.message === undefined ? null : Buffer.from(call.message, 'utf8'),
): HttpIntegrationRequest {
  const headers: string[] = ['host', plan.upstream.host];
  if (call.context.eventType === 'CONNECT')
    for (const [name, value] of call.handshake.headers) if (!isHopByHop(name) && name.toLowerCase() !== 'host') headers.push(name, value);
  if (body !== null) headers.push('content-type', 'application/json', 'content-length', String(body.length));
  for (const { name, source } of plan.headers) {
    const value = parameterValue(source, call);
    if (value !== undefined) headers.push(name, value);
  }
  return {
    upstream: plan.upstream,
    method: plan.method,
    path: plan.target === '' ? '/' : plan.target,
    headers,
    body,
    timeoutMs: plan.timeoutMs,
    collectResponse: true,
  };
}
