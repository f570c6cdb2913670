import { authorizerVariables, type Authorization, type IamCaller } from './authorization.js';
import { clfTime } from './clf-time.js';
import { findHeader, type ClientRequest } from './client-request.js';

/** `$context.identity.sourceIp` is an IPv4 address for IPv4 clients, even on a dual-stack socket. */
export function plainIp(address: string | undefined): string {
  if (address === undefined) return '';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/**
 * `$context` for one request (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html). Cheap fields are set when the
 * request is parsed; the rest are getters, computed only if an access log, a mapping or a Lambda
 * event asks. Later stages fill in `routeKey`, `status` and the integration fields.
 */
export class RequestContext {
  /** Always `HTTP/1.1`, even for HTTP/2 clients (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html). */
  readonly protocol = 'HTTP/1.1';
  routeKey = '-';
  status = 0;
  integrationStatus = 0;
  errorMessage = '';
  /** Set for requests through a custom domain: the API mapping key matched ("" for the catch-all), https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html. */
  customDomain: { readonly basePathMatched: string } | undefined = undefined;
  /** `$context.error.responseType`: the gateway response type of an error the gateway answered itself. */
  errorResponseType = '';
  /** `$context.integration.status` where it differs from `integrationStatus`: the status a Lambda function returned (0: the same). */
  integrationResponseStatus = 0;
  /** `$context.integrationErrorMessage`: why the integration gave no (complete) response. */
  integrationErrorMessage = '';
  /** `$context.integrationLatency` in ms; -1 while no integration was called. */
  integrationLatency = -1;
  /** `$context.responseLatency` in ms, set once the response is out; -1 before. */
  responseLatency = -1;
  /** `$context.responseLength`: body bytes sent to the client. */
  responseLength = 0;
  /** Body bytes read from the client; with `responseLength`, `$context.dataProcessed`. */
  requestLength = 0;
  /** What the route's authorizer established (docs/reference/dataplane.md §6); undefined on NONE routes and before step 6. */
  authorization: Authorization | undefined = undefined;
  /** `$context.authorizer.error`: why the authorizer refused or failed. */
  authorizerError = '';

  readonly requestId: string;
  readonly requestTimeEpoch: number;
  readonly accountId: string;
  readonly apiId: string;
  /** `$default` or the named stage that served the request. */
  readonly stage: string;
  readonly httpMethod: string;
  /** The request path including a named stage's segment, e.g. `/prod/pets/1` (`$context.path`). */
  readonly path: string;
  /** The Host the client used, port included. */
  readonly host: string;

  constructor(
    fixed: Pick<RequestContext, 'requestId' | 'requestTimeEpoch' | 'accountId' | 'apiId' | 'stage' | 'httpMethod' | 'path' | 'host'>,
    private readonly request: ClientRequest,
  ) {
    this.requestId = fixed.requestId;
    this.requestTimeEpoch = fixed.requestTimeEpoch;
    this.accountId = fixed.accountId;
    this.apiId = fixed.apiId;
    this.stage = fixed.stage;
    this.httpMethod = fixed.httpMethod;
    this.path = fixed.path;
    this.host = fixed.host;
  }

  /** `$context.dataProcessed`: bytes in both directions (request and response bodies; our reading of "data processed"). */
  get dataProcessed(): number {
    return this.requestLength + this.responseLength;
  }

  /** `$context.authorizer.*`: `claims.<name>` (JWT), the context keys and `principalId` (Lambda), `error`. */
  get authorizer(): Record<string, unknown> {
    return authorizerVariables(this.authorization, this.authorizerError);
  }

  /** `$context.identity.{accessKey,accountId,caller,user,userArn}` of an AWS_IAM caller; undefined otherwise. */
  get identity(): IamCaller | undefined {
    return this.authorization?.kind === 'iam' ? this.authorization.caller : undefined;
  }

  get extendedRequestId(): string {
    return this.requestId;
  }

  get requestTime(): string {
    return clfTime(this.requestTimeEpoch);
  }

  get domainName(): string {
    const host = this.host;
    if (host.charCodeAt(0) === 91 /* [ */) return host.slice(0, host.indexOf(']') + 1);
    const colon = host.indexOf(':');
    return colon < 0 ? host : host.slice(0, colon);
  }

  /** First label of the domain name: the API id on execute-api hosts. */
  get domainPrefix(): string {
    const domain = this.domainName;
    const dot = domain.indexOf('.');
    return dot < 0 ? domain : domain.slice(0, dot);
  }

  get sourceIp(): string {
    return plainIp(this.request.socket.remoteAddress);
  }

  get userAgent(): string {
    return findHeader(this.request.rawHeaders, 'user-agent') ?? '';
  }
}
