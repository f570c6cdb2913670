import type { ContextValue } from '../../observability/index.js';
import type { RequestContext } from '../request-context.js';

type Getter = ContextValue<RequestContext>;

/** A duration or size that is negative while unknown (no integration was called). */
const measured = (n: number): string => (n < 0 ? '' : String(n));
/** A status that is 0 while nothing was answered (the client left first). */
const statusText = (n: number): string => (n === 0 ? '' : String(n));

const integrationStatus: Getter = (c) => statusText(c.integrationStatus);
// "The status code returned from an integration. For Lambda proxy integrations, this is the status
// code that your Lambda function code returns": the function's, where `integrationStatus` is Lambda's.
const integrationResponseStatus: Getter = (c) => statusText(c.integrationResponseStatus || c.integrationStatus);
const integrationLatency: Getter = (c) => measured(c.integrationLatency);
const integrationError: Getter = (c) => c.integrationErrorMessage;
// HTTP integrations call no AWS endpoint: there is no endpoint request id to report.
const noEndpointRequestId: Getter = () => '';

/**
 * The `$context` variables of HTTP API access logs (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html;
 * docs/reference/dataplane.md §9), by the name after `$context.`. A getter returning '' writes `-`.
 */
const VARIABLES: ReadonlyMap<string, Getter> = new Map<string, Getter>([
  ['accountId', (c) => c.accountId],
  ['apiId', (c) => c.apiId],
  ['awsEndpointRequestId', noEndpointRequestId],
  ['awsEndpointRequestId2', noEndpointRequestId],
  // The API mapping key a custom-domain request matched (`v1/orders`); `-` on execute-api endpoints.
  ['customDomain.basePathMatched', (c) => c.customDomain?.basePathMatched ?? ''],
  ['dataProcessed', (c) => String(c.dataProcessed)],
  ['domainName', (c) => c.domainName],
  ['domainPrefix', (c) => c.domainPrefix],
  ['error.message', (c) => c.errorMessage],
  // "The quoted value of $context.error.message, namely "$context.error.message"": quoted even when
  // empty (`"-"`), so a JSON format can use it unquoted.
  ['error.messageString', (c) => `"${c.errorMessage === '' ? '-' : c.errorMessage}"`],
  ['error.responseType', (c) => c.errorResponseType],
  ['extendedRequestId', (c) => c.extendedRequestId],
  ['httpMethod', (c) => c.httpMethod],
  // IAM-authorized routes only (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html); `-` elsewhere.
  ['identity.accountId', (c) => c.identity?.accountId ?? ''],
  ['identity.caller', (c) => c.identity?.caller ?? ''],
  ['identity.sourceIp', (c) => c.sourceIp],
  ['identity.user', (c) => c.identity?.user ?? ''],
  ['identity.userAgent', (c) => c.userAgent],
  ['identity.userArn', (c) => c.identity?.userArn ?? ''],
  ['integration.error', integrationError],
  // For HTTP integrations the backend's status is both the integration's and the "AWS service" status.
  ['integration.integrationStatus', integrationStatus],
  ['integration.latency', integrationLatency],
  ['integration.requestId', noEndpointRequestId],
  ['integration.status', integrationResponseStatus],
  ['integrationErrorMessage', integrationError],
  ['integrationLatency', integrationLatency],
  ['integrationStatus', integrationStatus],
  ['path', (c) => c.path],
  ['protocol', (c) => c.protocol],
  ['requestId', (c) => c.requestId],
  ['requestTime', (c) => c.requestTime],
  ['requestTimeEpoch', (c) => String(c.requestTimeEpoch)],
  ['responseLatency', (c) => measured(c.responseLatency)],
  ['responseLength', (c) => String(c.responseLength)],
  ['routeKey', (c) => c.routeKey],
  ['stage', (c) => c.stage],
  ['status', (c) => statusText(c.status)],
]);

const AUTHORIZER = 'authorizer.';

/** A leaf of `$context.authorizer` as text: strings as they are, numbers and booleans printed, anything else `-`. */
function leafText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/**
 * `$context.authorizer.<property>` (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html): a Lambda authorizer's context
 * key or `principalId`, `claims.<claim>` of a JWT, `error`. `authorizer.claims` alone is not a value
 * (AWS: "returns null"). A context key that itself contains dots is found before the dotted path.
 */
function authorizerVariable(property: string): Getter {
  const path = property.split('.');
  return (c) => {
    const tree = c.authorizer;
    if (Object.hasOwn(tree, property)) return leafText(tree[property]);
    let value: unknown = tree;
    for (const key of path) {
      if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return '';
      value = (value as Record<string, unknown>)[key];
    }
    return leafText(value);
  };
}

/** The getter of `$context.<name>`, or undefined for a variable HTTP APIs do not have (written as `-`). */
export function contextVariable(name: string): Getter | undefined {
  const fixed = VARIABLES.get(name);
  if (fixed !== undefined) return fixed;
  if (name.startsWith(AUTHORIZER) && name.length > AUTHORIZER.length) return authorizerVariable(name.slice(AUTHORIZER.length));
  return undefined;
}
