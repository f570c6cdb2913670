import type { IntegrationFailure } from '../../integrations/index.js';
import type { CollectedResponse } from './collected-response.js';
import type { WebSocketContext } from './websocket-context.js';
import type { WebSocketIntegrationPlan } from './websocket-deployment.js';
import type { HandshakeFacts } from './websocket-events.js';

/** One event sent to a route's integration: the `$connect` handshake, a message, or the close. */
export interface IntegrationCall {
  readonly plan: WebSocketIntegrationPlan;
  readonly context: WebSocketContext;
  /** The Lambda proxy event, built only for AWS_PROXY integrations. */
  readonly event: () => Record<string, unknown>;
  /** The message (MESSAGE events); undefined for CONNECT and DISCONNECT. */
  readonly message: string | undefined;
  /** The upgrade request: its headers go to an HTTP `$connect` integration and `route.request.*` parameters. */
  readonly handshake: HandshakeFacts;
  readonly stageVariables: Readonly<Record<string, string>>;
}

export type IntegrationResult =
  | ({ readonly kind: 'responded' } & CollectedResponse)
  | { readonly kind: 'failed'; readonly failure: IntegrationFailure; readonly detail: string };
