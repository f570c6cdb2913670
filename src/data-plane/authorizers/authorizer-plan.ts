import type { Authorizer, Route } from '../../model/index.js';
import { parseIdentitySource, type IdentitySource } from './identity-sources.js';

/** A route's authorization, compiled once per deployment (docs/reference/dataplane.md §6). */
export type AuthorizerPlan =
  | {
      readonly kind: 'jwt';
      readonly authorizerId: string;
      readonly issuer: string;
      readonly audience: readonly string[];
      readonly identitySource: IdentitySource;
      /** The route's `authorizationScopes`: a token needs one of them. */
      readonly scopes: readonly string[];
    }
  | {
      readonly kind: 'lambda';
      readonly authorizerId: string;
      readonly functionUri: string;
      readonly payloadFormatVersion: '1.0' | '2.0';
      readonly simpleResponses: boolean;
      readonly ttlSeconds: number;
      readonly identitySources: readonly IdentitySource[];
    }
  | { readonly kind: 'iam' }
  /** The route names an authorizer the deployment does not have, or one that cannot work: 500. */
  | { readonly kind: 'broken'; readonly problem: string };

/** undefined for `NONE` routes: no authorization step at all. */
export function compileAuthorizer(route: Route, authorizers: readonly Authorizer[]): AuthorizerPlan | undefined {
  if (route.authorizationType === 'NONE') return undefined;
  if (route.authorizationType === 'AWS_IAM') return { kind: 'iam' };
  const authorizer = authorizers.find((candidate) => candidate.authorizerId === route.authorizerId);
  if (authorizer === undefined)
    return {
      kind: 'broken',
      problem: `route "${route.routeKey}" uses authorizer "${route.authorizerId ?? ''}", which this deployment does not have`,
    };
  const sources: IdentitySource[] = [];
  for (const expression of authorizer.identitySource ?? []) {
    const source = parseIdentitySource(expression);
    if (source === undefined)
      return { kind: 'broken', problem: `authorizer ${authorizer.name}: identity source "${expression}" is not supported` };
    sources.push(source);
  }
  if (authorizer.authorizerType === 'JWT') {
    const identitySource = sources[0];
    const issuer = authorizer.jwtConfiguration?.issuer;
    if (identitySource === undefined || issuer === undefined)
      return { kind: 'broken', problem: `JWT authorizer ${authorizer.name} needs an identity source and an issuer` };
    return {
      kind: 'jwt',
      authorizerId: authorizer.authorizerId,
      issuer,
      audience: authorizer.jwtConfiguration?.audience ?? [],
      identitySource,
      scopes: route.authorizationScopes ?? [],
    };
  }
  return {
    kind: 'lambda',
    authorizerId: authorizer.authorizerId,
    functionUri: authorizer.authorizerUri ?? '',
    payloadFormatVersion: authorizer.authorizerPayloadFormatVersion === '2.0' ? '2.0' : '1.0',
    simpleResponses: authorizer.enableSimpleResponses === true,
    ttlSeconds: authorizer.authorizerResultTtlInSeconds ?? 0,
    identitySources: sources,
  };
}
