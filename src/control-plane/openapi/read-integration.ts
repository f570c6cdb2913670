import { badRequest } from '../service-errors.js';
import { type ImportMessages, integerValue, isObject, versionText } from './parse-document.js';

/**
 * `x-amazon-apigateway-integration` → the members of a CreateIntegration request (AWS
 * "x-amazon-apigateway-integration object"; docs/reference/controlplane.md §7). Values are handed to the
 * same CreateIntegration operation, so they get exactly its validation. Integration types
 * HTTP APIs cannot run (AWS, HTTP, MOCK) are *warnings*, as AWS reports them: the route is
 * imported without its integration.
 */

/** Members only REST APIs use; HTTP APIs ignore them and say so in importInfo. */
const REST_ONLY = ['requestTemplates', 'responses', 'passthroughBehavior', 'contentHandling', 'cacheKeyParameters', 'cacheNamespace'];

export function readIntegration(raw: unknown, where: string, messages: ImportMessages): Record<string, unknown> | undefined {
  if (!isObject(raw)) throw badRequest(`${where}: x-amazon-apigateway-integration must be an object.`);
  const type = typeof raw['type'] === 'string' ? raw['type'].toUpperCase() : undefined;
  if (type === undefined) throw badRequest(`${where}: x-amazon-apigateway-integration needs a type (AWS_PROXY or HTTP_PROXY).`);
  if (type !== 'AWS_PROXY' && type !== 'HTTP_PROXY') {
    messages.warnings.push(
      `${where}: integration type ${type} is not supported for HTTP APIs (only AWS_PROXY and HTTP_PROXY); the route was imported without an integration.`,
    );
    return undefined;
  }
  if (raw['payloadFormatVersion'] === undefined)
    throw badRequest(
      `${where}: payloadFormatVersion is required in x-amazon-apigateway-integration for HTTP APIs (1.0, or 2.0 for Lambda).`,
    );
  const request: Record<string, unknown> = {
    integrationType: type,
    payloadFormatVersion: versionText(raw['payloadFormatVersion']),
  };
  const copies: [string, string][] = [
    ['uri', 'integrationUri'],
    ['connectionId', 'connectionId'],
    ['integrationSubtype', 'integrationSubtype'],
    ['credentials', 'credentialsArn'],
    ['requestParameters', 'requestParameters'],
    ['responseParameters', 'responseParameters'],
    ['description', 'description'],
  ];
  for (const [from, to] of copies) if (raw[from] !== undefined) request[to] = raw[from];
  // Exports write enum values in lower case (`type: "http_proxy"`); the API wants upper case.
  for (const [from, to] of [
    ['httpMethod', 'integrationMethod'],
    ['connectionType', 'connectionType'],
  ] as const) {
    const value = raw[from];
    if (value !== undefined) request[to] = typeof value === 'string' ? value.toUpperCase() : value;
  }
  if (raw['timeoutInMillis'] !== undefined) request['timeoutInMillis'] = integerValue(raw['timeoutInMillis']);
  const tls = raw['tlsConfig'];
  if (isObject(tls)) {
    if (tls['serverNameToVerify'] !== undefined) request['tlsConfig'] = { serverNameToVerify: tls['serverNameToVerify'] };
    if (tls['insecureSkipVerification'] !== undefined)
      messages.importInfo.push(`${where}: tlsConfig.insecureSkipVerification is supported only for REST APIs and was ignored.`);
  }
  for (const member of REST_ONLY)
    if (raw[member] !== undefined) messages.importInfo.push(`${where}: ${member} is not supported for HTTP APIs and was ignored.`);
  return request;
}
