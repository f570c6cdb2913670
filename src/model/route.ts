export const AUTHORIZATION_TYPES = ['NONE', 'AWS_IAM', 'CUSTOM', 'JWT'] as const;
export type AuthorizationType = (typeof AUTHORIZATION_TYPES)[number];

export interface ParameterConstraints {
  required?: boolean;
}

export interface Route {
  routeId: string;
  routeKey: string;
  target?: string;
  authorizationType: AuthorizationType;
  authorizerId?: string;
  authorizationScopes?: string[];
  apiKeyRequired: boolean;
  operationName?: string;
  modelSelectionExpression?: string;
  requestModels?: Record<string, string>;
  requestParameters?: Record<string, ParameterConstraints>;
  routeResponseSelectionExpression?: string;
  apiGatewayManaged?: boolean;
}

/** `integrations/{integrationId}` → the integration id, or undefined for other forms. */
export function integrationIdOfTarget(target: string | undefined): string | undefined {
  if (!target) return undefined;
  const match = /^integrations\/([A-Za-z0-9]+)$/.exec(target);
  return match?.[1];
}
