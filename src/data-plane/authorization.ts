/**
 * Who an authorizer said the caller is (docs/reference/dataplane.md §6): what `$context.authorizer.*` and
 * `$context.identity.*` show, and what Lambda events carry in `requestContext.authorizer`.
 */

/** The caller of an AWS_IAM route, from its SigV4 credentials (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control-iam.html). */
export interface IamCaller {
  readonly accessKey: string;
  readonly accountId: string;
  /** The principal's unique id (`$context.identity.caller`, 2.0 `callerId`/`userId`). */
  readonly caller: string;
  /** `$context.identity.user`. */
  readonly user: string;
  readonly userArn: string;
}

export type Authorization =
  /** Claim values are strings, as AWS hands them on; `scopes` null when the token has none. */
  | { readonly kind: 'jwt'; readonly claims: Readonly<Record<string, string>>; readonly scopes: readonly string[] | null }
  /** A Lambda authorizer's `context` (JSON types kept) and, for policy responses, its `principalId`. */
  | {
      readonly kind: 'lambda';
      readonly principalId: string | undefined;
      readonly context: Readonly<Record<string, unknown>> | null;
      /** Milliseconds the authorizer took (0 when the result came from the cache). */
      readonly latencyMs: number;
    }
  | { readonly kind: 'iam'; readonly caller: IamCaller };

/**
 * `$context.authorizer` as a tree: `claims.<name>` for JWT, `<key>` and `principalId` for Lambda
 * authorizers (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html). `error` is added when an authorizer failed.
 */
export function authorizerVariables(authorization: Authorization | undefined, error: string): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  if (authorization?.kind === 'jwt') variables['claims'] = authorization.claims;
  else if (authorization?.kind === 'lambda') {
    Object.assign(variables, authorization.context);
    if (authorization.principalId !== undefined) variables['principalId'] = authorization.principalId;
  }
  if (error !== '') variables['error'] = error;
  return variables;
}
