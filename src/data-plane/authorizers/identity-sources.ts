import type { RequestContext } from '../request-context.js';

/**
 * An identity source (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html, "Identity sources"): `$request.header.<name>`
 * (case-insensitive), `$request.querystring.<name>` (case-sensitive), `$context.<variable>` or
 * `$stageVariables.<name>`.
 */
export type IdentitySource =
  | { readonly kind: 'header'; readonly name: string }
  | { readonly kind: 'querystring'; readonly name: string }
  | { readonly kind: 'context'; readonly name: string }
  | { readonly kind: 'stageVariable'; readonly name: string };

export function parseIdentitySource(expression: string): IdentitySource | undefined {
  const match = /^\$(request\.header|request\.querystring|context|stageVariables)\.(.+)$/.exec(expression.trim());
  if (match === null) return undefined;
  const name = match[2] as string;
  switch (match[1]) {
    case 'request.header':
      return { kind: 'header', name: name.toLowerCase() };
    case 'request.querystring':
      return { kind: 'querystring', name };
    case 'context':
      return { kind: 'context', name };
    default:
      return { kind: 'stageVariable', name };
  }
}

/** `$context` variables an identity source may name (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html). */
const CONTEXT: Readonly<Record<string, (c: RequestContext) => string>> = {
  accountId: (c) => c.accountId,
  apiId: (c) => c.apiId,
  domainName: (c) => c.domainName,
  domainPrefix: (c) => c.domainPrefix,
  extendedRequestId: (c) => c.extendedRequestId,
  httpMethod: (c) => c.httpMethod,
  'identity.sourceIp': (c) => c.sourceIp,
  'identity.userAgent': (c) => c.userAgent,
  path: (c) => c.path,
  protocol: (c) => c.protocol,
  requestId: (c) => c.requestId,
  requestTime: (c) => c.requestTime,
  requestTimeEpoch: (c) => String(c.requestTimeEpoch),
  routeKey: (c) => c.routeKey,
  stage: (c) => c.stage,
};

export interface IdentityInputs {
  readonly rawHeaders: readonly string[];
  readonly query: readonly (readonly [string, string])[];
  readonly context: RequestContext;
  readonly stageVariables: Readonly<Record<string, string>>;
}

/** The value an identity source finds; repeated headers and query members are comma-joined. Undefined or "" means missing. */
export function readIdentitySource(source: IdentitySource, inputs: IdentityInputs): string | undefined {
  switch (source.kind) {
    case 'header': {
      let value: string | undefined;
      const raw = inputs.rawHeaders;
      for (let i = 0; i < raw.length; i += 2)
        if ((raw[i] as string).toLowerCase() === source.name) value = value === undefined ? raw[i + 1] : `${value},${raw[i + 1]}`;
      return value;
    }
    case 'querystring': {
      const values = inputs.query.filter(([name]) => name === source.name).map(([, value]) => value);
      return values.length === 0 ? undefined : values.join(',');
    }
    case 'context':
      return CONTEXT[source.name]?.(inputs.context);
    case 'stageVariable':
      return inputs.stageVariables[source.name];
  }
}
