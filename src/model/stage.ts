export interface RouteSettings {
  dataTraceEnabled?: boolean;
  detailedMetricsEnabled?: boolean;
  loggingLevel?: 'ERROR' | 'INFO' | 'OFF';
  throttlingBurstLimit?: number;
  throttlingRateLimit?: number;
}

export interface AccessLogSettings {
  destinationArn?: string;
  format?: string;
}

export interface Stage {
  stageName: string;
  autoDeploy: boolean;
  deploymentId?: string;
  description?: string;
  clientCertificateId?: string;
  defaultRouteSettings: RouteSettings;
  routeSettings: Record<string, RouteSettings>;
  stageVariables: Record<string, string>;
  accessLogSettings?: AccessLogSettings;
  tags: Record<string, string>;
  createdDate: string;
  lastUpdatedDate: string;
  lastDeploymentStatusMessage?: string;
  apiGatewayManaged?: boolean;
}

export const DEFAULT_STAGE_NAME = '$default';

/**
 * Stage names: alphanumerics, hyphens and underscores, 1..128 characters, or the special
 * `$default` (docs/reference/controlplane.md §3.2, from the model's DeleteRouteSettingsRequest.StageName doc).
 */
export function isValidStageName(name: string): boolean {
  return name === DEFAULT_STAGE_NAME || /^[A-Za-z0-9_-]{1,128}$/.test(name);
}
