import { INTEGRATION_RESPONSE_SELECTION, stableId } from '../../model/index.js';
import { type Arguments, block, blocks, copy, put, type Request, removedKeys, stringMap, text } from './arguments.js';
import { found, removeQuietly } from './exists.js';
import type { ResourceKind } from './kind.js';

function responseParameters(args: Arguments): Record<string, Record<string, string>> | undefined {
  const list = blocks(args, 'response_parameters');
  if (list.length === 0) return undefined;
  const out: Record<string, Record<string, string>> = {};
  for (const entry of list) out[String(entry['status_code'])] = stringMap(entry, 'mappings') ?? {};
  return out;
}

function integrationRequest(args: Arguments): Request {
  const request: Request = {
    // Provider schema defaults, always sent (TF integration.go).
    connectionType: text(args, 'connection_type') ?? 'INTERNET',
    payloadFormatVersion: text(args, 'payload_format_version') ?? '1.0',
    passthroughBehavior: text(args, 'passthrough_behavior') ?? 'WHEN_NO_MATCH',
  };
  copy(request, args, {
    integration_type: 'integrationType',
    integration_subtype: 'integrationSubtype',
    connection_id: 'connectionId',
    content_handling_strategy: 'contentHandlingStrategy',
    credentials_arn: 'credentialsArn',
    description: 'description',
    integration_method: 'integrationMethod',
    integration_uri: 'integrationUri',
    request_templates: 'requestTemplates',
    template_selection_expression: 'templateSelectionExpression',
    timeout_milliseconds: 'timeoutInMillis',
  });
  const tls = block(args, 'tls_config');
  if (tls) put(request, 'tlsConfig', { serverNameToVerify: tls['server_name_to_verify'] ?? undefined });
  return request;
}

const MEMBERS: [RegExp, string][] = [
  [/passthroughBehavior/, 'passthrough_behavior'],
  [/contentHandlingStrategy/, 'content_handling_strategy'],
  [/templateSelectionExpression/, 'template_selection_expression'],
  [/request template/, 'request_templates'],
  [/integrationSubtype/, 'integration_subtype'],
  [/integrationType|protocol type of HTTP/, 'integration_type'],
  [/timeoutInMillis/, 'timeout_milliseconds'],
  [/payloadFormatVersion/, 'payload_format_version'],
  [/integration ?uri|integrationUri/i, 'integration_uri'],
  [/integrationMethod/, 'integration_method'],
  [/connectionId|VpcLink/, 'connection_id'],
  [/connectionType/, 'connection_type'],
  [/tlsConfig/, 'tls_config'],
  // A response mapping's problem names its response sources or overwrite:statuscode.
  [/responseParameters|response source|overwrite:statuscode|\$response\./, 'response_parameters'],
  [/mapping key|mapping expression|mapping value|requestParameters/, 'request_parameters'],
];

export const integrationKind: ResourceKind = {
  type: 'aws_apigatewayv2_integration',
  deleteRank: 3,
  ids: (instance, previous) => ({
    apiId: text(instance.attributes, 'api_id') ?? '',
    integrationId: previous?.ids['integrationId'] ?? stableId('integration', instance.address),
  }),
  computed: (instance, ids) => {
    // AWS, HTTP and MOCK exist only on WebSocket APIs, whose defaults differ (docs/reference/controlplane.md §2.3);
    // proxy integrations are taken for HTTP APIs' (plan time does not know the API's protocol).
    const type = text(instance.attributes, 'integration_type') ?? '';
    const webSocket = type === 'AWS' || type === 'HTTP' || type === 'MOCK';
    return {
      id: ids['integrationId'] ?? '',
      integration_response_selection_expression: webSocket ? INTEGRATION_RESPONSE_SELECTION[type] : '',
      connection_type: text(instance.attributes, 'connection_type') ?? 'INTERNET',
      payload_format_version: text(instance.attributes, 'payload_format_version') ?? '1.0',
      timeout_milliseconds: (instance.attributes['timeout_milliseconds'] as number | null | undefined) ?? (webSocket ? 29000 : 30000),
    };
  },
  apply: (instance, ids, ctx, previous) => {
    const { cp } = ctx;
    const args = instance.attributes;
    const apiId = ids['apiId'] ?? '';
    const integrationId = ids['integrationId'] ?? '';
    const previousApi = previous?.ids['apiId'];
    let current = found(() => cp.run('GetIntegration', { apiId, integrationId }));
    // api_id, integration_type and integration_subtype force a new integration.
    if (previousApi && previousApi !== apiId) current = undefined;
    if (
      current &&
      (current.integrationType !== text(args, 'integration_type') ||
        (current.integrationSubtype ?? null) !== (args['integration_subtype'] ?? null))
    ) {
      cp.run('DeleteIntegration', { apiId, integrationId });
      current = undefined;
    }
    const request = integrationRequest(args);
    const requestParameters = stringMap(args, 'request_parameters');
    const response = responseParameters(args);
    if (!current) {
      cp.run('CreateIntegration', { ...request, apiId, requestParameters, responseParameters: response }, { id: integrationId });
      return;
    }
    // Map members: what went away is sent as "" (request) or {} (response) to delete it.
    const requestUpdate: Record<string, string> = { ...requestParameters };
    for (const key of removedKeys(current.requestParameters, requestParameters)) requestUpdate[key] = '';
    const responseUpdate: Record<string, Record<string, string>> = { ...response };
    for (const key of removedKeys(current.responseParameters, response)) responseUpdate[key] = {};
    // Removed arguments are cleared the way the provider clears them: "" for strings, {} for templates.
    for (const member of ['templateSelectionExpression', 'contentHandlingStrategy', 'description'] as const)
      if (current[member] !== undefined && request[member] === undefined) request[member] = '';
    if (current.requestTemplates && request['requestTemplates'] === undefined) request['requestTemplates'] = {};
    cp.run('UpdateIntegration', {
      ...request,
      apiId,
      integrationId,
      requestParameters: requestUpdate,
      responseParameters: responseUpdate,
    });
  },
  remove: (record, ctx) =>
    removeQuietly(() => ctx.cp.run('DeleteIntegration', { apiId: record.ids['apiId'], integrationId: record.ids['integrationId'] })),
  argumentOf: (message) => MEMBERS.find(([pattern]) => pattern.test(message))?.[1],
};
