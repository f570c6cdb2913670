import { CONNECTION_TYPES, INTEGRATION_TYPES, type Integration } from '../../model/index.js';
import type { OperationContext } from '../context.js';
import { Input } from '../input.js';
import { checkQuota, FIXED_QUOTAS } from '../quotas.js';
import { label, paginate, requireApi, requireIntegration, type Page } from '../lookups.js';
import { badRequest } from '../service-errors.js';
import { checkIntegration } from './integration-rules.js';
import { assertNotManaged } from './managed.js';
import { applyWebSocketMembers } from './websocket-integration-rules.js';

function readResponseParameters(input: Input): Record<string, Record<string, string>> | undefined {
  const map = input.objectMap('responseParameters');
  if (!map) return undefined;
  const out: Record<string, Record<string, string>> = {};
  for (const [status, inner] of map) {
    const entries: Record<string, string> = {};
    for (const key of inner.keys()) entries[key] = inner.required(key, inner.string(key));
    out[status] = entries;
  }
  return out;
}

/** Copies the members common to create and update onto the record. */
function applyMembers(integration: Integration, input: Input): void {
  const strings = [
    'integrationUri',
    'integrationMethod',
    'integrationSubtype',
    'connectionId',
    'credentialsArn',
    'description',
    'templateSelectionExpression',
    'contentHandlingStrategy',
  ] as const;
  for (const member of strings) {
    const value = input.string(member, { max: 2048 });
    if (value !== undefined) integration[member] = value;
  }
  const connectionType = input.string('connectionType', { oneOf: CONNECTION_TYPES });
  if (connectionType !== undefined) integration.connectionType = connectionType as Integration['connectionType'];
  const payloadFormatVersion = input.string('payloadFormatVersion');
  if (payloadFormatVersion !== undefined) integration.payloadFormatVersion = payloadFormatVersion;
  const timeout = input.integer('timeoutInMillis', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (timeout !== undefined) integration.timeoutInMillis = timeout;
  const tls = input.object('tlsConfig');
  if (tls) {
    const serverNameToVerify = tls.string('serverNameToVerify', { min: 1 });
    integration.tlsConfig = serverNameToVerify === undefined ? {} : { serverNameToVerify };
  }
  const templates = input.stringMap('requestTemplates');
  if (templates) integration.requestTemplates = templates;
}

export function createIntegration(ctx: OperationContext, request: unknown, internal: { managed?: boolean } = {}): Integration {
  const input = new Input(request);
  const api = requireApi(ctx, label(input, 'apiId'));
  const type = input.required('integrationType', input.string('integrationType', { oneOf: INTEGRATION_TYPES }));
  checkQuota(ctx.store.count('integrations', api.apiId), FIXED_QUOTAS.integrationsPerApi, 'Integrations', 'API');
  const integration: Integration = {
    integrationId: ctx.newId('integration'),
    integrationType: type as Integration['integrationType'],
    connectionType: 'INTERNET',
    payloadFormatVersion: '1.0',
    timeoutInMillis: 30_000,
  };
  applyMembers(integration, input);
  if (api.protocolType === 'WEBSOCKET') applyWebSocketMembers(integration, input, true);
  // Lambda integrations are invoked with POST; AWS fills it in when omitted (docs/reference/controlplane.md §2.3).
  if (type === 'AWS_PROXY' && !integration.integrationMethod) integration.integrationMethod = 'POST';
  const requestParameters = input.stringMap('requestParameters');
  if (requestParameters) integration.requestParameters = requestParameters;
  const responseParameters = readResponseParameters(input);
  if (responseParameters) integration.responseParameters = responseParameters;
  if (internal.managed) integration.apiGatewayManaged = true;
  // The provider always sends passthroughBehavior; HTTP APIs neither use nor return it.
  checkIntegration(ctx, api, integration);
  ctx.store.put('integrations', api.apiId, integration.integrationId, integration);
  ctx.apiChanged(api.apiId);
  return integration;
}

export function getIntegration(ctx: OperationContext, request: unknown): Integration {
  const input = new Input(request);
  return requireIntegration(ctx, label(input, 'apiId'), label(input, 'integrationId'));
}

export function getIntegrations(ctx: OperationContext, request: unknown): Page<Integration> {
  const input = new Input(request);
  const api = requireApi(ctx, label(input, 'apiId'));
  return paginate(ctx.store.list('integrations', api.apiId), input);
}

/**
 * Partial update. Map members merge key by key: a request parameter set to "" is deleted, and
 * a response-parameter status entry set to {} is deleted (the provider's documented contract,
 * docs/reference/controlplane.md §3.2).
 */
export function updateIntegration(ctx: OperationContext, request: unknown): Integration {
  const input = new Input(request);
  const api = requireApi(ctx, label(input, 'apiId'));
  const integration = requireIntegration(ctx, api.apiId, label(input, 'integrationId'));
  assertNotManaged(integration, 'integration');
  const type = input.string('integrationType', { oneOf: INTEGRATION_TYPES });
  if (type !== undefined && type !== integration.integrationType)
    throw badRequest(`integrationType cannot be changed from ${integration.integrationType} to ${type}; create a new integration.`);
  applyMembers(integration, input);
  if (api.protocolType === 'WEBSOCKET') applyWebSocketMembers(integration, input, false);
  if (input.string('connectionType') === 'INTERNET') delete integration.connectionId;
  const requestParameters = input.stringMap('requestParameters');
  if (requestParameters) {
    const merged = { ...integration.requestParameters };
    for (const [key, value] of Object.entries(requestParameters)) {
      if (value === '') delete merged[key];
      else merged[key] = value;
    }
    // An empty map is no member, as at creation: an update that removes nothing from nothing changes nothing.
    if (Object.keys(merged).length > 0) integration.requestParameters = merged;
    else delete integration.requestParameters;
  }
  const responseParameters = readResponseParameters(input);
  if (responseParameters) {
    const merged = { ...integration.responseParameters };
    for (const [status, mappings] of Object.entries(responseParameters)) {
      if (Object.keys(mappings).length === 0) delete merged[status];
      else merged[status] = mappings;
    }
    if (Object.keys(merged).length > 0) integration.responseParameters = merged;
    else delete integration.responseParameters;
  }
  checkIntegration(ctx, api, integration);
  ctx.store.put('integrations', api.apiId, integration.integrationId, integration);
  ctx.apiChanged(api.apiId);
  return integration;
}

export function deleteIntegration(ctx: OperationContext, request: unknown): void {
  const input = new Input(request);
  const api = requireApi(ctx, label(input, 'apiId'));
  const integration = requireIntegration(ctx, api.apiId, label(input, 'integrationId'));
  assertNotManaged(integration, 'integration');
  // Allowed even while a route targets it: Terraform replaces an integration by deleting the
  // old one before it re-points the route. Such a route answers 500 until it is updated.
  ctx.store.delete('integrations', api.apiId, integration.integrationId);
  ctx.store.deleteAll('integrationResponses', `${api.apiId}/${integration.integrationId}`);
  ctx.apiChanged(api.apiId);
}
