export const INTEGRATION_TYPES = ['AWS', 'HTTP', 'MOCK', 'HTTP_PROXY', 'AWS_PROXY'] as const;
export type IntegrationType = (typeof INTEGRATION_TYPES)[number];

export const CONNECTION_TYPES = ['INTERNET', 'VPC_LINK'] as const;
export type ConnectionType = (typeof CONNECTION_TYPES)[number];

export interface TlsConfig {
  serverNameToVerify?: string;
}

/** Response parameter mappings, keyed by backend status code ("200".."599"). */
export type ResponseParameters = Record<string, Record<string, string>>;

export interface Integration {
  integrationId: string;
  integrationType: IntegrationType;
  integrationUri?: string;
  integrationMethod?: string;
  integrationSubtype?: string;
  connectionType: ConnectionType;
  connectionId?: string;
  credentialsArn?: string;
  description?: string;
  payloadFormatVersion: string;
  timeoutInMillis: number;
  requestParameters?: Record<string, string>;
  responseParameters?: ResponseParameters;
  requestTemplates?: Record<string, string>;
  templateSelectionExpression?: string;
  contentHandlingStrategy?: string;
  passthroughBehavior?: string;
  integrationResponseSelectionExpression?: string;
  tlsConfig?: TlsConfig;
  apiGatewayManaged?: boolean;
}

/** HTTP APIs: 50..30,000 ms, default 30,000 (docs/reference/dataplane.md §3.1). WebSocket: 50..29,000, default 29,000. */
export const HTTP_TIMEOUT_LIMITS = { min: 50, max: 30_000 } as const;
export const WEBSOCKET_TIMEOUT_LIMITS = { min: 50, max: 29_000 } as const;
