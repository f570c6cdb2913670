import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Endpoint } from '../invocation.js';
import type { RandomPool } from '../random-pool.js';
import { plainIp } from '../request-context.js';
import { traceId } from '../trace-id.js';
import type { ConnectAttempt, ConnectDecision } from './connect.js';
import { handshakeFacts, headerOfRequest, refuseUpgrade } from './handshake.js';
import type { WebSocketDependencies } from './messages.js';
import { WebSocketContext, type ConnectionFacts } from './websocket-context.js';
import type { WebSocketApiState, WebSocketStageState } from './websocket-deployment.js';
import { selectWebSocketStage, type WebSocketServingState } from './websocket-serving-state.js';

/** An upgrade request between its arrival and the handshake: what `$connect` needs and decided. */
export interface PendingUpgrade {
  readonly stage: WebSocketStageState;
  readonly context: WebSocketContext;
  readonly attempt: ConnectAttempt;
  decision: ConnectDecision | undefined;
}

export interface UpgradeInput {
  readonly state: WebSocketServingState;
  readonly api: WebSocketApiState;
  readonly endpoint: Endpoint;
  readonly req: IncomingMessage;
  readonly socket: Duplex;
  readonly connectionId: string;
  readonly edgePort: string | undefined;
  readonly random: RandomPool;
  readonly deps: WebSocketDependencies;
}

/** The host name of a Host value (no port). */
function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.indexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}

/**
 * Start `$connect` for an upgrade request: the stage (`wss://{api-id}.execute-api.{region}.amazonaws.com/{stage}`,
 * nothing after it), the connection's facts and the CONNECT `$context`. undefined when it was
 * refused at once: no such stage, or a path below it — 403 `{"message":"Forbidden"}`, AWS's answer
 * for paths its execute-api endpoint does not serve (docs/compatibility.md "Decided where AWS is silent").
 */
export function startUpgrade(input: UpgradeInput): PendingUpgrade | undefined {
  const { state, api, endpoint, req, deps } = input;
  const target = selectWebSocketStage(api, endpoint);
  if (target === undefined || (target.rest !== '' && target.rest !== '/')) {
    refuseUpgrade(input.socket, 403, 'Forbidden', '{"message":"Forbidden"}', { 'x-amzn-RequestId': deps.requestId() });
    return undefined;
  }
  const stage = target.stage;
  const deployment = stage.deployment;
  if (deployment === undefined) return undefined;
  const now = deps.clock.now();
  const facts: ConnectionFacts = {
    connectionId: input.connectionId,
    connectedAt: now,
    apiId: api.apiId,
    accountId: state.accountId,
    stage: stage.stageName,
    // The AWS name of the endpoint, so that `https://${domainName}/${stage}` reaches the management API
    // from a local function (the Lambda runtime sends execute-api hosts here: docs/compatibility.md).
    domainName: endpoint.customDomain !== undefined ? hostName(endpoint.host) : `${api.apiId}.execute-api.${state.region}.amazonaws.com`,
    sourceIp: plainIp(req.socket.remoteAddress),
    userAgent: headerOfRequest(req, 'user-agent'),
    authorization: undefined,
    basePathMatched: endpoint.customDomain?.basePathMatched,
  };
  const context = new WebSocketContext(facts, 'CONNECT', deps.requestId(), now, '$connect', undefined);
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const port = (endpoint.viaEdge ? input.edgePort : undefined) ?? String(req.socket.localPort ?? '');
  const handshake = handshakeFacts(req, endpoint.query, stage.stage.stageVariables, {
    traceId: traceId(now, input.random),
    port,
    proto: encrypted ? 'https' : 'http',
  });
  return {
    stage,
    context,
    attempt: { context, handshake, request: req, deployment, stage: stage.stage, region: state.region },
    decision: undefined,
  };
}
