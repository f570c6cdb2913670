export const AUTHORIZER_TYPES = ['REQUEST', 'JWT'] as const;
export type AuthorizerType = (typeof AUTHORIZER_TYPES)[number];

export interface JwtConfiguration {
  audience?: string[];
  issuer?: string;
}

export interface Authorizer {
  authorizerId: string;
  name: string;
  authorizerType: AuthorizerType;
  authorizerUri?: string;
  authorizerCredentialsArn?: string;
  authorizerPayloadFormatVersion?: string;
  authorizerResultTtlInSeconds?: number;
  enableSimpleResponses?: boolean;
  identitySource?: string[];
  identityValidationExpression?: string;
  jwtConfiguration?: JwtConfiguration;
}
