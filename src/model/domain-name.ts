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

export interface ApiMapping {
  apiMappingId: string;
  apiId: string;
  stage: string;
  apiMappingKey: string;
}

/**
 * API mapping keys: letters, digits and `$-_.+!*'()/`, at most 300 characters, multi-level
 * allowed (`orders/v1/items`), never starting or ending with `/` nor containing `//`
 * (dataplane.md §1; controlplane.md §3.2). The empty key is the catch-all.
 */
export function apiMappingKeyProblem(key: string): string | undefined {
  if (key === '') return undefined;
  if (key.length > 300) return 'must be at most 300 characters';
  if (!/^[A-Za-z0-9$\-_.+!*'()/]+$/.test(key)) return "may contain only letters, digits and $-_.+!*'()/";
  if (key.startsWith('/') || key.endsWith('/') || key.includes('//'))
    return 'must not start or end with "/" nor contain "//"';
  return undefined;
}
