import { stableId } from '../../model/index.js';
import { type Request, text } from './arguments.js';
import { found, removeQuietly } from './exists.js';
import type { ResourceKind } from './kind.js';

/**
 * aws_apigatewayv2_model: CreateModel/UpdateModel with content_type, description, name and
 * schema (TF model.go). The schema goes as written; the provider compares schemas as JSON.
 */
const MEMBERS: [RegExp, string][] = [
  [/schema/i, 'schema'],
  [/model name|Model name/, 'name'],
  [/contentType/, 'content_type'],
  [/description/, 'description'],
];

export const modelKind: ResourceKind = {
  type: 'aws_apigatewayv2_model',
  // After the routes and route responses that name it (leaves) are gone.
  deleteRank: 4,
  ids: (instance, previous) => ({
    apiId: text(instance.attributes, 'api_id') ?? '',
    modelId: previous?.ids['modelId'] ?? stableId('model', instance.address),
  }),
  computed: (_instance, ids) => ({ id: ids['modelId'] ?? '' }),
  apply: (instance, ids, ctx, previous) => {
    const { cp } = ctx;
    const args = instance.attributes;
    const apiId = ids['apiId'] ?? '';
    const modelId = ids['modelId'] ?? '';
    // api_id forces a new model.
    if (previous && previous.ids['apiId'] !== apiId)
      removeQuietly(() => cp.run('DeleteModel', { apiId: previous.ids['apiId'], modelId: previous.ids['modelId'] }));
    const request: Request = {
      name: text(args, 'name'),
      schema: text(args, 'schema'),
      contentType: text(args, 'content_type'),
    };
    const description = text(args, 'description');
    const current = found(() => cp.run('GetModel', { apiId, modelId }));
    if (!current) {
      cp.run('CreateModel', { ...request, description, apiId }, { id: modelId });
      return;
    }
    cp.run('UpdateModel', { ...request, description: description ?? '', apiId, modelId });
  },
  remove: (record, ctx) => removeQuietly(() => ctx.cp.run('DeleteModel', { apiId: record.ids['apiId'], modelId: record.ids['modelId'] })),
  argumentOf: (message) => MEMBERS.find(([pattern]) => pattern.test(message))?.[1],
};
