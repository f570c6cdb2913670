import { TargetGroup, type TargetResolver, type Upstream, type UpstreamPools } from '../integrations/index.js';
import { HTTP_TIMEOUT_LIMITS, type Integration } from '../model/index.js';
import type { IntegrationPlan, UnservedPlan } from './deployment.js';
import { compileLambdaPlan } from './lambda/lambda-plan.js';

/** `timeoutInMillis`: 50–30,000 ms for HTTP APIs, default 30,000 (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_integration). */
function integrationTimeout(ms: number | undefined): number {
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0) return HTTP_TIMEOUT_LIMITS.max;
  return Math.min(HTTP_TIMEOUT_LIMITS.max, Math.max(HTTP_TIMEOUT_LIMITS.min, Math.floor(ms)));
}

function methodOf(integration: Integration): string | undefined {
  const method = integration.integrationMethod?.toUpperCase();
  return method === undefined || method === '' || method === 'ANY' ? undefined : method;
}

function unserved(integration: Integration, problem: string): UnservedPlan {
  return { kind: 'unserved', integrationId: integration.integrationId, problem };
}

/** Split `scheme://authority/path?query` without URL's normalisation, which would encode `{var}`. */
function splitUri(uri: string): { origin: string; path: string; query: string } | undefined {
  const scheme = uri.indexOf('://');
  if (scheme < 0) return undefined;
  let end = scheme + 3;
  while (end < uri.length && uri[end] !== '/' && uri[end] !== '?' && uri[end] !== '#') end++;
  const hash = uri.indexOf('#', end);
  const rest = hash < 0 ? uri.slice(end) : uri.slice(end, hash);
  const q = rest.indexOf('?');
  return {
    origin: uri.slice(0, end),
    path: q < 0 ? rest : rest.slice(0, q),
    query: q < 0 ? '' : rest.slice(q + 1),
  };
}

/**
 * AWS speaks HTTPS to a private target only when the integration has a `tlsConfig`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-private.html). Here the target URL's scheme decides, because it
 * describes the local process standing in for the load balancer: a plain local server keeps working
 * under unchanged Terraform. When the two disagree the operator is told once.
 */
function plainTargetNote(integration: Integration, urls: readonly string[]): string | undefined {
  if (integration.tlsConfig === undefined) return undefined;
  const plain = urls.filter((url) => url.startsWith('http:'));
  if (plain.length === 0) return undefined;
  const name = integration.tlsConfig.serverNameToVerify;
  return (
    `Integration ${integration.integrationId} has a tls_config${name === undefined ? '' : ` (server_name_to_verify "${name}")`}, ` +
    `so AWS would use HTTPS, but its target ${plain.join(', ')} is http://: Portico sends plain HTTP as the URL says. ` +
    `Map it to an https:// URL to get TLS${name === undefined ? '' : ` with SNI and certificate check for "${name}"`}.`
  );
}

export function compileIntegration(integration: Integration, pools: UpstreamPools, targets: TargetResolver): IntegrationPlan {
  const base = {
    integrationId: integration.integrationId,
    method: methodOf(integration),
    timeoutMs: integrationTimeout(integration.timeoutInMillis),
  };
  // AWS service integrations (EventBridge-PutEvents, SQS-SendMessage, …) call AWS itself: not served (docs/compatibility.md).
  if (integration.integrationSubtype !== undefined)
    return unserved(
      integration,
      `integration ${integration.integrationId} is an AWS service integration (${integration.integrationSubtype}), which Portico does not call: its routes answer 500`,
    );
  // Lambda proxy integrations: event, invocation and response in ./lambda (docs/reference/dataplane.md §5).
  if (integration.integrationType === 'AWS_PROXY') return compileLambdaPlan(integration, base.timeoutMs);
  if (integration.integrationType !== 'HTTP_PROXY')
    return unserved(integration, `${integration.integrationType} integrations are not available on HTTP APIs`);
  const uri = integration.integrationUri ?? '';
  if (uri.includes('${')) return unserved(integration, `stage variables in integration URIs are not served yet ("${uri}")`);
  if (integration.connectionType === 'VPC_LINK') {
    const found = targets.lookup(uri);
    const plan = { ...base, kind: 'private', integrationUri: uri, connectionId: integration.connectionId } as const;
    if (found.kind !== 'found') return { ...plan, targets: undefined, missing: found, note: undefined };
    const tls = { serverName: integration.tlsConfig?.serverNameToVerify, ca: targets.ca };
    let upstreams: Upstream[];
    try {
      upstreams = found.instances.map((instance) => pools.upstream(instance.url, tls));
    } catch (error) {
      return unserved(integration, `the target for "${uri}" is not usable: ${(error as Error).message}`);
    }
    const note = plainTargetNote(
      integration,
      found.instances.map((instance) => instance.url),
    );
    return { ...plan, targets: new TargetGroup(upstreams, targets.health), missing: undefined, note };
  }
  const parts = splitUri(uri);
  if (parts === undefined) return unserved(integration, `integration URI "${uri}" is not an http(s) URL`);
  let upstream: Upstream;
  try {
    upstream = pools.upstream(parts.origin, { ca: targets.ca });
  } catch {
    return unserved(integration, `integration URI "${uri}" is not an http(s) URL`);
  }
  return { ...base, kind: 'http', upstream, uriPath: parts.path, uriQuery: parts.query };
}
