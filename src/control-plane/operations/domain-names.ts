import {
  type DomainName,
  type DomainNameConfiguration,
  domainNameArn,
  regionalDomainTarget,
  regionalHostedZoneId,
} from '../../model/index.js';
import type { OperationContext } from '../context.js';
import { Input } from '../input.js';
import { checkQuota, quota } from '../quotas.js';
import { label, paginate, requireDomainName, type Page } from '../lookups.js';
import { badRequest, conflict } from '../service-errors.js';
import { readTags } from './tags.js';

const DOMAIN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{1,63}$/;

function readConfigurations(ctx: OperationContext, domainName: string, input: Input): DomainNameConfiguration[] {
  const raw = input.raw('domainNameConfigurations');
  const list = raw === undefined || raw === null ? [{}] : raw;
  if (!Array.isArray(list) || list.length !== 1)
    throw badRequest('domainNameConfigurations must hold exactly one configuration for a regional domain name.');
  const config = new Input(list[0], 'domainNameConfigurations[0]');
  const endpointType = config.string('endpointType', { oneOf: ['REGIONAL'] }) ?? 'REGIONAL';
  const securityPolicy = config.string('securityPolicy', { oneOf: ['TLS_1_2'] }) ?? 'TLS_1_2';
  const out: DomainNameConfiguration = {
    apiGatewayDomainName: regionalDomainTarget(domainName, ctx.region),
    domainNameStatus: 'AVAILABLE',
    domainNameStatusMessage: 'Domain name is ready',
    endpointType: endpointType as 'REGIONAL',
    hostedZoneId: regionalHostedZoneId(ctx.region),
    ipAddressType: (config.string('ipAddressType', { oneOf: ['ipv4', 'dualstack'] }) ?? 'ipv4') as 'ipv4',
    securityPolicy: securityPolicy as 'TLS_1_2',
  };
  for (const member of ['certificateArn', 'certificateName', 'ownershipVerificationCertificateArn'] as const) {
    const value = config.string(member);
    if (value !== undefined) out[member] = value;
  }
  if (out.certificateArn) out.certificateUploadDate = ctx.now();
  return [out];
}

function applyMutualTls(domain: DomainName, input: Input): void {
  const mtls = input.object('mutualTlsAuthentication');
  if (!mtls) return;
  const uri = mtls.string('truststoreUri');
  // The provider turns mutual TLS off by sending truststoreUri "" (docs/reference/controlplane.md §4.2).
  if (uri === '' || uri === undefined) {
    delete domain.mutualTlsAuthentication;
    return;
  }
  const version = mtls.string('truststoreVersion');
  domain.mutualTlsAuthentication = { truststoreUri: uri, ...(version !== undefined ? { truststoreVersion: version } : {}) };
}

export function createDomainName(ctx: OperationContext, request: unknown): DomainName {
  const input = new Input(request);
  const name = input.required('domainName', input.string('domainName', { min: 1, max: 512 })).toLowerCase();
  if (!DOMAIN.test(name)) throw badRequest(`Invalid domain name "${name}": expected a DNS name such as api.example.com.`);
  if (ctx.store.get('domainNames', '', name)) throw conflict('The domain name resource already exists.');
  checkQuota(ctx.store.count('domainNames', ''), quota(ctx, 'domainNames'), 'Domain names', 'account', 'domainNames');
  const domain: DomainName = {
    domainName: name,
    domainNameArn: domainNameArn(ctx.region, name),
    apiMappingSelectionExpression: '$request.basepath',
    domainNameConfigurations: readConfigurations(ctx, name, input),
    routingMode: (input.string('routingMode', {
      oneOf: ['API_MAPPING_ONLY', 'ROUTING_RULE_ONLY', 'ROUTING_RULE_THEN_API_MAPPING'],
    }) ?? 'API_MAPPING_ONLY') as DomainName['routingMode'],
    tags: readTags(input) ?? {},
  };
  applyMutualTls(domain, input);
  ctx.store.put('domainNames', '', name, domain);
  ctx.servingChanged();
  return domain;
}

export function getDomainName(ctx: OperationContext, request: unknown): DomainName {
  return requireDomainName(ctx, label(new Input(request), 'domainName'));
}

export function getDomainNames(ctx: OperationContext, request: unknown): Page<DomainName> {
  return paginate(ctx.store.list('domainNames', ''), new Input(request));
}

export function updateDomainName(ctx: OperationContext, request: unknown): DomainName {
  const input = new Input(request);
  const domain = requireDomainName(ctx, label(input, 'domainName'));
  if (input.has('domainNameConfigurations')) domain.domainNameConfigurations = readConfigurations(ctx, domain.domainName, input);
  const routingMode = input.string('routingMode', {
    oneOf: ['API_MAPPING_ONLY', 'ROUTING_RULE_ONLY', 'ROUTING_RULE_THEN_API_MAPPING'],
  });
  if (routingMode !== undefined) domain.routingMode = routingMode as DomainName['routingMode'];
  applyMutualTls(domain, input);
  ctx.store.put('domainNames', '', domain.domainName, domain);
  ctx.servingChanged();
  return domain;
}

export function deleteDomainName(ctx: OperationContext, request: unknown): void {
  const domain = requireDomainName(ctx, label(new Input(request), 'domainName'));
  ctx.store.deleteAll('apiMappings', domain.domainName);
  ctx.store.delete('domainNames', '', domain.domainName);
  ctx.servingChanged();
}
