import { stableId } from '../../model/index.js';
import { text } from './arguments.js';
import { found, removeQuietly } from './exists.js';
import type { ResourceKind } from './kind.js';

export const apiMappingKind: ResourceKind = {
  type: 'aws_apigatewayv2_api_mapping',
  deleteRank: 6,
  ids: (instance, previous) => ({
    domainName: (text(instance.attributes, 'domain_name') ?? '').toLowerCase(),
    apiMappingId: previous?.ids['apiMappingId'] ?? stableId('apiMapping', instance.address),
  }),
  computed: (_instance, ids) => ({ id: ids['apiMappingId'] ?? '' }),
  apply: (instance, ids, ctx, previous) => {
    const { cp } = ctx;
    const args = instance.attributes;
    const domainName = ids['domainName'] ?? '';
    const apiMappingId = ids['apiMappingId'] ?? '';
    // domain_name and api_id force a new mapping.
    const request = { apiId: text(args, 'api_id'), stage: text(args, 'stage'), apiMappingKey: text(args, 'api_mapping_key') ?? '' };
    const moved = previous && previous.ids['domainName'] !== domainName;
    if (moved) removeQuietly(() => cp.run('DeleteApiMapping', { domainName: previous.ids['domainName'], apiMappingId }));
    const current = moved ? undefined : found(() => cp.run('GetApiMapping', { domainName, apiMappingId }));
    if (current) cp.run('UpdateApiMapping', { ...request, domainName, apiMappingId });
    else cp.run('CreateApiMapping', { ...request, domainName }, { id: apiMappingId });
  },
  remove: (record, ctx) =>
    removeQuietly(() => ctx.cp.run('DeleteApiMapping', { domainName: record.ids['domainName'], apiMappingId: record.ids['apiMappingId'] })),
  argumentOf: (message) => (/apiMappingKey|mapping key/.test(message) ? 'api_mapping_key' : /stage/i.test(message) ? 'stage' : undefined),
};
