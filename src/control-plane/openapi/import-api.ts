import type { Api } from '../../model/index.js';
import type { OperationContext } from '../context.js';
import { Input } from '../input.js';
import { label, requireApi } from '../lookups.js';
import { type ApiOutput, apiOutput, createApi } from '../operations/apis.js';
import { createAuthorizer } from '../operations/authorizers.js';
import { readCors } from '../operations/cors.js';
import { createIntegration } from '../operations/integrations.js';
import { createRoute } from '../operations/routes.js';
import { badRequest, ServiceError } from '../service-errors.js';
import { type ImportPlan, readImportPlan } from './import-plan.js';
import type { BasePathMode, RoutePlan } from './read-routes.js';

/**
 * ImportApi and ReimportApi. Both run as one operation (one store transaction): the
 * authorizers, integrations and routes are created through the same operations the wire
 * calls, with their validation, and any error leaves nothing behind (docs/reference/controlplane.md §7).
 */

interface ImportOptions {
  text: string;
  mode: BasePathMode;
  failOnWarnings: boolean;
}

function readOptions(input: Input): ImportOptions {
  return {
    text: input.required('body', input.string('body', { min: 1 })),
    mode: (input.string('basepath', { oneOf: ['ignore', 'prepend', 'split'] }) ?? 'ignore') as BasePathMode,
    failOnWarnings: input.boolean('failOnWarnings') ?? false,
  };
}

/**
 * With failOnWarnings a warning refuses the import before anything is written, in AWS's words
 * and nothing more: "Warnings found during import:" and each warning on a line of its own after
 * a tab. AWS answers BadRequestException "Warnings found during import" to the body of
 * TestAccAPIGatewayV2API_OpenAPI_failOnWarnings
 * (https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/apigatewayv2/api_test.go);
 * https://github.com/aws/serverless-application-model/issues/2297 quotes the layout, and getmoto/moto's
 * tests/test_apigatewayv2/test_apigatewayv2_reimport.py the whole text for that body.
 */
function planFor(options: ImportOptions): ImportPlan {
  const plan = readImportPlan(options.text, options.mode);
  const { warnings } = plan.messages;
  if (options.failOnWarnings && warnings.length > 0) throw badRequest(`Warnings found during import:\n\t${warnings.join('\n\t')}`);
  return plan;
}

/** Errors from the operations say which part of the document they came from. */
function located<T>(where: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ServiceError) throw new ServiceError(error.type, `${where}: ${error.message}`, error.resourceType);
    throw error;
  }
}

/** info.title/description/version with CreateApi's limits, named as the document names them. */
function readInfo(plan: ImportPlan): { name?: string; description?: string; version?: string } {
  const info = new Input({ title: plan.api.name, description: plan.api.description, version: plan.api.version }, 'info');
  const name = info.string('title', { min: 1, max: 128 });
  const description = info.string('description', { max: 1024 });
  const version = info.string('version', { min: 1, max: 64 });
  return {
    ...(name !== undefined ? { name } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(version !== undefined ? { version } : {}),
  };
}

function corsOf(plan: ImportPlan): Api['corsConfiguration'] {
  const raw = plan.api.corsConfiguration;
  return raw === undefined ? undefined : readCors(new Input(raw, 'x-amazon-apigateway-cors'));
}

function authorizationOf(route: RoutePlan, plan: ImportPlan, authorizers: Map<string, string>): Record<string, unknown> {
  const scheme = route.security && plan.schemes.get(route.security.scheme);
  if (!route.security || !scheme || scheme.kind === 'unsupported') return { authorizationType: 'NONE' };
  if (scheme.kind === 'iam') return { authorizationType: 'AWS_IAM' };
  return {
    authorizationType: scheme.authorizerType === 'JWT' ? 'JWT' : 'CUSTOM',
    authorizerId: authorizers.get(route.security.scheme),
    ...(route.security.scopes.length > 0 ? { authorizationScopes: route.security.scopes } : {}),
  };
}

function createChildren(ctx: OperationContext, apiId: string, plan: ImportPlan): void {
  const authorizers = new Map<string, string>();
  for (const [name, scheme] of plan.schemes) {
    if (scheme.kind !== 'authorizer') continue;
    const where = `components.securitySchemes.${name}`;
    authorizers.set(name, located(where, () => createAuthorizer(ctx, { ...scheme.request, apiId })).authorizerId);
  }
  const shared = new Map<string, string>();
  for (const [name, request] of plan.sharedIntegrations) {
    if (!request) continue;
    const where = `components.x-amazon-apigateway-integrations.${name}`;
    shared.set(name, located(where, () => createIntegration(ctx, { ...request, apiId })).integrationId);
  }
  for (const route of plan.routes)
    located(route.where, () => {
      const spec = route.integration;
      const integrationId =
        spec === undefined
          ? undefined
          : 'ref' in spec
            ? shared.get(spec.ref)
            : createIntegration(ctx, { ...spec.inline, apiId }).integrationId;
      createRoute(ctx, {
        apiId,
        routeKey: route.routeKey,
        ...(integrationId !== undefined ? { target: `integrations/${integrationId}` } : {}),
        ...(route.operationName !== undefined ? { operationName: route.operationName } : {}),
        ...authorizationOf(route, plan, authorizers),
      });
    });
}

function recordMessages(ctx: OperationContext, api: Api, plan: ImportPlan): ApiOutput {
  const { warnings, importInfo } = plan.messages;
  if (warnings.length > 0) api.warnings = warnings;
  else delete api.warnings;
  if (importInfo.length > 0) api.importInfo = importInfo;
  else delete api.importInfo;
  ctx.store.put('apis', '', api.apiId, api);
  return apiOutput(ctx, api);
}

export function importApi(ctx: OperationContext, request: unknown): ApiOutput {
  const plan = planFor(readOptions(new Input(request)));
  const info = readInfo(plan);
  if (info.name === undefined) throw badRequest('info.title is required: it becomes the name of the imported API.');
  const cors = corsOf(plan);
  const created = createApi(ctx, {
    ...info,
    protocolType: 'HTTP',
    disableExecuteApiEndpoint: plan.api.disableExecuteApiEndpoint,
    ...(cors !== undefined ? { corsConfiguration: cors } : {}),
  });
  createChildren(ctx, created.apiId, plan);
  return recordMessages(ctx, requireApi(ctx, created.apiId), plan);
}

/**
 * Replaces the API's routes, integrations, authorizers and CORS with the document's, keeping
 * the apiId, tags and stages with their settings. Auto-deploy stages deploy the result.
 */
export function reimportApi(ctx: OperationContext, request: unknown): ApiOutput {
  const input = new Input(request);
  const api = requireApi(ctx, label(input, 'apiId'));
  if (api.protocolType !== 'HTTP') throw badRequest('ReimportApi is supported only for HTTP APIs.');
  const plan = planFor(readOptions(input));
  const info = readInfo(plan);
  const cors = corsOf(plan);
  for (const collection of ['routes', 'routeKeys', 'integrations', 'authorizers'] as const) ctx.store.deleteAll(collection, api.apiId);
  Object.assign(api, info);
  api.disableExecuteApiEndpoint = plan.api.disableExecuteApiEndpoint;
  if (cors !== undefined) api.corsConfiguration = cors;
  else delete api.corsConfiguration;
  ctx.store.put('apis', '', api.apiId, api);
  createChildren(ctx, api.apiId, plan);
  ctx.apiChanged(api.apiId);
  return recordMessages(ctx, requireApi(ctx, api.apiId), plan);
}
