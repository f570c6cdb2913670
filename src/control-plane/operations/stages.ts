import { isValidStageName, type Stage } from '../../model/index.js';
import type { OperationContext } from '../context.js';
import { Input } from '../input.js';
import { checkQuota, quota } from '../quotas.js';
import { label, paginate, requireApi, requireDeployment, requireStage, type Page } from '../lookups.js';
import { badRequest, conflict, notFound } from '../service-errors.js';
import { assertNotManaged } from './managed.js';
import { checkStageVariables, readAccessLogSettings, readRouteSettings, readRouteSettingsMap } from './stage-settings.js';
import { readTags } from './tags.js';

/**
 * On the wire an HTTP stage always has a defaultRouteSettings object: with nothing set it is
 * exactly `{"detailedMetricsEnabled": false}`, no throttling members (a 0 limit would throttle
 * everything; absent means no stage limit). AWS CLI examples:
 * https://github.com/aws/aws-cli/blob/develop/awscli/examples/apigatewayv2/create-stage.rst and
 * .../get-stage.rst, get-stages.rst (docs/reference/controlplane.md §2.3). Limits that were set,
 * 0 included, are returned as stored.
 */
export function stageOutput(stage: Stage): Stage {
  return { ...stage, defaultRouteSettings: { detailedMetricsEnabled: false, ...stage.defaultRouteSettings } };
}

/**
 * A WebSocket stage's defaultRouteSettings carry the execution-log settings too: AWS returns
 * loggingLevel OFF and dataTraceEnabled false when they were not set (docs/reference/controlplane.md §2.3;
 * TF stage_test.go basicWebSocket).
 */
function webSocketStageOutput(stage: Stage): Stage {
  return {
    ...stage,
    defaultRouteSettings: { dataTraceEnabled: false, detailedMetricsEnabled: false, loggingLevel: 'OFF', ...stage.defaultRouteSettings },
  };
}

function outputOf(ctx: OperationContext, apiId: string): (stage: Stage) => Stage {
  return ctx.store.get('apis', '', apiId)?.protocolType === 'WEBSOCKET' ? webSocketStageOutput : stageOutput;
}

export function createStage(ctx: OperationContext, request: unknown, internal: { managed?: boolean } = {}): Stage {
  const input = new Input(request);
  const api = requireApi(ctx, label(input, 'apiId'));
  const stageName = input.required('stageName', input.string('stageName', { min: 1, max: 128 }));
  if (!isValidStageName(stageName))
    throw badRequest(`Invalid stage name "${stageName}": use 1 to 128 letters, digits, hyphens and underscores, or $default.`);
  if (ctx.store.get('stages', api.apiId, stageName)) throw conflict(`Stage already exists: ${stageName}`);
  checkQuota(ctx.store.count('stages', api.apiId), quota(ctx, 'stagesPerApi'), 'Stages', 'API', 'stagesPerApi');
  const now = ctx.now();
  const stage: Stage = {
    stageName,
    autoDeploy: input.boolean('autoDeploy') ?? false,
    defaultRouteSettings: {},
    routeSettings: {},
    stageVariables: {},
    tags: readTags(input) ?? {},
    createdDate: now,
    lastUpdatedDate: now,
  };
  applyMembers(ctx, stage, input, api.apiId);
  if (internal.managed) stage.apiGatewayManaged = true;
  ctx.store.put('stages', api.apiId, stageName, stage);
  // A new auto-deploy stage is deployed at once; others serve nothing until deployed.
  if (stage.autoDeploy) ctx.apiChanged(api.apiId);
  ctx.servingChanged();
  return outputOf(ctx, api.apiId)(stage);
}

