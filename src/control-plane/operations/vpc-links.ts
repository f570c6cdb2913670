import type { VpcLink } from '../../model/index.js';
import type { OperationContext } from '../context.js';
import { Input } from '../input.js';
import { checkQuota, quota } from '../quotas.js';
import { label, paginate, requireVpcLink, type Page } from '../lookups.js';
import { readTags } from './tags.js';

/**
 * VPC links need no provisioning here: they are AVAILABLE at once (Terraform's create waiter
 * accepts that) and answer 404 right after delete (its delete waiter wants NotFound).
 */
export function createVpcLink(ctx: OperationContext, request: unknown): VpcLink {
  const input = new Input(request);
  checkQuota(ctx.store.count('vpcLinks', ''), quota(ctx, 'vpcLinks'), 'VPC links', 'account', 'vpcLinks');
  const link: VpcLink = {
    vpcLinkId: ctx.newId('vpcLink'),
    name: input.required('name', input.string('name', { min: 1, max: 128 })),
    subnetIds: input.required('subnetIds', input.stringList('subnetIds', { min: 1 })),
    securityGroupIds: input.stringList('securityGroupIds', { min: 1 }) ?? [],
    tags: readTags(input) ?? {},
    createdDate: ctx.now(),
    vpcLinkStatus: 'AVAILABLE',
    vpcLinkStatusMessage: 'VPC link is ready to route traffic',
    vpcLinkVersion: 'V2',
  };
  ctx.store.put('vpcLinks', '', link.vpcLinkId, link);
  ctx.servingChanged();
  return link;
}

export function getVpcLink(ctx: OperationContext, request: unknown): VpcLink {
  return requireVpcLink(ctx, label(new Input(request), 'vpcLinkId'));
}

export function getVpcLinks(ctx: OperationContext, request: unknown): Page<VpcLink> {
  return paginate(ctx.store.list('vpcLinks', ''), new Input(request));
}

/** Only the name can change: subnets and security groups are fixed (AWS "Working with VPC links"). */
export function updateVpcLink(ctx: OperationContext, request: unknown): VpcLink {
  const input = new Input(request);
  const link = requireVpcLink(ctx, label(input, 'vpcLinkId'));
  const name = input.string('name', { min: 1, max: 128 });
  if (name !== undefined) link.name = name;
  ctx.store.put('vpcLinks', '', link.vpcLinkId, link);
  ctx.servingChanged();
  return link;
}

export function deleteVpcLink(ctx: OperationContext, request: unknown): void {
  const link = requireVpcLink(ctx, label(new Input(request), 'vpcLinkId'));
  ctx.store.delete('vpcLinks', '', link.vpcLinkId);
  ctx.servingChanged();
}
