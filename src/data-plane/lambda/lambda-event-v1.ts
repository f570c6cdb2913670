import type { Authorization } from '../authorization.js';
import type { EventBody } from './body-encoding.js';
import { nonEmpty, singleAndMulti, type EventInput } from './event-input.js';

/**
 * 1.0 header names: API Gateway lower-cases the client's fields but writes the ones it sets or
 * normalises in canonical case (`Content-Length`, `Host`, `User-Agent`, `X-Amzn-Trace-Id`,
 * `X-Forwarded-*`), as two captured HTTP API 1.0 events show (gist metaskills/1eee9da3…,
 * gist kenjij/350855531…, one from curl and one from a browser).
 */
const CANONICAL: Readonly<Record<string, string>> = {
  'content-length': 'Content-Length',
  host: 'Host',
  'user-agent': 'User-Agent',
  'x-amzn-trace-id': 'X-Amzn-Trace-Id',
  'x-forwarded-for': 'X-Forwarded-For',
  'x-forwarded-port': 'X-Forwarded-Port',
  'x-forwarded-proto': 'X-Forwarded-Proto',
};

function headerPairs(input: EventInput): [string, string][] {
  const pairs: [string, string][] = input.facts.headers.map(([name, value]) => [CANONICAL[name] ?? name, value]);
  for (const cookie of input.facts.cookieHeaders) pairs.push(['cookie', cookie]);
  return pairs;
}

/**
 * 1.0 `requestContext.authorizer`: JWT claims and scopes (and `{claims: null, scopes: null}` when
 * the route has none, as the documented 1.0 sample shows); a Lambda authorizer's context keys with
 * `principalId` and `integrationLatency`, as REST APIs hand them on. IAM callers appear in `identity`.
 */
function authorizerV1(authorization: Authorization | undefined): Record<string, unknown> {
  if (authorization?.kind === 'jwt') return { claims: authorization.claims, scopes: authorization.scopes };
  if (authorization?.kind === 'lambda')
    return {
      ...authorization.context,
      ...(authorization.principalId === undefined ? {} : { principalId: authorization.principalId }),
      integrationLatency: authorization.latencyMs,
    };
  return { claims: null, scopes: null };
}

function identityV1(input: EventInput): Record<string, unknown> {
  const caller = input.authorization?.kind === 'iam' ? input.authorization.caller : undefined;
  return {
    accessKey: caller?.accessKey ?? null,
    accountId: caller?.accountId ?? null,
    caller: caller?.caller ?? null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp: input.context.sourceIp,
    user: caller?.user ?? null,
    userAgent: input.context.userAgent,
    userArn: caller?.userArn ?? null,
  };
}

/** The 1.0 `requestContext` (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html, 1.0 sample; `resourceId` is null there). */
function requestContextV1(input: EventInput, withAuthorizer: boolean): Record<string, unknown> {
  const c = input.context;
  return {
    accountId: c.accountId,
    apiId: c.apiId,
    ...(withAuthorizer ? { authorizer: authorizerV1(input.authorization) } : {}),
    domainName: c.domainName,
    domainPrefix: c.domainPrefix,
    extendedRequestId: c.extendedRequestId,
    httpMethod: c.httpMethod,
    identity: identityV1(input),
    path: input.rawPath,
    protocol: c.protocol,
    requestId: c.requestId,
    requestTime: c.requestTime,
    requestTimeEpoch: c.requestTimeEpoch,
    resourceId: null,
    resourcePath: input.resourcePath,
    stage: c.stage,
  };
}

function requestPartV1(input: EventInput): Record<string, unknown> {
  const headers = singleAndMulti(headerPairs(input));
  const query = singleAndMulti(input.facts.query);
  return {
    resource: input.resourcePath,
    path: input.rawPath,
    httpMethod: input.context.httpMethod,
    headers: headers.single ?? {},
    multiValueHeaders: headers.multi ?? {},
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
  };
}

/** Payload format 1.0 integration event (REST-compatible; members with nothing to say are null). */
export function integrationEventV1(input: EventInput, body: EventBody | undefined): Record<string, unknown> {
  return {
    version: '1.0',
    ...requestPartV1(input),
    requestContext: requestContextV1(input, true),
    pathParameters: nonEmpty(input.pathParameters) ?? null,
    stageVariables: nonEmpty(input.stageVariables) ?? null,
    body: body?.body ?? null,
    isBase64Encoded: body?.isBase64Encoded ?? false,
  };
}

/** Lambda authorizer event, payload 1.0 (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html): `methodArn`, identity values comma-joined. */
export function authorizerEventV1(input: EventInput, methodArn: string, identitySource: readonly string[]): Record<string, unknown> {
  const identity = identitySource.join(',');
  return {
    version: '1.0',
    type: 'REQUEST',
    methodArn,
    identitySource: identity,
    authorizationToken: identity,
    ...requestPartV1(input),
    pathParameters: nonEmpty(input.pathParameters) ?? {},
    stageVariables: nonEmpty(input.stageVariables) ?? {},
    requestContext: requestContextV1(input, false),
  };
}
