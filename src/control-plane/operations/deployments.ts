import type { Deployment } from '../../model/index.js';
import type { OperationContext } from '../context.js';
import { createDeploymentRecord, pointStage, snapshotOf } from '../deployer.js';
import { Input } from '../input.js';
import { label, paginate, requireApi, requireDeployment, requireStage, type Page } from '../lookups.js';
import { badRequest } from '../service-errors.js';

export function createDeployment(ctx: OperationContext, request: unknown): Deployment {
  const input = new Input(request);
  const api = requireApi(ctx, label(input, 'apiId'));
  const stageName = input.string('stageName', { min: 1 });
  const stage = stageName === undefined ? undefined : requireStage(ctx, api.apiId, stageName);
  if (stage?.autoDeploy)
    throw badRequest(
      `Stage ${stage.stageName} has autoDeploy enabled and deploys every change by itself; deploy to a stage without autoDeploy.`,
    );
  const description = input.string('description', { max: 1024 });
  const deployment = createDeploymentRecord(ctx, api.apiId, snapshotOf(ctx, api.apiId), {
    autoDeployed: false,
    ...(description !== undefined ? { description } : {}),
  });
  if (stage) pointStage(ctx, api.apiId, stage.stageName, deployment.deploymentId);
  ctx.servingChanged();
  return deployment;
}

export function getDeployment(ctx: OperationContext, request: unknown): Deployment {
  const input = new Input(request);
  return requireDeployment(ctx, label(input, 'apiId'), label(input, 'deploymentId'));
}

export function getDeployments(ctx: OperationContext, request: unknown): Page<Deployment> {
  const input = new Input(request);
  const api = requireApi(ctx, label(input, 'apiId'));
  return paginate(ctx.store.list('deployments', api.apiId), input);
}

export function updateDeployment(ctx: OperationContext, request: unknown): Deployment {
  const input = new Input(request);
  const apiId = label(input, 'apiId');
  requireApi(ctx, apiId);
  const deployment = requireDeployment(ctx, apiId, label(input, 'deploymentId'));
  const description = input.string('description', { max: 1024 });
  if (description !== undefined) deployment.description = description;
  ctx.store.put('deployments', apiId, deployment.deploymentId, deployment);
  return deployment;
}

export function deleteDeployment(ctx: OperationContext, request: unknown): void {
  const input = new Input(request);
  const apiId = label(input, 'apiId');
  requireApi(ctx, apiId);
  const deployment = requireDeployment(ctx, apiId, label(input, 'deploymentId'));
  const user = ctx.store.list('stages', apiId).find((stage) => stage.deploymentId === deployment.deploymentId);
  if (user)
    throw badRequest(
      `Active stages pointing to this deployment must be moved or deleted (stage ${user.stageName} uses ${deployment.deploymentId}).`,
    );
  ctx.store.delete('deployments', apiId, deployment.deploymentId);
  ctx.store.delete('deploymentSnapshots', apiId, deployment.deploymentId);
}
