import type { ResponseSink } from '../../integrations/index.js';
import { DEFAULT_STAGE_NAME } from '../../model/index.js';
import type { SigV4Verifier } from '../../sigv4/index.js';
import { readBody } from '../../wire/index.js';
import { declaredBodyLength, headerMap, type ClientRequest } from '../client-request.js';
import type { Endpoint } from '../invocation.js';
import type { ConnectionAddress, ConnectionAnswer, ConnectionCommand } from './connection-commands.js';
import { WEBSOCKET_LIMITS } from './limits.js';
import type { WebSocketApiState } from './websocket-deployment.js';

export interface ManagementDependencies {
  /** SigV4 for `execute-api`, against `--auth` credentials (any signature without them). */
  readonly verifier: SigV4Verifier;
  readonly requestId: () => string;
  /** Run a command where the connection lives (this process or, with `--workers`, another). */
  readonly command: (address: ConnectionAddress, command: ConnectionCommand) => Promise<ConnectionAnswer>;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * `{stage}/@connections/{connectionId}` on the execute-api endpoint, or `@connections/{id}` after a
 * custom domain's mapping key or on the `$default` stage
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-how-to-call-websocket-api-connections.html).
 * Segments are percent-decoded: SDKs send `%40connections` and `…%3D`.
 */
export function connectionAddress(api: WebSocketApiState, endpoint: Endpoint): ConnectionAddress | undefined {
  const segments = endpoint.path.split('/').slice(1).map(decode);
  let stage: string;
  let rest = segments;
  if (endpoint.customDomain !== undefined) stage = endpoint.customDomain.stage;
  else if (segments.length > 0 && api.namedStages.has(segments[0] as string)) {
    stage = segments[0] as string;
    rest = segments.slice(1);
  } else stage = DEFAULT_STAGE_NAME;
  if (rest.length !== 2 || rest[0] !== '@connections' || rest[1] === '') return undefined;
  const known = stage === DEFAULT_STAGE_NAME ? api.defaultStage : api.namedStages.get(stage);
  if (known === undefined) return undefined;
  return { apiId: api.apiId, stage, connectionId: rest[1] as string };
}

function answer(sink: ResponseSink, requestId: string, status: number, body: string, errorType?: string): void {
  const headers = ['content-type', 'application/json', 'content-length', String(Buffer.byteLength(body)), 'x-amzn-requestid', requestId];
  if (errorType !== undefined) headers.push('x-amzn-errortype', errorType);
  sink.head(status, headers);
  sink.end(body === '' ? undefined : Buffer.from(body));
}

/**
 * The `@connections` management API (ApiGatewayManagementApi, rest-json; the operations' shapes are
 * the SDK's model): POST sends the body to the client (200), GET describes the connection
 * (`connectedAt`, `identity.sourceIp/userAgent`, `lastActiveAt`), DELETE closes it (204). A closed or
 * unknown id is 410 GoneException with no body, as AWS answers
 * (https://github.com/georgeboot/laravel-echo-api-gateway/issues/9); over 128 KB is 413
 * PayloadTooLargeException. Requests are SigV4-signed for `execute-api`; anything else on the
 * API's HTTPS endpoint is 403 `{"message":"Forbidden"}` (https://github.com/aws/aws-sdk-php/issues/1955).
 */
export async function serveManagement(
  api: WebSocketApiState,
  endpoint: Endpoint,
  request: ClientRequest,
  sink: ResponseSink,
  deps: ManagementDependencies,
): Promise<void> {
  const requestId = deps.requestId();
  const address = connectionAddress(api, endpoint);
  const method = request.method ?? 'GET';
  if (address === undefined || (method !== 'POST' && method !== 'GET' && method !== 'DELETE'))
    return answer(sink, requestId, 403, '{"message":"Forbidden"}', 'ForbiddenException');
  const read = await readBody(request, WEBSOCKET_LIMITS.messageBytes, declaredBodyLength(request.rawHeaders));
  if (read.kind === 'aborted' || read.kind === 'stalled') return sink.abort();
  // Over the quota the body is not read, so its signature cannot be checked: refused first.
  if (read.kind === 'too-large') return answer(sink, requestId, 413, '{"message":"Message too long"}', 'PayloadTooLargeException');
  const body = read.body;
  // What the client signed: the request target as sent (a path-style `/_aws/execute-api/…` prefix included).
  const target = request.url ?? '/';
  const question = target.indexOf('?');
  const verified = deps.verifier.verify(
    {
      method,
      path: question < 0 ? target : target.slice(0, question),
      query: question < 0 ? '' : target.slice(question + 1),
      headers: headerMap(request.rawHeaders),
      body,
    },
    { service: 'execute-api' },
  );
  if (!verified.ok) return answer(sink, requestId, 403, JSON.stringify({ message: verified.error.message }), verified.error.type);
  if (!verified.identity.signed)
    return answer(sink, requestId, 403, '{"message":"Missing Authentication Token"}', 'MissingAuthenticationTokenException');
  const command: ConnectionCommand =
    method === 'POST' ? { op: 'post', data: body.toString('base64') } : method === 'GET' ? { op: 'get' } : { op: 'delete' };
  const result = await deps.command(address, command);
  if (result.kind === 'gone') return answer(sink, requestId, 410, '', 'GoneException');
  if (result.kind === 'done') return answer(sink, requestId, method === 'DELETE' ? 204 : 200, '');
  const info = {
    connectedAt: new Date(result.connectedAt).toISOString(),
    identity: { sourceIp: result.sourceIp, ...(result.userAgent === undefined ? {} : { userAgent: result.userAgent }) },
    lastActiveAt: new Date(result.lastActiveAt).toISOString(),
  };
  answer(sink, requestId, 200, JSON.stringify(info));
}
