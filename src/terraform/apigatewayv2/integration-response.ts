import { stableId } from '../../model/index.js';
import { copy, type Request, stringMap, text } from './arguments.js';
import { found, removeQuietly } from './exists.js';
import type { ResourceKind } from './kind.js';

/** aws_apigatewayv2_integration_response: the IntegrationResponse calls of TF integration_response.go. */
const MEMBERS: [RegExp, string][] = [
  [/integrationResponseKey|Integration response with key/, 'integration_response_key'],
  [/contentHandlingStrategy/, 'content_handling_strategy'],
  [/templateSelectionExpression/, 'template_selection_expression'],
  [/response template/, 'response_templates'],
  [/Integration identifier/, 'integration_id'],
];

export const integrationResponseKind: ResourceKind = {
  type: 'aws_apigatewayv2_integration_response',
  deleteRank: 6,
  ids: (instance, previous) => ({
    apiId: text(instance.attributes, 'api_id') ?? '',
    integrationId: text(instance.attributes, 'integration_id') ?? '',
    integrationResponseId: previous?.ids['integrationResponseId'] ?? stableId('integrationResponse', instance.address),
  }),
  computed: (_instance, ids) => ({ id: ids['integrationResponseId'] ?? '' }),
  apply: (instance, ids, ctx, previous) => {
    const { cp } = ctx;
    const args = instance.attributes;
    const { apiId = '', integrationId = '', integrationResponseId = '' } = ids;
    // api_id and integration_id force a new integration response.
    if (previous && (previous.ids['apiId'] !== apiId || previous.ids['integrationId'] !== integrationId))
      removeQuietly(() => cp.run('DeleteIntegrationResponse', previous.ids));
    const request: Request = { apiId, integrationId };
    copy(request, args, {
      integration_response_key: 'integrationResponseKey',
      content_handling_strategy: 'contentHandlingStrategy',
      template_selection_expression: 'templateSelectionExpression',
    });
    const templates = stringMap(args, 'response_templates');
    const current = found(() => cp.run('GetIntegrationResponse', { apiId, integrationId, integrationResponseId }));
    if (!current) {
      cp.run('CreateIntegrationResponse', { ...request, responseTemplates: templates }, { id: integrationResponseId });
      return;
    }
    // Removed arguments are cleared as the provider clears them: "" for strings, {} for templates.
    for (const member of ['contentHandlingStrategy', 'templateSelectionExpression'] as const)
      if (current[member] !== undefined && request[member] === undefined) request[member] = '';
    cp.run('UpdateIntegrationResponse', { ...request, integrationResponseId, responseTemplates: templates ?? {} });
  },
  remove: (record, ctx) => removeQuietly(() => ctx.cp.run('DeleteIntegrationResponse', record.ids)),
  argumentOf: (message) => MEMBERS.find(([pattern]) => pattern.test(message))?.[1],
};
