import type { Upstream } from '../../integrations/index.js';
import type { IntegrationResponse, Route, Stage } from '../../model/index.js';
import type { AuthorizerPlan } from '../authorizers/authorizer-plan.js';
import type { UnservedPlan } from '../deployment.js';
import type { LambdaPlan } from '../lambda/lambda-plan.js';
import type { SelectionExpression } from './selection-expression.js';
import type { TemplatePlan } from './template-plan.js';

/**
 * The compiled WebSocket deployments the data plane serves (compile-websocket.ts builds them once
 * per deployment; connections and messages only read them).
 */

/** Where an HTTP or HTTP_PROXY integration sends a message: the URI's target, the message as the body. */
export interface WebSocketHttpPlan {
  readonly kind: 'http';
  readonly integrationId: string;
  readonly upstream: Upstream;
  /** The URI's path and query, sent as they are written. */
  readonly target: string;
  readonly method: string;
  readonly timeoutMs: number;
  /** `integration.request.header.<name>` → a value source (WebSocket request parameters). */
  readonly headers: readonly HeaderParameter[];
  /** HTTP (not HTTP_PROXY): request templates and integration responses apply. */
  readonly templates: TemplatePlan | undefined;
}

/** A MOCK integration: its request template's `statusCode` answers (integrations/mock-integration.ts). */
export interface WebSocketTemplatedPlan {
  readonly kind: 'templated';
  readonly integrationId: string;
  readonly templates: TemplatePlan;
}

export type WebSocketIntegrationPlan = LambdaPlan | WebSocketHttpPlan | WebSocketTemplatedPlan | UnservedPlan;

/** `integration.request.header.X` mapped from `route.request.header.Y`, `route.request.querystring.Y`, `context.Y`, `stageVariables.Y` or `'static'`. */
export interface HeaderParameter {
  readonly name: string;
  readonly source:
    | { readonly kind: 'static'; readonly value: string }
    | { readonly kind: 'header' | 'querystring' | 'context' | 'stageVariable'; readonly name: string };
}

export interface WebSocketRoute {
  readonly routeKey: string;
  readonly route: Route;
  readonly integration: WebSocketIntegrationPlan | undefined;
  /** `$connect` only: its authorizer (AWS authorizes WebSocket APIs at connection time only). */
  readonly authorizer: AuthorizerPlan | undefined;
  /** A route with a `$default` route response sends the integration's response back (two-way). */
  readonly twoWay: boolean;
  /** The integration's responses (non-proxy integrations), `$default` among them. */
  readonly integrationResponses: readonly IntegrationResponse[];
}

export interface CompiledWebSocketDeployment {
  readonly apiId: string;
  readonly deploymentId: string;
  readonly disableExecuteApiEndpoint: boolean;
  readonly selection: SelectionExpression | undefined;
  /** The API's `routeSelectionExpression` when it cannot be read: every message goes to `$default`. */
  readonly selectionProblem: string | undefined;
  /** Custom routes by key (`$connect`, `$disconnect`, `$default` are apart). */
  readonly routes: ReadonlyMap<string, WebSocketRoute>;
  readonly connect: WebSocketRoute | undefined;
  readonly disconnect: WebSocketRoute | undefined;
  readonly fallback: WebSocketRoute | undefined;
}

export interface WebSocketStageState {
  readonly stageName: string;
  readonly stage: Stage;
  /** undefined until the stage is first deployed: such a stage refuses connections. */
  readonly deployment: CompiledWebSocketDeployment | undefined;
}

export interface WebSocketApiState {
  readonly apiId: string;
  readonly namedStages: ReadonlyMap<string, WebSocketStageState>;
  readonly defaultStage: WebSocketStageState | undefined;
}
