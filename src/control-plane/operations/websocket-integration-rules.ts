import {
  CONTENT_HANDLING_STRATEGIES,
  type Integration,
  INTEGRATION_RESPONSE_SELECTION,
  PASSTHROUGH_BEHAVIORS,
  parseArn,
  parseJsonPath,
  templateSelectionProblem,
  WEBSOCKET_TIMEOUT_LIMITS,
} from '../../model/index.js';
import type { Input } from '../input.js';
import { badRequest } from '../service-errors.js';

/**
 * Integrations of WebSocket APIs (model docs of Integration; AWS "Set up WebSocket API
 * integrations", "Set up data mapping for WebSocket APIs"): every integration type, payload 1.0,
 * 50..29,000 ms (default 29,000), request templates and the defaults AWS fills in, which the
 * Terraform provider reads back (TF integration_test.go basicWebSocket, typeHTTP, lambdaWebSocket).
 */
export function applyWebSocketMembers(integration: Integration, input: Input, creating: boolean): void {
  const passthrough = input.string('passthroughBehavior');
  if (passthrough === '') delete integration.passthroughBehavior;
  else if (passthrough !== undefined) integration.passthroughBehavior = passthrough;
  // "" removes an optional member: the provider sends it when the argument is removed.
  for (const member of ['templateSelectionExpression', 'contentHandlingStrategy', 'description', 'integrationMethod'] as const)
    if (integration[member] === '') delete integration[member];
  if (integration.requestTemplates && Object.keys(integration.requestTemplates).length === 0) delete integration.requestTemplates;
  if (!creating) return;
  const type = integration.integrationType;
  if (!input.has('timeoutInMillis')) integration.timeoutInMillis = 29_000;
  if (type === 'AWS' && !integration.integrationMethod) integration.integrationMethod = 'POST';
  if (type === 'AWS' || type === 'HTTP' || type === 'MOCK') {
    integration.integrationResponseSelectionExpression = INTEGRATION_RESPONSE_SELECTION[type];
    integration.passthroughBehavior ??= 'WHEN_NO_MATCH';
  }
}

export function checkWebSocketIntegration(integration: Integration): void {
  const { integrationType: type } = integration;
  // WebSocket APIs reject 2.0 (hashicorp/terraform-provider-aws#25280).
  if (integration.payloadFormatVersion !== '1.0')
    throw badRequest(`Invalid payloadFormatVersion "${integration.payloadFormatVersion}": WebSocket APIs support only 1.0.`);
  const { min, max } = WEBSOCKET_TIMEOUT_LIMITS;
  if (integration.timeoutInMillis < min || integration.timeoutInMillis > max)
    throw badRequest(`Invalid timeoutInMillis ${integration.timeoutInMillis}: must be between ${min} and ${max} for WebSocket APIs.`);
  // VPC links of apigatewayv2 serve only HTTP APIs; WebSocket private integrations use REST API
  // VPC links (terraform-aws-modules/terraform-aws-apigateway-v2#151), which Portico does not model.
  if (integration.connectionType === 'VPC_LINK')
    throw badRequest(
      'connectionType VPC_LINK is not supported by Portico for WebSocket APIs: their private integrations use REST API VPC links (aws_api_gateway_vpc_link); use an INTERNET integration.',
    );
  if (integration.connectionId) throw badRequest('connectionId is used only when connectionType is VPC_LINK.');
  if (integration.tlsConfig) throw badRequest('tlsConfig is supported only for HTTP APIs.');
  if (integration.integrationSubtype) throw badRequest('integrationSubtype is supported only for HTTP API AWS_PROXY integrations.');
  if (integration.responseParameters && Object.keys(integration.responseParameters).length > 0)
    throw badRequest('responseParameters are supported only for HTTP APIs; WebSocket APIs map responses with integration responses.');
  checkOneOf('contentHandlingStrategy', integration.contentHandlingStrategy, CONTENT_HANDLING_STRATEGIES);
  checkOneOf('passthroughBehavior', integration.passthroughBehavior, PASSTHROUGH_BEHAVIORS);
  if (type === 'HTTP' || type === 'HTTP_PROXY') checkHttpTarget(integration);
  if (type === 'AWS' || type === 'AWS_PROXY') checkAwsTarget(integration);
  const selection = integration.templateSelectionExpression;
  const problem = selection === undefined ? undefined : templateSelectionProblem(selection);
  if (problem) throw badRequest(`Invalid templateSelectionExpression "${selection}": ${problem}.`);
  for (const [contentType, template] of Object.entries(integration.requestTemplates ?? {}))
    if (template.length > 32_768) throw badRequest(`The request template for "${contentType}" is longer than 32,768 characters.`);
  for (const [key, value] of Object.entries(integration.requestParameters ?? {})) checkRequestParameter(key, value);
}

