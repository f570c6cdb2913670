import { type ApiMapping, apiMappingKeyProblem } from '../../model/index.js';
import type { OperationContext } from '../context.js';
import { Input } from '../input.js';
import { INVALID_STAGE, label, paginate, requireApi, requireDomainName, type Page } from '../lookups.js';
import { badRequest, conflict, notFound } from '../service-errors.js';

function requireMapping(ctx: OperationContext, domainName: string, apiMappingId: string): ApiMapping {
  const found = ctx.store.get('apiMappings', domainName, apiMappingId);
  if (!found) throw notFound(`Invalid ApiMapping identifier specified ${apiMappingId}`, 'ApiMapping');
  return found;
}

function check(ctx: OperationContext, domainName: string, mapping: ApiMapping): void {
  requireApi(ctx, mapping.apiId);
  // A mapping to a stage that does not exist (often $default before it is created) is a 400
  // BadRequestException on AWS, not a 404 (https://github.com/aws/aws-cdk/issues/9078).
  if (!ctx.store.get('stages', mapping.apiId, mapping.stage)) throw badRequest(INVALID_STAGE);
  const problem = apiMappingKeyProblem(mapping.apiMappingKey);
  if (problem) throw badRequest(`Invalid apiMappingKey "${mapping.apiMappingKey}": ${problem}.`);
  const clash = ctx.store
    .list('apiMappings', domainName)
    .find((other) => other.apiMappingId !== mapping.apiMappingId && other.apiMappingKey === mapping.apiMappingKey);
  if (clash)
    throw conflict(`The API mapping key "${mapping.apiMappingKey}" is already used on ${domainName} (mapping ${clash.apiMappingId}).`);
}

export function createApiMapping(ctx: OperationContext, request: unknown): ApiMapping {
  const input = new Input(request);
  const domain = requireDomainName(ctx, label(input, 'domainName'));
  const mapping: ApiMapping = {
    apiMappingId: ctx.newId('apiMapping'),
    apiId: label(input, 'apiId'),
    stage: label(input, 'stage'),
    apiMappingKey: input.string('apiMappingKey') ?? '',
  };
  check(ctx, domain.domainName, mapping);
  ctx.store.put('apiMappings', domain.domainName, mapping.apiMappingId, mapping);
  ctx.servingChanged();
  return mapping;
}

export function getApiMapping(ctx: OperationContext, request: unknown): ApiMapping {
  const input = new Input(request);
  const domain = requireDomainName(ctx, label(input, 'domainName'));
  return requireMapping(ctx, domain.domainName, label(input, 'apiMappingId'));
}

export function getApiMappings(ctx: OperationContext, request: unknown): { items: ApiMapping[]; nextToken?: string } {
  const input = new Input(request);
  const domain = requireDomainName(ctx, label(input, 'domainName'));
  return paginate(ctx.store.list('apiMappings', domain.domainName), input) satisfies Page<ApiMapping>;
}

export function updateApiMapping(ctx: OperationContext, request: unknown): ApiMapping {
  const input = new Input(request);
  const domain = requireDomainName(ctx, label(input, 'domainName'));
  const mapping = requireMapping(ctx, domain.domainName, label(input, 'apiMappingId'));
  const apiId = input.string('apiId', { min: 1 });
  if (apiId !== undefined) mapping.apiId = apiId;
  const stage = input.string('stage', { min: 1 });
  if (stage !== undefined) mapping.stage = stage;
  const key = input.string('apiMappingKey');
  if (key !== undefined) mapping.apiMappingKey = key;
  check(ctx, domain.domainName, mapping);
  ctx.store.put('apiMappings', domain.domainName, mapping.apiMappingId, mapping);
  ctx.servingChanged();
  return mapping;
}

export function deleteApiMapping(ctx: OperationContext, request: unknown): void {
  const input = new Input(request);
  const domain = requireDomainName(ctx, label(input, 'domainName'));
  const mapping = requireMapping(ctx, domain.domainName, label(input, 'apiMappingId'));
  ctx.store.delete('apiMappings', domain.domainName, mapping.apiMappingId);
  ctx.servingChanged();
}
