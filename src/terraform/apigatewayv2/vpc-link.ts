import { stableId, vpcLinkArn } from '../../model/index.js';
import { stringMap, text, type Arguments } from './arguments.js';
import { found, removeQuietly } from './exists.js';
import type { ResourceKind } from './kind.js';
import { syncTags } from './tags.js';

function sortedStrings(args: Arguments, name: string): string[] {
  const value = args[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').sort() : [];
}

const same = (a: string[], b: string[]): boolean => a.length === b.length && a.every((v, i) => v === [...b].sort()[i]);

export const vpcLinkKind: ResourceKind = {
  type: 'aws_apigatewayv2_vpc_link',
  deleteRank: 1,
  ids: (instance, previous) => ({ vpcLinkId: previous?.ids['vpcLinkId'] ?? stableId('vpcLink', instance.address) }),
  computed: (instance, ids, ctx) => ({
    id: ids['vpcLinkId'] ?? '',
    arn: vpcLinkArn(ctx.region(), ids['vpcLinkId'] ?? ''),
    tags_all: stringMap(instance.attributes, 'tags') ?? {},
  }),
  apply: (instance, ids, ctx) => {
    const { cp } = ctx;
    const args = instance.attributes;
    const vpcLinkId = ids['vpcLinkId'] ?? '';
    const subnetIds = sortedStrings(args, 'subnet_ids');
    const securityGroupIds = sortedStrings(args, 'security_group_ids');
    const tags = stringMap(args, 'tags') ?? {};
    let current = found(() => cp.run('GetVpcLink', { vpcLinkId }));
    // Subnets and security groups force a new link (links are immutable, AWS "Working with VPC links").
    if (current && (!same(subnetIds, current.subnetIds) || !same(securityGroupIds, current.securityGroupIds))) {
      cp.run('DeleteVpcLink', { vpcLinkId });
      current = undefined;
    }
    if (!current) {
      cp.run('CreateVpcLink', { name: text(args, 'name'), subnetIds, securityGroupIds, tags }, { id: vpcLinkId });
      return;
    }
    cp.run('UpdateVpcLink', { vpcLinkId, name: text(args, 'name') });
    syncTags(cp, vpcLinkArn(ctx.region(), vpcLinkId), current.tags, tags);
  },
  remove: (record, ctx) => removeQuietly(() => ctx.cp.run('DeleteVpcLink', { vpcLinkId: record.ids['vpcLinkId'] })),
  argumentOf: (message) => (/subnet/i.test(message) ? 'subnet_ids' : /name/.test(message) ? 'name' : undefined),
};
