import { characterCount, parseTaggableArn, type TaggableResource } from '../../model/index.js';
import type { OperationContext } from '../context.js';
import { Input } from '../input.js';
import { label, requireApi, requireDomainName, requireStage, requireVpcLink } from '../lookups.js';
import { badRequest } from '../service-errors.js';

/** Tag keys 1..128 characters, values up to 256, at most 50 tags (AWS tagging limits). */
export function readTags(input: Input, member = 'tags'): Record<string, string> | undefined {
  const tags = input.stringMap(member);
  if (!tags) return undefined;
  const entries = Object.entries(tags);
  if (entries.length > 50) throw badRequest('Too many tags: a resource can have at most 50 tags.');
  for (const [key, value] of entries) {
    if (characterCount(key) < 1 || characterCount(key) > 128) throw badRequest(`Invalid tag key "${key}": must be 1 to 128 characters.`);
    if (key.toLowerCase().startsWith('aws:')) throw badRequest(`Invalid tag key "${key}": the aws: prefix is reserved.`);
    if (characterCount(value) > 256) throw badRequest(`Invalid value for tag "${key}": must be at most 256 characters.`);
  }
  return tags;
}

interface Tagged {
  read(): Record<string, string>;
  write(tags: Record<string, string>): void;
}

/**
 * The resource behind a tag ARN. The Terraform provider builds these ARNs itself
 * (`arn:aws:apigateway:{region}::/apis/{id}`, `.../stages/{name}`, `/vpclinks/{id}`,
 * `/domainnames/{name}`; docs/reference/controlplane.md §4.1), so those are the forms accepted.
 */
function tagged(ctx: OperationContext, arn: string): Tagged {
  const resource: TaggableResource | undefined = parseTaggableArn(arn);
  if (!resource)
    throw badRequest(
      `Invalid resource ARN "${arn}": expected arn:aws:apigateway:{region}::/apis/{apiId}, ` +
        '/apis/{apiId}/stages/{stageName}, /vpclinks/{vpcLinkId} or /domainnames/{domainName}.',
    );
  switch (resource.kind) {
    case 'api': {
      const api = requireApi(ctx, resource.apiId);
      return { read: () => api.tags, write: (tags) => ctx.store.put('apis', '', api.apiId, { ...api, tags }) };
    }
    case 'stage': {
      const stage = requireStage(ctx, resource.apiId, resource.stageName);
      return {
        read: () => stage.tags,
        write: (tags) => ctx.store.put('stages', resource.apiId, stage.stageName, { ...stage, tags }),
      };
    }
    case 'vpcLink': {
      const link = requireVpcLink(ctx, resource.vpcLinkId);
      return { read: () => link.tags, write: (tags) => ctx.store.put('vpcLinks', '', link.vpcLinkId, { ...link, tags }) };
    }
    case 'domainName': {
      const domain = requireDomainName(ctx, resource.domainName);
      return {
        read: () => domain.tags,
        write: (tags) => ctx.store.put('domainNames', '', domain.domainName, { ...domain, tags }),
      };
    }
  }
}

export function getTags(ctx: OperationContext, request: unknown): { tags: Record<string, string> } {
  return { tags: tagged(ctx, label(new Input(request), 'resourceArn')).read() };
}

export function tagResource(ctx: OperationContext, request: unknown): void {
  const input = new Input(request);
  const target = tagged(ctx, label(input, 'resourceArn'));
  const tags = readTags(input) ?? {};
  const merged = { ...target.read(), ...tags };
  if (Object.keys(merged).length > 50) throw badRequest('Too many tags: a resource can have at most 50 tags.');
  target.write(merged);
}

export function untagResource(ctx: OperationContext, request: unknown): void {
  const input = new Input(request);
  const target = tagged(ctx, label(input, 'resourceArn'));
  const keys = input.required('tagKeys', input.stringList('tagKeys'));
  const tags = target.read();
  for (const key of keys) delete tags[key];
  target.write(tags);
}
