import type { Authorization } from '../authorization.js';
import type { EventBody } from './body-encoding.js';
import { joined, nonEmpty, type EventInput } from './event-input.js';

/**
 * `requestContext.authorizer` of 2.0 events, by authorizer type (aws-lambda-go
 * `events/testdata/apigw-v2-request-{jwt-authorizer,lambda-authorizer,iam}.json`); absent without one.
 */
function authorizerV2(authorization: Authorization | undefined): Record<string, unknown> | undefined {
  switch (authorization?.kind) {
    case undefined:
      return undefined;
    case 'jwt':
      return { jwt: { claims: authorization.claims, scopes: authorization.scopes } };
    case 'lambda':
      return { lambda: authorization.context };
    case 'iam': {
      const { caller } = authorization;
      return {
        iam: {
          accessKey: caller.accessKey,
          accountId: caller.accountId,
          callerId: caller.caller,
          cognitoIdentity: null,
          principalOrgId: null,
          userArn: caller.userArn,
          userId: caller.caller,
        },
      };
    }
  }
}

/** The 2.0 `requestContext` (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html), without `authentication` (no mTLS here). */
function requestContextV2(input: EventInput, withAuthorizer: boolean): Record<string, unknown> {
  const c = input.context;
  const authorizer = withAuthorizer ? authorizerV2(input.authorization) : undefined;
  return {
    accountId: c.accountId,
    apiId: c.apiId,
    ...(authorizer === undefined ? {} : { authorizer }),
    domainName: c.domainName,
    domainPrefix: c.domainPrefix,
    http: { method: c.httpMethod, path: input.rawPath, protocol: c.protocol, sourceIp: c.sourceIp, userAgent: c.userAgent },
    requestId: c.requestId,
    routeKey: input.routeKey,
    stage: c.stage,
    time: c.requestTime,
    timeEpoch: c.requestTimeEpoch,
  };
}

/**
 * The request part shared by integration and authorizer 2.0 events: all header names lower-case,
 * duplicates comma-joined, cookies in `cookies` (not in `headers`), empty members left out except
 * `rawQueryString` (docs/reference/dataplane.md §5.1).
 */
function requestPartV2(input: EventInput): Record<string, unknown> {
  const cookies = input.facts.cookies;
  return {
    routeKey: input.routeKey,
    rawPath: input.rawPath,
    rawQueryString: input.rawQuery,
    ...(cookies.length === 0 ? {} : { cookies: [...cookies] }),
    headers: joined(input.facts.headers) ?? {},
    ...optional('queryStringParameters', joined(input.facts.query)),
  };
}

function optional(name: string, value: object | undefined): Record<string, unknown> {
  return value === undefined ? {} : { [name]: value };
}

/** Payload format 2.0 integration event. */
export function integrationEventV2(input: EventInput, body: EventBody | undefined): Record<string, unknown> {
  return {
    version: '2.0',
    ...requestPartV2(input),
    requestContext: requestContextV2(input, true),
    ...(body === undefined ? {} : { body: body.body }),
    ...optional('pathParameters', nonEmpty(input.pathParameters)),
    isBase64Encoded: body?.isBase64Encoded ?? false,
    ...optional('stageVariables', nonEmpty(input.stageVariables)),
  };
}

/** Lambda authorizer event, payload 2.0 (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html): the request without a body, plus `type`, `routeArn`, `identitySource`. */
export function authorizerEventV2(input: EventInput, routeArn: string, identitySource: readonly string[]): Record<string, unknown> {
  const { routeKey, ...request } = requestPartV2(input);
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn,
    identitySource: [...identitySource],
    routeKey,
    ...request,
    requestContext: requestContextV2(input, false),
    ...optional('pathParameters', nonEmpty(input.pathParameters)),
    ...optional('stageVariables', nonEmpty(input.stageVariables)),
  };
}
