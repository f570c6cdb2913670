import { badRequest } from '../service-errors.js';
import { type ImportMessages, integerValue, isObject, type OpenApiDocument, versionText } from './parse-document.js';

/**
 * `components.securitySchemes` → authorizers (AWS "x-amazon-apigateway-authorizer object",
 * HTTP API examples; docs/reference/controlplane.md §7). A scheme is a JWT authorizer (`type: jwt`), a Lambda
 * REQUEST authorizer (`type: request`), IAM (`x-amazon-apigateway-authtype: awsSigv4`), or
 * something HTTP APIs cannot enforce, which is a warning.
 */
export type SecurityScheme =
  { kind: 'authorizer'; authorizerType: 'JWT' | 'REQUEST'; request: Record<string, unknown> } | { kind: 'iam' } | { kind: 'unsupported' };

/** `identitySource` is one comma-separated string in OpenAPI; the API takes a list. */
function identitySources(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value
    .split(',')
    .map((source) => source.trim())
    .filter((source) => source !== '');
}

/**
 * With `openIdConnectUrl` and no issuer, AWS discovers the issuer; by OpenID Connect Discovery
 * §4 it is the URL without `/.well-known/openid-configuration`.
 */
function issuerOf(scheme: Record<string, unknown>): string | undefined {
  const url = scheme['openIdConnectUrl'];
  if (typeof url !== 'string') return undefined;
  return url.replace(/\/\.well-known\/openid-configuration\/?$/, '');
}

function readAuthorizer(
  name: string,
  scheme: Record<string, unknown>,
  raw: Record<string, unknown>,
  messages: ImportMessages,
): SecurityScheme {
  const where = `components.securitySchemes.${name}`;
  const type = typeof raw['type'] === 'string' ? raw['type'].toLowerCase() : '';
  if (type === 'jwt') {
    const jwt = isObject(raw['jwtConfiguration']) ? raw['jwtConfiguration'] : {};
    const issuer = jwt['issuer'] ?? issuerOf(scheme);
    return {
      kind: 'authorizer',
      authorizerType: 'JWT',
      request: {
        name,
        authorizerType: 'JWT',
        identitySource: identitySources(raw['identitySource'] ?? '$request.header.Authorization'),
        jwtConfiguration: {
          ...(issuer !== undefined ? { issuer } : {}),
          ...(jwt['audience'] !== undefined ? { audience: jwt['audience'] } : {}),
        },
      },
    };
  }
  if (type === 'request') {
    const request: Record<string, unknown> = { name, authorizerType: 'REQUEST' };
    const copies: [string, string, (value: unknown) => unknown][] = [
      ['authorizerUri', 'authorizerUri', (v) => v],
      ['authorizerCredentials', 'authorizerCredentialsArn', (v) => v],
      ['authorizerPayloadFormatVersion', 'authorizerPayloadFormatVersion', versionText],
      ['authorizerResultTtlInSeconds', 'authorizerResultTtlInSeconds', integerValue],
      ['enableSimpleResponses', 'enableSimpleResponses', (v) => v],
      ['identitySource', 'identitySource', identitySources],
    ];
    for (const [from, to, convert] of copies) if (raw[from] !== undefined) request[to] = convert(raw[from]);
    if (raw['identityValidationExpression'] !== undefined)
      messages.importInfo.push(`${where}: identityValidationExpression is supported only for REST APIs and was ignored.`);
    return { kind: 'authorizer', authorizerType: 'REQUEST', request };
  }
  messages.warnings.push(
    `${where}: authorizer type "${String(raw['type'])}" is not supported for HTTP APIs (use jwt or request); routes using it were imported without authorization.`,
  );
  return { kind: 'unsupported' };
}

export function readSecuritySchemes(document: OpenApiDocument, messages: ImportMessages): Map<string, SecurityScheme> {
  const schemes = new Map<string, SecurityScheme>();
  const components = document['components'];
  const declared = isObject(components) ? components['securitySchemes'] : undefined;
  if (declared === undefined) return schemes;
  if (!isObject(declared)) throw badRequest('components.securitySchemes must be an object.');
  for (const [name, scheme] of Object.entries(declared)) {
    if (!isObject(scheme)) throw badRequest(`components.securitySchemes.${name} must be an object.`);
    const authorizer = scheme['x-amazon-apigateway-authorizer'];
    const authType = scheme['x-amazon-apigateway-authtype'];
    if (isObject(authorizer)) schemes.set(name, readAuthorizer(name, scheme, authorizer, messages));
    else if (typeof authType === 'string' && authType.toLowerCase() === 'awssigv4') schemes.set(name, { kind: 'iam' });
    else {
      messages.warnings.push(
        `components.securitySchemes.${name} has no x-amazon-apigateway-authorizer; routes using it were imported without authorization.`,
      );
      schemes.set(name, { kind: 'unsupported' });
    }
  }
  return schemes;
}
