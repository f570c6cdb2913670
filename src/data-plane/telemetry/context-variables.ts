import type { ContextValue } from '../../observability/index.js';
import type { RequestContext } from '../request-context.js';

type Getter = ContextValue<RequestContext>;

/** A duration or size that is negative while unknown (no integration was called). */
const measured = (n: number): string => (n < 0 ? '' : String(n));
/** A status that is 0 while nothing was answered (the client left first). */
const statusText = (n: number): string => (n === 0 ? '' : String(n));

const integrationStatus: Getter = (c) => statusText(c.integrationStatus);
const integrationLatency: Getter = (c) => measured(c.integrationLatency);
const integrationError: Getter = (c) => c.integrationErrorMessage;
// HTTP integrations call no AWS endpoint: there is no endpoint request id to report.
const noEndpointRequestId: Getter = () => '';

/**
 * The `$context` variables of HTTP API access logs (SNAP:http-api-logging-variables.md;
 * dataplane.md §9), by the name after `$context.`. A getter returning '' writes `-`.
 */
const VARIABLES: ReadonlyMap<string, Getter> = new Map<string, Getter>([
  ['accountId', (c) => c.accountId],
  ['apiId', (c) => c.apiId],
  ['awsEndpointRequestId', noEndpointRequestId],
  ['awsEndpointRequestId2', noEndpointRequestId],
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
  ['identity.sourceIp', (c) => c.sourceIp],
  ['identity.userAgent', (c) => c.userAgent],
  ['integration.error', integrationError],
  // For HTTP integrations the backend's status is both the integration's and the "AWS service" status.
  ['integration.integrationStatus', integrationStatus],
  ['integration.latency', integrationLatency],
  ['integration.requestId', noEndpointRequestId],
  ['integration.status', integrationStatus],
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

/** The getter of `$context.<name>`, or undefined for a variable HTTP APIs do not have (written as `-`). */
export function contextVariable(name: string): Getter | undefined {
  return VARIABLES.get(name);
}
