import type { CountedBody, ResponseSink } from '../integrations/index.js';
import type { BodyRead } from '../wire/index.js';
import type { ClientRequest } from './client-request.js';
import type { CorsRequest } from './cors.js';
import type { ApiState, CompiledDeployment, CompiledRoute, ServingState, StageState } from './deployment.js';
import type { RequestContext } from './request-context.js';

/**
 * The records of one invocation, in the order the pipeline (pipeline.ts) establishes them: which
 * API the request is for, the stage that serves it, the parsed request and its `$context`, the
 * matched route; then everything known once a route matched. Steps take these records and return
 * a record or a GatewayError; only the respond step (respond.ts) writes to the client.
 */

/** Which API a request is for, and the request target relative to that API's endpoint root. */
export interface Endpoint {
  readonly apiId: string;
  /** Path as sent, without the query; for path-style requests, what follows `/_aws/execute-api/{apiId}`. "" when the request target is not a path. */
  readonly path: string;
  /** "" or the query string including its leading "?", as sent. */
  readonly query: string;
  /** The Host the client used ("" when it sent none). */
  readonly host: string;
  /** Arrived on the shared edge port (not a dedicated `--api-port`). */
  readonly viaEdge: boolean;
  /**
   * Set when the Host is a custom domain name: the mapping's stage, and its key
   * (`$context.customDomain.basePathMatched`); `path` is then what follows the key.
   */
  readonly customDomain?: { readonly stage: string; readonly basePathMatched: string };
  /** A `..` in the path climbs above the root (normalize-path.ts): answered 400 before any step. */
  readonly climbsAboveRoot?: true;
}

/** Step 1: the stage that serves the request, and its deployment. */
export interface StageSelection {
  readonly api: ApiState;
  readonly stage: StageState;
  readonly deployment: CompiledDeployment;
  /** What the routes see: the request path without a named stage's segment ("/" at least). */
  readonly routePath: string;
  /**
   * The request path as the execute-api endpoint has it, a named stage's segment included: what
   * HTTP backends receive and `$context.path`. Through a custom domain: the stage's segment (for a
   * named stage) followed by what follows the mapping key.
   */
  readonly path: string;
}

/** Step 2: the request line as the steps read it; headers stay in the raw list, the body unread. */
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

/** Step 3: the route that serves the request. */
export interface RouteMatch {
  readonly route: CompiledRoute;
  /** The route path's decoded, non-empty segments (empty when no route needs them). */
  readonly segments: readonly string[];
  /** The request path ended in "/" (routed like the path without it). */
  readonly trailingSlash: boolean;
}

/** Everything the steps after route matching take: throttling, authorization, the integration request, the response. */
export interface RoutedInvocation {
  readonly invocation: Invocation;
  readonly request: ClientRequest;
  readonly parsed: ParsedRequest;
  readonly context: RequestContext;
  readonly selection: StageSelection;
  readonly match: RouteMatch;
  /** The stage's live variables. */
  readonly stageVariables: Readonly<Record<string, string>>;
}

/**
 * One request from arrival to its response: what is fixed when it arrives, and what the respond
 * step and the after-response hook need of what the steps established.
 */
export class Invocation {
  /** undefined until a stage was selected (then `$context` exists). */
  context: RequestContext | undefined = undefined;
  stage: StageState | undefined = undefined;
  /** The API's CORS view of this request: its headers go on gateway errors too (docs/compatibility.md "Decided where AWS is silent"). */
  cors: CorsRequest | undefined = undefined;
  /** The client's body, once a step read it whole (Lambda events, body mappings, AWS_IAM hashes): read once, shared. */
  bodyRead: Promise<BodyRead> | undefined = undefined;
  /** The X-Ray trace id Lambda events carry when the client sent none: one per request. */
  traceId: string | undefined = undefined;
  /** The client's body as it streams to an upstream; an error answer must then close the connection. */
  streamedBody: CountedBody | undefined = undefined;

  constructor(
    readonly state: ServingState,
    readonly endpoint: Endpoint,
    readonly request: ClientRequest,
    /** Where the client's response goes; only respond.ts writes to it. */
    readonly sink: ResponseSink,
    readonly requestId: string,
  ) {}
}