function checkOneOf(member: string, value: string | undefined, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value))
    throw badRequest(`Invalid value "${value}" for ${member}: must be one of ${allowed.join(', ')}.`);
}

const STAGE_VARIABLE = /\$\{stageVariables\.[A-Za-z0-9_]+\}/g;

function checkHttpTarget(integration: Integration): void {
  const type = integration.integrationType;
  if (!integration.integrationMethod) throw badRequest(`integrationMethod is required for ${type} integrations.`);
  const uri = integration.integrationUri;
  if (!uri) throw badRequest(`integrationUri is required for ${type} integrations.`);
  let url: URL | undefined;
  try {
    url = new URL(uri.replace(STAGE_VARIABLE, 'stagevar'));
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw badRequest(`Invalid integrationUri "${uri}": an ${type} integration needs an absolute http:// or https:// URL.`);
}

function checkAwsTarget(integration: Integration): void {
  const type = integration.integrationType;
  const uri = integration.integrationUri;
  if (!uri) throw badRequest(`integrationUri (a Lambda function invoke ARN) is required for ${type} integrations.`);
  const arn = parseArn(uri.replace(STAGE_VARIABLE, 'stagevar'));
  if (!arn || (arn.service !== 'lambda' && arn.service !== 'apigateway'))
    throw badRequest(
      `Invalid integrationUri "${uri}": an ${type} integration needs a Lambda function invoke ARN ` +
        '(arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function ARN}/invocations).',
    );
}

/**
 * Integration request parameters of WebSocket APIs ("Map route request data to integration
 * request parameters"): `integration.request.{header|querystring|path}.{name}` from a route
 * request parameter, the body, a stage or context variable, or a quoted static value. Problems
 * are reported in the frame AWS uses for mapping errors (as for HTTP APIs).
 */
const PARAMETER_KEY = /^integration\.request\.(header|querystring|path)\.[a-zA-Z0-9._$-]+$/;
const PARAMETER_SOURCE =
  /^(route\.request\.(header|querystring|multivalueheader|multivaluequerystring)\.[a-zA-Z0-9._$-]+|stageVariables\.[A-Za-z0-9_]+|context\.[A-Za-z0-9._]+)$/;

function checkRequestParameter(key: string, value: string): void {
  const frame = (problem: string) =>
    badRequest(`Invalid mapping expression specified: Validation Result: warnings : [], errors : [${problem}]`);
  if (!PARAMETER_KEY.test(key))
    throw frame(
      `Invalid mapping key "${key}": use integration.request.header.{name}, integration.request.querystring.{name} or integration.request.path.{name}`,
    );
  if (/^'.*'$/s.test(value) || PARAMETER_SOURCE.test(value)) return;
  if (value === 'route.request.body') return;
  if (value.startsWith('route.request.body.') || value.startsWith('route.request.body[')) {
    const path = parseJsonPath(value.slice('route.request.body'.length));
    if (typeof path === 'string') throw frame(`Invalid mapping expression "${value}": ${path}`);
    return;
  }
  throw frame(
    `Invalid mapping expression "${value}" for "${key}": use route.request.header.{name}, route.request.querystring.{name}, ` +
      "route.request.body.{JSONPath}, stageVariables.{name}, context.{name} or a static value in single quotes ('value')",
  );
}
