import { authorizerVariables, type Authorization, type IamCaller } from '../authorization.js';
import { clfTime } from '../clf-time.js';

/** What a connection is for its whole life: fixed at `$connect`, read by every event and `$context`. */
export interface ConnectionFacts {
  readonly connectionId: string;
  /** Epoch ms of the `$connect` request. */
  readonly connectedAt: number;
  readonly apiId: string;
  readonly accountId: string;
  readonly stage: string;
  /**
   * What events carry as `requestContext.domainName` and functions build their `@connections`
   * endpoint from: `{apiId}.execute-api.{region}.amazonaws.com` on the execute-api endpoint, whatever
   * local form the client used (the Lambda runtime sends such hosts back here), or the custom domain.
   */
  readonly domainName: string;
  readonly sourceIp: string;
  /** undefined when the client sent no User-Agent (events then show no `identity.userAgent`). */
  readonly userAgent: string | undefined;
  /** What the `$connect` authorizer established: later events carry it too. */
  readonly authorization: Authorization | undefined;
  /** A custom domain's API mapping key (`$context.customDomain.basePathMatched`). */
  readonly basePathMatched: string | undefined;
}

export const EVENT_TYPES = ['CONNECT', 'MESSAGE', 'DISCONNECT'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * `$context` for one WebSocket event (https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-logging.html):
 * the connection's facts, this event's ids and times, and what the steps found out (status,
 * integration, authorizer, error). One access-log line is rendered from it per event.
 */
export class WebSocketContext {
  routeKey: string;
  status = 0;
  integrationStatus = 0;
  /** `$context.integrationLatency` in ms; -1 while no integration was called. */
  integrationLatency = -1;
  errorMessage = '';
  errorResponseType = '';
  integrationErrorMessage = '';
  /** `$context.authorize.*` / `$context.authorizer.*`: the `$connect` authorizer's outcome (0 / -1: none ran). */
  authorizeStatus = 0;
  authorizeLatency = -1;
  authorizeError = '';
  authorizerStatus = 0;
  authorizerLatency = -1;
  authorizerError = '';
  authorizerIntegrationStatus = 0;
  /** Set once the `$connect` authorizer allowed the connection (CONNECT events only; later events read the connection's). */
  authorization: Authorization | undefined;

  constructor(
    readonly connection: ConnectionFacts,
    readonly eventType: EventType,
    readonly requestId: string,
    readonly requestTimeEpoch: number,
    routeKey: string,
    /** MESSAGE events only: the message's id (`$context.messageId`). */
    readonly messageId: string | undefined,
  ) {
    this.routeKey = routeKey;
    this.authorization = connection.authorization;
  }

  get extendedRequestId(): string {
    return this.requestId;
  }

  get requestTime(): string {
    return clfTime(this.requestTimeEpoch);
  }

  get authorizer(): Record<string, unknown> {
    return authorizerVariables(this.authorization, this.authorizerError);
  }

  get identity(): IamCaller | undefined {
    return this.authorization?.kind === 'iam' ? this.authorization.caller : undefined;
  }
}

/** `$context.<name>` as text, for request parameters and identity sources; undefined when unknown. */
export function webSocketContextValue(context: WebSocketContext, name: string): string | undefined {
  const c = context.connection;
  const values: Record<string, string | number | undefined> = {
    connectionId: c.connectionId,
    connectedAt: c.connectedAt,
    domainName: c.domainName,
    eventType: context.eventType,
    messageId: context.messageId,
    routeKey: context.routeKey,
    requestId: context.requestId,
    extendedRequestId: context.requestId,
    apiId: c.apiId,
    stage: c.stage,
    requestTimeEpoch: context.requestTimeEpoch,
    'identity.sourceIp': c.sourceIp,
    'identity.userAgent': c.userAgent,
  };
  const value = values[name];
  return value === undefined ? undefined : String(value);
}