function applyMembers(ctx: OperationContext, stage: Stage, input: Input, apiId: string): void {
  const api = requireApi(ctx, apiId);
  const description = input.string('description', { max: 1024 });
  if (description !== undefined) stage.description = description;
  const clientCertificateId = input.string('clientCertificateId');
  if (clientCertificateId !== undefined) stage.clientCertificateId = clientCertificateId;
  const deploymentId = input.string('deploymentId', { min: 1 });
  if (deploymentId !== undefined && deploymentId !== stage.deploymentId) {
    // The model: "You can't change the deploymentId while autoDeploy is enabled".
    if (stage.autoDeploy) throw badRequest('deploymentId cannot be set while autoDeploy is enabled for the stage.');
    requireDeployment(ctx, apiId, deploymentId);
    stage.deploymentId = deploymentId;
  }
  const defaults = input.object('defaultRouteSettings');
  if (defaults) stage.defaultRouteSettings = readRouteSettings(api, defaults);
  const routeSettings = readRouteSettingsMap(ctx, api, input);
  if (routeSettings) stage.routeSettings = { ...stage.routeSettings, ...routeSettings };
  const variables = input.stringMap('stageVariables');
  if (variables) {
    // In an update "" deletes a variable (docs/reference/controlplane.md §3.2).
    const merged = { ...stage.stageVariables };
    for (const [name, value] of Object.entries(variables)) {
      if (value === '') delete merged[name];
      else merged[name] = value;
    }
    checkStageVariables(merged);
    stage.stageVariables = merged;
  }
  const accessLog = readAccessLogSettings(input.object('accessLogSettings'));
  if (accessLog) stage.accessLogSettings = accessLog;
}

export function getStage(ctx: OperationContext, request: unknown): Stage {
  const input = new Input(request);
  const apiId = label(input, 'apiId');
  return outputOf(ctx, apiId)(requireStage(ctx, apiId, label(input, 'stageName')));
}

export function getStages(ctx: OperationContext, request: unknown): Page<Stage> {
  const input = new Input(request);
  const api = requireApi(ctx, label(input, 'apiId'));
  return paginate(ctx.store.list('stages', api.apiId).map(outputOf(ctx, api.apiId)), input);
}

export function updateStage(ctx: OperationContext, request: unknown): Stage {
  const input = new Input(request);
  const api = requireApi(ctx, label(input, 'apiId'));
  const stage = requireStage(ctx, api.apiId, label(input, 'stageName'));
  assertNotManaged(stage, 'stage');
  const autoDeploy = input.boolean('autoDeploy');
  const turnedOn = autoDeploy === true && !stage.autoDeploy;
  if (autoDeploy !== undefined) stage.autoDeploy = autoDeploy;
  applyMembers(ctx, stage, input, api.apiId);
  stage.lastUpdatedDate = ctx.now();
  ctx.store.put('stages', api.apiId, stage.stageName, stage);
  if (turnedOn) ctx.apiChanged(api.apiId);
  ctx.servingChanged();
  return outputOf(ctx, api.apiId)(stage);
}

export function deleteStage(ctx: OperationContext, request: unknown): void {
  const input = new Input(request);
  const api = requireApi(ctx, label(input, 'apiId'));
  const stage = requireStage(ctx, api.apiId, label(input, 'stageName'));
  assertNotManaged(stage, 'stage');
  ctx.store.delete('stages', api.apiId, stage.stageName);
  ctx.servingChanged();
}

export function deleteAccessLogSettings(ctx: OperationContext, request: unknown): void {
  const input = new Input(request);
  const api = requireApi(ctx, label(input, 'apiId'));
  const stage = requireStage(ctx, api.apiId, label(input, 'stageName'));
  delete stage.accessLogSettings;
  stage.lastUpdatedDate = ctx.now();
  ctx.store.put('stages', api.apiId, stage.stageName, stage);
  ctx.servingChanged();
}

/** The route key travels percent-encoded in the path (`GET%20%2Fpets`); the wire layer decodes it once. */
export function deleteRouteSettings(ctx: OperationContext, request: unknown): void {
  const input = new Input(request);
  const api = requireApi(ctx, label(input, 'apiId'));
  const stage = requireStage(ctx, api.apiId, label(input, 'stageName'));
  const routeKey = label(input, 'routeKey');
  if (!stage.routeSettings[routeKey])
    throw notFound(`Unable to find RouteSettings for route key ${routeKey} in stage ${stage.stageName}`, 'RouteSettings');
  delete stage.routeSettings[routeKey];
  stage.lastUpdatedDate = ctx.now();
  ctx.store.put('stages', api.apiId, stage.stageName, stage);
  ctx.servingChanged();
}

/** HTTP APIs only: drops cached Lambda-authorizer results of the stage. */
export function resetAuthorizersCache(ctx: OperationContext, request: unknown): void {
  const input = new Input(request);
  const api = requireApi(ctx, label(input, 'apiId'));
  if (api.protocolType !== 'HTTP') throw badRequest('ResetAuthorizersCache is supported only for HTTP APIs.');
  const stage = requireStage(ctx, api.apiId, label(input, 'stageName'));
  ctx.resetAuthorizersCache(api.apiId, stage.stageName);
}
