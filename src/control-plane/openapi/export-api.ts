import { toYaml } from './yaml-text.js';
import type { OperationContext } from '../context.js';
import { snapshotOf } from '../deployer.js';
import { Input } from '../input.js';
import { label, requireApi, requireStage } from '../lookups.js';
import { badRequest } from '../service-errors.js';
import { buildDocument } from './build-document.js';

/**
 * ExportApi: `GET /v2/apis/{apiId}/exports/OAS30?outputType=JSON|YAML`. With `stageName` the
 * stage's deployed configuration is exported, otherwise the latest one, deployed or not
 * (model doc of ExportApiRequest.StageName). The document is the response body itself.
 */
export function exportApi(ctx: OperationContext, request: unknown): { body: string } {
  const input = new Input(request);
  const api = requireApi(ctx, label(input, 'apiId'));
  const specification = label(input, 'specification');
  if (specification !== 'OAS30')
    throw badRequest(`Invalid specification "${specification}": OAS30 (OpenAPI 3.0) is the only supported value.`);
  const outputType = input.required('outputType', input.string('outputType', { oneOf: ['JSON', 'YAML'] }));
  input.string('exportVersion', { oneOf: ['1.0'] });
  if (api.protocolType !== 'HTTP') throw badRequest('ExportApi is supported only for HTTP APIs.');
  const stageName = input.string('stageName', { min: 1 });
  let snapshot = snapshotOf(ctx, api.apiId);
  if (stageName !== undefined) {
    const stage = requireStage(ctx, api.apiId, stageName);
    const deployed = stage.deploymentId ? ctx.store.get('deploymentSnapshots', api.apiId, stage.deploymentId) : undefined;
    if (!deployed)
      throw badRequest(`Stage ${stageName} has no deployment to export. Deploy it, or omit stageName to export the latest configuration.`);
    snapshot = deployed;
  }
  const document = buildDocument({
    api,
    apiEndpoint: ctx.apiEndpoint(api.apiId, api.protocolType),
    snapshot,
    ...(stageName !== undefined ? { stageName } : {}),
    includeExtensions: input.boolean('includeExtensions') ?? true,
  });
  return { body: outputType === 'JSON' ? `${JSON.stringify(document, null, 2)}\n` : toYaml(document) };
}
