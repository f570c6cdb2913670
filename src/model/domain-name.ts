import { stableId } from './ids.js';

export interface DomainNameConfiguration {
  apiGatewayDomainName?: string;
  certificateArn?: string;
  certificateName?: string;
  certificateUploadDate?: string;
  domainNameStatus?: 'AVAILABLE' | 'UPDATING' | 'PENDING_CERTIFICATE_REIMPORT' | 'PENDING_OWNERSHIP_VERIFICATION';
  domainNameStatusMessage?: string;
  endpointType?: 'REGIONAL' | 'EDGE';
  hostedZoneId?: string;
  ipAddressType?: 'ipv4' | 'dualstack';
  securityPolicy?: 'TLS_1_0' | 'TLS_1_2';
  ownershipVerificationCertificateArn?: string;
}

export interface MutualTlsAuthentication {
  truststoreUri?: string;
  truststoreVersion?: string;
  truststoreWarnings?: string[];
}

export interface DomainName {
  domainName: string;
  domainNameArn?: string;
  apiMappingSelectionExpression: string;
  domainNameConfigurations: DomainNameConfiguration[];
  mutualTlsAuthentication?: MutualTlsAuthentication;
  routingMode: 'API_MAPPING_ONLY' | 'ROUTING_RULE_ONLY' | 'ROUTING_RULE_THEN_API_MAPPING';
  tags: Record<string, string>;
}

/** Route 53 hosted zone ids of API Gateway's regional endpoints (AWS General Reference, "API Gateway endpoints"). */
const REGIONAL_ZONES: Record<string, string> = {
  'us-east-1': 'Z1UJRXOUMOOFQ8',
  'us-east-2': 'ZOJJZC49E0EPZ',
  'us-west-1': 'Z2MUQ32089INYE',
  'us-west-2': 'Z2OJLYMUO9EFXC',
  'eu-west-1': 'ZLY8HYME6SFDD',
  'eu-west-2': 'ZJ5UAJN8Y3Z2Q',
  'eu-central-1': 'Z1U9ULNL0V5AJ3',
  'ap-southeast-1': 'ZL327KTPIQFUL',
  'ap-southeast-2': 'Z2RHNAG4ZP21GN',
  'ap-northeast-1': 'Z1YSHQZHG15GKL',
};

export function regionalHostedZoneId(region: string): string {
  return REGIONAL_ZONES[region] ?? 'Z1UJRXOUMOOFQ8';
}

/** The `d-….execute-api.{region}.amazonaws.com` name a regional custom domain points at; stable per domain. */
export function regionalDomainTarget(domainName: string, region: string): string {
  return `d-${stableId('api', domainName)}.execute-api.${region}.amazonaws.com`;
}

export interface ApiMapping {
  apiMappingId: string;
  apiId: string;
  stage: string;
  apiMappingKey: string;
}

/**
 * API mapping keys: letters, digits and `$-_.+!*'()/`, at most 300 characters, multi-level
 * allowed (`orders/v1/items`), never starting or ending with `/` nor containing `//`
 * (docs/reference/dataplane.md §1; docs/reference/controlplane.md §3.2). The empty key is the catch-all.
 */
export function apiMappingKeyProblem(key: string): string | undefined {
  if (key === '') return undefined;
  if (key.length > 300) return 'must be at most 300 characters';
  if (!/^[A-Za-z0-9$\-_.+!*'()/]+$/.test(key)) return "may contain only letters, digits and $-_.+!*'()/";
  if (key.startsWith('/') || key.endsWith('/') || key.includes('//')) return 'must not start or end with "/" nor contain "//"';
  return undefined;
}
