import type { CapturedBody, InvocationRecord } from '../../data-plane/index.js';
import { headerPairs, maskLambdaEvent, maskUrl } from './mask.js';

/** A captured body as JSON: UTF-8 text when it is text, else base64. */
export interface ConsoleBody {
  readonly encoding: 'utf8' | 'base64';
  readonly data: string;
  /** Bytes seen in all (the capture keeps the first 64 KiB). */
  readonly size: number;
  readonly truncated: boolean;
}

/** What the authorizer of the route decided, as the live table shows it. */
export interface ConsoleAuthorizer {
  readonly kind: 'jwt' | 'lambda' | 'iam' | 'none';
  /** allowed, denied (401/403 from the authorizer) or failed (its 500). */
  readonly result: 'allowed' | 'denied' | 'failed' | 'none';
  /** Why it refused or failed (`$context.authorizer.error`). */
  readonly error: string;
  /** Claims (JWT), context and principalId (Lambda), the caller (IAM). */
  readonly values: Record<string, unknown>;
}

/** One request as `/_portico/api/requests` and the SSE stream hand it out (docs/console.md). */
export interface ConsoleRecord {
  /** Increasing per process: the SSE event id and the `after` cursor. */
  readonly seq: number;
  readonly requestId: string;
  /** Epoch milliseconds the request arrived. */
  readonly time: number;
  readonly apiId: string;
  /** Undefined when no stage was selected. */
  readonly stage: string | undefined;
  readonly method: string;
  readonly path: string;
  /** The matched route key; undefined for "no route". */
  readonly routeKey: string | undefined;
  readonly status: number;
  readonly latencyMs: number;
  /** -1 when no integration was called. */
  readonly integrationLatencyMs: number;
  /** Where the request went: the upstream URL, or `function NAME` for Lambda. */
  readonly target: string | undefined;
  readonly authorizer: ConsoleAuthorizer;
  /** The gateway error answered, if any (e.g. `AUTHORIZER_FAILURE`), and `$context.error.message`. */
  readonly error: { readonly kind: string; readonly message: string; readonly responseType: string } | undefined;
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly headers: [string, string][];
    readonly remoteAddress: string | undefined;
    readonly body: ConsoleBody | undefined;
  };
  readonly integration:
    | { readonly kind: 'http'; readonly method: string; readonly url: string; readonly headers: [string, string][] }
    | { readonly kind: 'lambda'; readonly functionUri: string; readonly event: unknown }
    | undefined;
  readonly endpointResponse: { readonly status: number; readonly headers: [string, string][] } | undefined;
  readonly response: { readonly status: number; readonly headers: [string, string][]; readonly body: ConsoleBody | undefined } | undefined;
  /** The `$context` values of the request (docs: HTTP API access-log variables). */
  readonly context: Record<string, unknown> | undefined;
}

/** `function NAME` for a Lambda ARN (or an integration URI holding one), else the URI as is. */
function functionTarget(uri: string): string {
  const name = /:function:([^:/]+)/.exec(uri)?.[1];
  return name === undefined ? uri : `function ${name}`;
}

function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) return true;
  }
  return false;
}

function body(captured: CapturedBody | undefined): ConsoleBody | undefined {
  if (captured === undefined || captured.size === 0) return undefined;
  const text = captured.bytes.toString('utf8');
  // Text when the bytes round-trip as UTF-8 and hold no control characters but white space.
  const isText = Buffer.byteLength(text) === captured.bytes.length && !hasControl(text);
  return {
    encoding: isText ? 'utf8' : 'base64',
    data: isText ? text : captured.bytes.toString('base64'),
    size: captured.size,
    truncated: captured.truncated,
  };
}

const KINDS: Record<string, ConsoleAuthorizer['kind']> = { JWT: 'jwt', CUSTOM: 'lambda', AWS_IAM: 'iam' };

