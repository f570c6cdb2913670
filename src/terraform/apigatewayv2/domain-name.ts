import { domainNameArn, regionalDomainTarget, regionalHostedZoneId } from '../../model/index.js';
import { type Arguments, block, copy, type Request, stringMap, text } from './arguments.js';
import { found, removeQuietly } from './exists.js';
import type { ResourceKind } from './kind.js';
import { syncTags } from './tags.js';

function configurations(args: Arguments): Request[] {
  const config = block(args, 'domain_name_configuration');
  if (!config) return [];
  const request: Request = {};
  copy(request, config, {
    certificate_arn: 'certificateArn',
    endpoint_type: 'endpointType',
    security_policy: 'securityPolicy',
    ip_address_type: 'ipAddressType',
    ownership_verification_certificate_arn: 'ownershipVerificationCertificateArn',
  });
  return [request];
}

function mutualTls(args: Arguments): Request | undefined {
  const mtls = block(args, 'mutual_tls_authentication');
  if (!mtls) return undefined;
  const request: Request = {};
  copy(request, mtls, { truststore_uri: 'truststoreUri', truststore_version: 'truststoreVersion' });
  return request;
}

export const domainNameKind: ResourceKind = {
  type: 'aws_apigatewayv2_domain_name',
  deleteRank: 1,
  ids: (instance) => ({ domainName: (text(instance.attributes, 'domain_name') ?? '').toLowerCase() }),
  computed: (instance, ids, ctx) => {
    const name = ids['domainName'] ?? '';
    return {
      id: name,
      arn: domainNameArn(ctx.region(), name),
      api_mapping_selection_expression: '$request.basepath',
      tags_all: stringMap(instance.attributes, 'tags') ?? {},
      domain_name_configuration: [
        {
          ...(block(instance.attributes, 'domain_name_configuration') ?? {}),
          hosted_zone_id: regionalHostedZoneId(ctx.region()),
          target_domain_name: regionalDomainTarget(name, ctx.region()),
        },
      ],
    };
  },
  apply: (instance, ids, ctx, previous) => {
    const { cp } = ctx;
    const args = instance.attributes;
    const domainName = ids['domainName'] ?? '';
    if (previous && previous.ids['domainName'] !== domainName)
      removeQuietly(() => cp.run('DeleteDomainName', { domainName: previous.ids['domainName'] }));
    const tags = stringMap(args, 'tags') ?? {};
    const request: Request = { domainNameConfigurations: configurations(args) };
    const mtls = mutualTls(args);
    const current = found(() => cp.run('GetDomainName', { domainName }));
    if (!current) {
      cp.run('CreateDomainName', { ...request, domainName, tags, mutualTlsAuthentication: mtls, routingMode: text(args, 'routing_mode') });
      return;
    }
    cp.run('UpdateDomainName', {
      ...request,
      domainName,
      routingMode: text(args, 'routing_mode'),
      // The provider turns mutual TLS off by sending an empty truststore URI.
      mutualTlsAuthentication: mtls ?? (current.mutualTlsAuthentication ? { truststoreUri: '' } : undefined),
    });
    syncTags(cp, domainNameArn(ctx.region(), domainName), current.tags, tags);
  },
  remove: (record, ctx) => removeQuietly(() => ctx.cp.run('DeleteDomainName', { domainName: record.ids['domainName'] })),
  argumentOf: (message) => (/domain name/i.test(message) ? 'domain_name' : undefined),
};
