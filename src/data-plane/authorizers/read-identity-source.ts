import type { RequestContext } from '../request-context.js';
import type { IdentitySource } from './identity-sources.js';

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