function authorizerOf(record: InvocationRecord, authorizationType: string | undefined): ConsoleAuthorizer {
  const context = record.context;
  const authorization = context?.authorization;
  const error = context?.authorizerError ?? '';
  const kind = authorization?.kind ?? KINDS[authorizationType ?? ''] ?? 'none';
  const values: Record<string, unknown> = {};
  if (authorization?.kind === 'jwt') Object.assign(values, { claims: authorization.claims, scopes: authorization.scopes });
  if (authorization?.kind === 'lambda') Object.assign(values, { principalId: authorization.principalId, context: authorization.context });
  if (authorization?.kind === 'iam') Object.assign(values, { caller: authorization.caller });
  const status = record.response?.status ?? context?.status ?? 0;
  const refused = error !== '' || status === 401 || status === 403;
  const result = authorization !== undefined ? 'allowed' : kind === 'none' || !refused ? 'none' : status >= 500 ? 'failed' : 'denied';
  return { kind, result, error, values };
}

const CONTEXT_FIELDS = [
  'requestId',
  'requestTime',
  'requestTimeEpoch',
  'accountId',
  'apiId',
  'stage',
  'routeKey',
  'httpMethod',
  'path',
  'protocol',
  'domainName',
  'domainPrefix',
  'sourceIp',
  'userAgent',
  'status',
  'integrationStatus',
  'integrationLatency',
  'responseLatency',
  'responseLength',
  'dataProcessed',
  'errorMessage',
  'errorResponseType',
  'integrationErrorMessage',
  'authorizer',
] as const;

/** The JSON the console sees of one invocation; secrets masked unless `showSecrets`. */
/** What the live table and the event stream carry of a request: no heads, bodies or `$context` (those are fetched on click). */
export type ConsoleSummary = Omit<ConsoleRecord, 'request' | 'integration' | 'endpointResponse' | 'response' | 'context'>;

export interface RecordOptions {
  readonly showSecrets: boolean;
  readonly authorizationType: (apiId: string, stage: string, routeKey: string) => string | undefined;
}

/** The summary of one invocation, made as it happens (cheap: no heads, no bodies). */
export function consoleSummary(record: InvocationRecord, seq: number, options: RecordOptions): ConsoleSummary {
  const { showSecrets } = options;
  const { context, request, integration } = record;
  const routeKey = context === undefined || context.routeKey === '-' ? undefined : context.routeKey;
  const authorizationType =
    context === undefined || routeKey === undefined ? undefined : options.authorizationType(record.apiId, context.stage, routeKey);
  const url = (value: string) => (showSecrets ? value : maskUrl(value));
  return {
    seq,
    requestId: record.requestId,
    time: context?.requestTimeEpoch ?? Date.now(),
    apiId: record.apiId,
    stage: context?.stage,
    method: request.method,
    path: url(request.url),
    routeKey,
    status: record.response?.status ?? context?.status ?? 0,
    latencyMs: context?.responseLatency ?? -1,
    integrationLatencyMs: context?.integrationLatency ?? -1,
    target:
      integration === undefined ? undefined : integration.kind === 'http' ? url(integration.url) : functionTarget(integration.functionUri),
    authorizer: authorizerOf(record, authorizationType),
    error:
      record.error === undefined
        ? undefined
        : { kind: record.error, message: context?.errorMessage ?? '', responseType: context?.errorResponseType ?? '' },
  };
}

/** The whole record, made only when someone opens the request (heads masked unless `showSecrets`). */
export function consoleDetail(record: InvocationRecord, summary: ConsoleSummary, showSecrets: boolean): ConsoleRecord {
  const { context, request, integration } = record;
  const url = (value: string) => (showSecrets ? value : maskUrl(value));
  return {
    ...summary,
    request: {
      method: request.method,
      url: url(request.url),
      headers: headerPairs(request.headers, showSecrets),
      remoteAddress: request.remoteAddress,
      body: body(request.body),
    },
    integration:
      integration === undefined
        ? undefined
        : integration.kind === 'http'
          ? { kind: 'http', method: integration.method, url: url(integration.url), headers: headerPairs(integration.headers, showSecrets) }
          : {
              kind: 'lambda',
              functionUri: integration.functionUri,
              event: showSecrets ? integration.event : maskLambdaEvent(integration.event),
            },
    endpointResponse:
      record.endpointResponse === undefined
        ? undefined
        : { status: record.endpointResponse.status, headers: headerPairs(record.endpointResponse.headers, showSecrets) },
    response:
      record.response === undefined
        ? undefined
        : { status: record.response.status, headers: headerPairs(record.response.headers, showSecrets), body: body(record.response.body) },
    context: context === undefined ? undefined : Object.fromEntries(CONTEXT_FIELDS.map((name) => [name, context[name]])),
  };
}
