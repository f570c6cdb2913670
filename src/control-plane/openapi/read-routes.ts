import { badRequest } from '../service-errors.js';
import { type ImportMessages, isObject, type OpenApiDocument } from './parse-document.js';
import { readIntegration } from './read-integration.js';
import type { SecurityScheme } from './read-security-schemes.js';
import { missingResponseSchemas } from './response-schema-refs.js';

/**
 * `paths` → routes (docs/reference/controlplane.md §7): `paths.{path}.{method}` is route key `METHOD /path`,
 * `x-amazon-apigateway-any-method` is `ANY`, and the `$default` route is the path `$default` or
 * `/$default` (AWS exports it as `/$default` with `isDefaultRoute: true`; AWS
 * "x-amazon-apigateway-any-method object").
 */
export interface RoutePlan {
  routeKey: string;
  where: string;
  integration?: { inline: Record<string, unknown> } | { ref: string };
  security?: { scheme: string; scopes: string[] };
  operationName?: string;
}

export type BasePathMode = 'ignore' | 'prepend' | 'split';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];
const ANY = 'x-amazon-apigateway-any-method';
const INTEGRATION_REF = /^#\/components\/x-amazon-apigateway-integrations\/(.+)$/;

/**
 * The base path of `servers[0].url` (its `{basePath}` variable filled with the default), applied
 * as the `basepath` parameter says: ignore it, prepend it, or prepend all but its first segment
 * (AWS "Set the OpenAPI basePath property").
 */
export function basePathOf(document: OpenApiDocument, mode: BasePathMode): string {
  if (mode === 'ignore') return '';
  const server = Array.isArray(document['servers']) ? document['servers'][0] : undefined;
  if (!isObject(server) || typeof server['url'] !== 'string') return '';
  const variables = isObject(server['variables']) ? server['variables'] : {};
  const url = server['url'].replace(/\{(\w+)\}/g, (_, name: string) => {
    const variable = variables[name];
    return isObject(variable) && typeof variable['default'] === 'string' ? variable['default'] : '';
  });
  const segments = new URL(url, 'http://base.invalid').pathname.split('/').filter((s) => s !== '');
  const kept = mode === 'split' ? segments.slice(1) : segments;
  return kept.length ? `/${kept.join('/')}` : '';
}

function readSecurity(
  requirements: unknown,
  where: string,
  schemes: ReadonlyMap<string, SecurityScheme>,
): RoutePlan['security'] | undefined {
  if (requirements === undefined) return undefined;
  if (!Array.isArray(requirements)) throw badRequest(`${where}: security must be a list of security requirements.`);
  if (requirements.length > 1)
    throw badRequest(
      `${where}: more than one security requirement. HTTP APIs allow one per operation: IAM authorization, a Lambda authorizer or a JWT authorizer.`,
    );
  const requirement: unknown = requirements[0];
  if (requirement === undefined) return undefined;
  if (!isObject(requirement)) throw badRequest(`${where}: a security requirement must be an object.`);
  const entries = Object.entries(requirement);
  if (entries.length === 0) return undefined;
  if (entries.length > 1) throw badRequest(`${where}: a security requirement may name only one security scheme on HTTP APIs.`);
  const [scheme, scopes] = entries[0] ?? ['', []];
  if (!schemes.has(scheme)) throw badRequest(`${where}: security names "${scheme}", which components.securitySchemes does not define.`);
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string'))
    throw badRequest(`${where}: the scopes of "${scheme}" must be a list of strings.`);
  return { scheme, scopes };
}

function readOperation(
  routeKey: string,
  where: string,
  operation: Record<string, unknown>,
  context: { document: OpenApiDocument; schemes: ReadonlyMap<string, SecurityScheme>; messages: ImportMessages },
): RoutePlan {
  const plan: RoutePlan = { routeKey, where };
  const raw = operation['x-amazon-apigateway-integration'];
  if (isObject(raw) && typeof raw['$ref'] === 'string') {
    const ref = INTEGRATION_REF.exec(raw['$ref'])?.[1];
    if (ref === undefined)
      throw badRequest(`${where}: $ref "${raw['$ref']}" must point into #/components/x-amazon-apigateway-integrations/.`);
    plan.integration = { ref };
  } else if (raw !== undefined) {
    const inline = readIntegration(raw, where, context.messages);
    if (inline) plan.integration = { inline };
  }
  const security = readSecurity(operation['security'] ?? context.document['security'], where, context.schemes);
  if (security) plan.security = security;
  const operationId = operation['operationId'];
  if (typeof operationId === 'string' && operationId.length <= 64) plan.operationName = operationId;
  else if (operationId !== undefined)
    context.messages.importInfo.push(`${where}: operationId is longer than 64 characters and was ignored.`);
  if (operation['requestBody'] !== undefined)
    context.messages.importInfo.push(`${where}: requestBody was ignored; HTTP APIs do not validate requests.`);
  return plan;
}

export function readRoutes(
  document: OpenApiDocument,
  mode: BasePathMode,
  schemes: ReadonlyMap<string, SecurityScheme>,
  messages: ImportMessages,
): RoutePlan[] {
  const paths = document['paths'] ?? {};
  if (!isObject(paths)) throw badRequest('paths must be an object.');
  const basePath = basePathOf(document, mode);
  const routes: RoutePlan[] = [];
  const context = { document, schemes, messages };
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) throw badRequest(`paths.${path} must be an object.`);
    const isDefaultPath = path === '$default' || path === '/$default';
    for (const [member, operation] of Object.entries(item)) {
      const where = `paths.${path}.${member}`;
      const method = member === ANY ? 'ANY' : METHODS.includes(member) ? member.toUpperCase() : undefined;
      if (method === undefined) {
        if (member === 'trace')
          messages.warnings.push(`${where}: TRACE routes are not supported for HTTP APIs; the operation was ignored.`);
        if (member === 'x-amazon-apigateway-integration')
          messages.importInfo.push(
            `${where}: an integration belongs on an operation (get, post, …, x-amazon-apigateway-any-method); this one was ignored.`,
          );
        continue;
      }
      if (!isObject(operation)) throw badRequest(`${where} must be an object.`);
      const isDefault = isDefaultPath || operation['isDefaultRoute'] === true;
      const routeKey = isDefault ? '$default' : `${method} ${basePath && path === '/' ? basePath : basePath + path}`;
      routes.push(readOperation(routeKey, where, operation, context));
      messages.warnings.push(...missingResponseSchemas(document, path, member, operation));
    }
  }
  return routes;
}
