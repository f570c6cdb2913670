import { badRequest } from '../service-errors.js';
import { type ImportMessages, isObject, type OpenApiDocument, parseDocument } from './parse-document.js';
import { readIntegration } from './read-integration.js';
import { type BasePathMode, readRoutes, type RoutePlan } from './read-routes.js';
import { readSecuritySchemes, type SecurityScheme } from './read-security-schemes.js';

/**
 * Everything an OpenAPI document asks for, read and checked before anything is written:
 * errors stop the import here; warnings and info travel with the plan (docs/reference/controlplane.md §7).
 */
export interface ImportPlan {
  api: {
    name?: string;
    description?: string;
    version?: string;
    disableExecuteApiEndpoint: boolean;
    corsConfiguration?: unknown;
  };
  schemes: Map<string, SecurityScheme>;
  /** `components.x-amazon-apigateway-integrations`, by name; undefined when the type is unsupported. */
  sharedIntegrations: Map<string, Record<string, unknown> | undefined>;
  routes: RoutePlan[];
  messages: ImportMessages;
}

/** Extensions that only REST APIs use: reported in importInfo and ignored. */
const REST_ONLY_EXTENSIONS = [
  'x-amazon-apigateway-api-key-source',
  'x-amazon-apigateway-binary-media-types',
  'x-amazon-apigateway-documentation',
  'x-amazon-apigateway-gateway-responses',
  'x-amazon-apigateway-minimum-compression-size',
  'x-amazon-apigateway-policy',
  'x-amazon-apigateway-request-validators',
];

/** `x-amazon-apigateway-endpoint-configuration` sits on a server object in OAS3, or at the root. */
function disableExecuteApiEndpoint(document: OpenApiDocument): boolean {
  const servers = Array.isArray(document['servers']) ? document['servers'] : [];
  for (const holder of [document, ...servers]) {
    const config = isObject(holder) ? holder['x-amazon-apigateway-endpoint-configuration'] : undefined;
    if (isObject(config) && config['disableExecuteApiEndpoint'] === true) return true;
  }
  return false;
}

function readSharedIntegrations(document: OpenApiDocument, messages: ImportMessages): ImportPlan['sharedIntegrations'] {
  const shared = new Map<string, Record<string, unknown> | undefined>();
  const components = document['components'];
  const declared = isObject(components) ? components['x-amazon-apigateway-integrations'] : undefined;
  if (declared === undefined) return shared;
  if (!isObject(declared)) throw badRequest('components.x-amazon-apigateway-integrations must be an object.');
  for (const [name, raw] of Object.entries(declared))
    shared.set(name, readIntegration(raw, `components.x-amazon-apigateway-integrations.${name}`, messages));
  return shared;
}

function stringMember(info: Record<string, unknown>, member: string): string | undefined {
  const value = info[member];
  if (value === undefined) return undefined;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(1) : String(value);
  if (typeof value !== 'string') throw badRequest(`info.${member} must be a string.`);
  return value;
}

export function readImportPlan(text: string, mode: BasePathMode): ImportPlan {
  const messages: ImportMessages = { warnings: [], importInfo: [] };
  const document = parseDocument(text, messages);
  const info = isObject(document['info']) ? document['info'] : {};
  const name = stringMember(info, 'title');
  const description = stringMember(info, 'description');
  const version = stringMember(info, 'version');
  const api: ImportPlan['api'] = {
    ...(name !== undefined ? { name } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(version !== undefined ? { version } : {}),
    disableExecuteApiEndpoint: disableExecuteApiEndpoint(document),
  };
  const cors = document['x-amazon-apigateway-cors'];
  if (cors !== undefined) api.corsConfiguration = cors;
  const exportVersion = document['x-amazon-apigateway-importexport-version'];
  if (exportVersion !== undefined && exportVersion !== '1.0' && exportVersion !== 1)
    messages.warnings.push(
      `x-amazon-apigateway-importexport-version ${String(exportVersion)} is unknown; the document was read as version 1.0.`,
    );
  for (const extension of REST_ONLY_EXTENSIONS)
    if (document[extension] !== undefined) messages.importInfo.push(`${extension} is supported only for REST APIs and was ignored.`);
  const schemes = readSecuritySchemes(document, messages);
  const sharedIntegrations = readSharedIntegrations(document, messages);
  const routes = readRoutes(document, mode, schemes, messages);
  for (const route of routes)
    if (route.integration && 'ref' in route.integration && !sharedIntegrations.has(route.integration.ref))
      throw badRequest(
        `${route.where}: $ref names integration "${route.integration.ref}", which components.x-amazon-apigateway-integrations does not define.`,
      );
  return { api, schemes, sharedIntegrations, routes, messages };
}
