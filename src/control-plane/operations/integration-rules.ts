import { HTTP_TIMEOUT_LIMITS, type Api, type Integration, mappingValueProblem, parseArn, parseMappingKey } from '../../model/index.js';
import type { OperationContext } from '../context.js';
import { requireVpcLink } from '../lookups.js';
import { badRequest } from '../service-errors.js';
import { checkWebSocketIntegration } from './websocket-integration-rules.js';

/**
 * Whole-record checks of an integration after create/update input is merged, so both
 * operations enforce the same rules (docs/reference/controlplane.md §3.2, docs/reference/dataplane.md §3.1).
 */
export function checkIntegration(ctx: OperationContext, api: Api, integration: Integration): void {
  if (api.protocolType === 'WEBSOCKET') return checkWebSocketIntegration(integration);
  const { integrationType: type } = integration;
  if (api.protocolType === 'HTTP' && type !== 'AWS_PROXY' && type !== 'HTTP_PROXY')
    throw badRequest(
      'Currently, an API with a protocol type of HTTP may only be associated with proxy integrations (AWS_PROXY, HTTP_PROXY)',
    );
  checkPayloadFormat(integration);
  const { min, max } = HTTP_TIMEOUT_LIMITS;
  if (integration.timeoutInMillis < min || integration.timeoutInMillis > max)
    throw badRequest(`Invalid timeoutInMillis ${integration.timeoutInMillis}: must be between ${min} and ${max} for HTTP APIs.`);
  checkConnection(ctx, integration);
  if (type === 'HTTP_PROXY') checkHttpProxy(integration);
  if (type === 'AWS_PROXY') checkAwsProxy(integration);
  checkMappings(integration);
  if (api.protocolType === 'HTTP' && integration.requestTemplates && Object.keys(integration.requestTemplates).length)
    throw badRequest('requestTemplates are supported only for WebSocket APIs; HTTP APIs use requestParameters.');
}

function checkPayloadFormat(integration: Integration): void {
  const version = integration.payloadFormatVersion;
  if (version !== '1.0' && version !== '2.0') throw badRequest(`Invalid payloadFormatVersion "${version}": must be 1.0 or 2.0.`);
  // 2.0 exists only for Lambda proxy integrations (model doc of PayloadFormatVersion).
  if (version === '2.0' && (integration.integrationType !== 'AWS_PROXY' || integration.integrationSubtype))
    throw badRequest('payloadFormatVersion 2.0 is supported only for Lambda proxy (AWS_PROXY) integrations; use 1.0.');
}

function checkConnection(ctx: OperationContext, integration: Integration): void {
  if (integration.connectionType === 'VPC_LINK') {
    if (!integration.connectionId) throw badRequest('connectionId (the VPC link id) is required when connectionType is VPC_LINK.');
    requireVpcLink(ctx, integration.connectionId);
    if (integration.integrationType !== 'HTTP_PROXY')
      throw badRequest('connectionType VPC_LINK is supported only for HTTP_PROXY integrations.');
  } else {
    if (integration.connectionId) throw badRequest('connectionId is used only when connectionType is VPC_LINK.');
    // AWS accepts tlsConfig on an INTERNET integration and does not return it (the provider's issue
    // #41326, https://github.com/hashicorp/terraform-provider-aws/issues/41326): dropped here too.
    delete integration.tlsConfig;
  }
}

const STAGE_VARIABLE = /\$\{stageVariables\.[A-Za-z0-9_]+\}/g;

function checkHttpProxy(integration: Integration): void {
  if (!integration.integrationMethod) throw badRequest('integrationMethod is required for HTTP_PROXY integrations.');
  const uri = integration.integrationUri;
  if (!uri) throw badRequest('integrationUri is required for HTTP_PROXY integrations.');
  if (integration.connectionType === 'VPC_LINK') {
    if (!isPrivateTargetArn(uri))
      throw badRequest('For VpcLink VPC_LINK, integration uri should be a valid ELB listener ARN or a valid Cloud Map service ARN.');
    return;
  }
  // Stage variables may stand for the host or any part of the URL (AWS "stage variables").
  const probe = uri.replace(STAGE_VARIABLE, 'stagevar');
  let url: URL | undefined;
  try {
    url = new URL(probe);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw badRequest(`Invalid integrationUri "${uri}": an HTTP_PROXY integration needs an absolute http:// or https:// URL.`);
}

/** ALB/NLB listener ARNs and Cloud Map service ARNs (with optional `?attr=value` filters). */
export function isPrivateTargetArn(uri: string): boolean {
  const arn = parseArn(uri);
  if (!arn) return false;
  if (arn.service === 'elasticloadbalancing') return /^listener\/(app|net)\/[^/]+\/[^/]+\/[^/]+$/.test(arn.resource);
  if (arn.service === 'servicediscovery') return /^service\/srv-[A-Za-z0-9]+(\?.*)?$/.test(arn.resource);
  return false;
}

function checkAwsProxy(integration: Integration): void {
  if (integration.integrationSubtype) return;
  const uri = integration.integrationUri;
  if (!uri) throw badRequest('integrationUri (a Lambda function ARN) is required for AWS_PROXY integrations.');
  const arn = parseArn(uri.replace(STAGE_VARIABLE, 'stagevar'));
  if (!arn || (arn.service !== 'lambda' && arn.service !== 'apigateway'))
    throw badRequest(
      `Invalid integrationUri "${uri}": an AWS_PROXY integration needs a Lambda function ARN ` +
        '(arn:aws:lambda:{region}:{account}:function:{name}) or its invoke ARN.',
    );
}

/**
 * AWS reports every parameter-mapping problem in one frame, as seen in provider and CDK reports:
 * `Invalid mapping expression specified: Validation Result: warnings : [], errors : [<what>]`.
 */
function mappingError(problem: string): Error {
  return badRequest(`Invalid mapping expression specified: Validation Result: warnings : [], errors : [${problem}]`);
}

function checkMapping(key: string, value: string, direction: 'request' | 'response'): void {
  const parsed = parseMappingKey(key, direction);
  if (!parsed.ok) throw mappingError(parsed.problem);
  if (parsed.value.action === 'remove') return;
  const problem = mappingValueProblem(value, direction);
  if (problem) throw mappingError(problem);
  // Values are 1..512 characters (docs/reference/controlplane.md §2.2, requestParameters).
  if (value.length === 0 || value.length > 512) throw mappingError(`Invalid mapping value for "${key}": it must have 1 to 512 characters.`);
}

function checkMappings(integration: Integration): void {
  if (integration.integrationSubtype) return; // with a subtype these are the AWS action's parameters
  for (const [key, value] of Object.entries(integration.requestParameters ?? {})) checkMapping(key, value, 'request');
  for (const [status, mappings] of Object.entries(integration.responseParameters ?? {})) {
    if (!/^[2-5][0-9][0-9]$/.test(status))
      throw badRequest(`Invalid responseParameters status code "${status}": must be a status code from 200 to 599.`);
    for (const [key, value] of Object.entries(mappings)) checkMapping(key, value, 'response');
  }
}
