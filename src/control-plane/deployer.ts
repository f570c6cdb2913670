import type { Deployment, DeploymentSnapshot, WebSocketSnapshot } from '../model/index.js';
import type { OperationContext } from './context.js';

/**
 * Deployments freeze an API's routes, integrations and authorizers (plus the API settings that
 * need a deployment: CORS, disableExecuteApiEndpoint), and for a WebSocket API its selection
 * expressions, route responses, integration responses and models. The data plane serves only
 * these frozen snapshots, so editing configuration never races with traffic.
 */
export function snapshotOf(ctx: OperationContext, apiId: string): DeploymentSnapshot {
  const api = ctx.store.get('apis', '', apiId);
  if (!api) throw new Error(`snapshotOf: API ${apiId} does not exist`);
  const snapshot: DeploymentSnapshot = {
    apiId,
    protocolType: api.protocolType,
    disableExecuteApiEndpoint: api.disableExecuteApiEndpoint,
    routes: ctx.store.list('routes', apiId),
    integrations: ctx.store.list('integrations', apiId),
    authorizers: ctx.store.list('authorizers', apiId),
  };
  if (api.corsConfiguration) snapshot.corsConfiguration = api.corsConfiguration;
  if (api.protocolType === 'WEBSOCKET') snapshot.webSocket = webSocketSnapshotOf(ctx, api.apiId, snapshot);
  return snapshot;
}

function webSocketSnapshotOf(ctx: OperationContext, apiId: string, snapshot: DeploymentSnapshot): WebSocketSnapshot {
  const api = ctx.store.get('apis', '', apiId);
  const routeResponses: WebSocketSnapshot['routeResponses'] = {};
  for (const route of snapshot.routes) {
    const responses = ctx.store.list('routeResponses', `${apiId}/${route.routeId}`);
    if (responses.length > 0) routeResponses[route.routeId] = responses;
  }
  const integrationResponses: WebSocketSnapshot['integrationResponses'] = {};
  for (const integration of snapshot.integrations) {
    const responses = ctx.store.list('integrationResponses', `${apiId}/${integration.integrationId}`);
    if (responses.length > 0) integrationResponses[integration.integrationId] = responses;
  }
  return {
    routeSelectionExpression: api?.routeSelectionExpression ?? '',
    apiKeySelectionExpression: api?.apiKeySelectionExpression ?? '',
    routeResponses,
    integrationResponses,
    models: ctx.store.list('models', apiId),
  };
}

export function createDeploymentRecord(
  ctx: OperationContext,
  apiId: string,
  snapshot: DeploymentSnapshot,
  options: { description?: string; autoDeployed: boolean },
): Deployment {
  const deployment: Deployment = {
    deploymentId: ctx.newId('deployment'),
    autoDeployed: options.autoDeployed,
    createdDate: ctx.now(),
    // Deployments are instant here; Terraform's waiter accepts DEPLOYED (docs/reference/controlplane.md §4.2).
    deploymentStatus: 'DEPLOYED',
  };
  if (options.description !== undefined) deployment.description = options.description;
  ctx.store.put('deployments', apiId, deployment.deploymentId, deployment);
  ctx.store.put('deploymentSnapshots', apiId, deployment.deploymentId, snapshot);
  return deployment;
}

export function pointStage(ctx: OperationContext, apiId: string, stageName: string, deploymentId: string): void {
  const stage = ctx.store.get('stages', apiId, stageName);
  if (!stage) return;
  stage.deploymentId = deploymentId;
  stage.lastDeploymentStatusMessage = `Successfully deployed stage with deployment ID '${deploymentId}'`;
  stage.lastUpdatedDate = ctx.now();
  ctx.store.put('stages', apiId, stageName, stage);
}

/**
 * `autoDeploy` stages get a new deployment whenever the API's deployable configuration
 * changed. A change that leaves the snapshot identical deploys nothing, and auto-deployments
 * no stage points to any more are dropped, so state does not grow with every edit.
 */
export function autoDeploy(ctx: OperationContext, apiId: string): void {
  if (!ctx.store.get('apis', '', apiId)) return;
  const stages = ctx.store.list('stages', apiId).filter((stage) => stage.autoDeploy);
  if (stages.length === 0) return;
  const snapshot = snapshotOf(ctx, apiId);
  const text = JSON.stringify(snapshot);
  let deploymentId: string | undefined;
  for (const stage of stages) {
    const current = stage.deploymentId && ctx.store.get('deploymentSnapshots', apiId, stage.deploymentId);
    if (current && JSON.stringify(current) === text) continue;
    deploymentId ??= createDeploymentRecord(ctx, apiId, snapshot, { autoDeployed: true }).deploymentId;
    pointStage(ctx, apiId, stage.stageName, deploymentId);
  }
  if (deploymentId) pruneAutoDeployments(ctx, apiId);
}

function pruneAutoDeployments(ctx: OperationContext, apiId: string): void {
  const used = new Set(ctx.store.list('stages', apiId).map((stage) => stage.deploymentId));
  for (const deployment of ctx.store.list('deployments', apiId)) {
    if (!deployment.autoDeployed || used.has(deployment.deploymentId)) continue;
    ctx.store.delete('deployments', apiId, deployment.deploymentId);
    ctx.store.delete('deploymentSnapshots', apiId, deployment.deploymentId);
  }
}
