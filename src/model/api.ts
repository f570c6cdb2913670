/** An API (docs/reference/controlplane.md §2.2 "Api"); members are the wire's camelCase names. */
export const PROTOCOL_TYPES = ['HTTP', 'WEBSOCKET'] as const;
export type ProtocolType = (typeof PROTOCOL_TYPES)[number];

export interface CorsConfiguration {
  allowCredentials?: boolean;
  allowHeaders?: string[];
  allowMethods?: string[];
  allowOrigins?: string[];
  exposeHeaders?: string[];
  /** Seconds, -1..86400. */
  maxAge?: number;
}

export interface Api {
  apiId: string;
  name: string;
  protocolType: ProtocolType;
  apiKeySelectionExpression: string;
  routeSelectionExpression: string;
  corsConfiguration?: CorsConfiguration;
  createdDate: string;
  description?: string;
  disableExecuteApiEndpoint: boolean;
  disableSchemaValidation?: boolean;
  ipAddressType: 'ipv4' | 'dualstack';
  version?: string;
  importInfo?: string[];
  warnings?: string[];
  tags: Record<string, string>;
  /** Set for APIs made by ImportApi/quick create: kept for ExportApi and Terraform's reimport. */
  apiGatewayManaged?: boolean;
}

/** AWS fills these in when CreateApi omits them (docs/reference/controlplane.md §2.3). */
export const API_DEFAULTS = {
  apiKeySelectionExpression: '$request.header.x-api-key',
  routeSelectionExpression: '$request.method $request.path',
} as const;
