import { expect } from 'vitest';
import { integrationIdOfTarget, ManualClock, SequenceIds } from '../../model/index.js';
import { MemoryStore } from '../../store/index.js';
import { ControlPlane } from '../control-plane.js';
import { ServiceError } from '../service-errors.js';

/** Shared by the OpenAPI import and export tests: a control plane with one VPC link, and an API described without its ids. */

export function newControlPlane(): { cp: ControlPlane; vpcLinkId: string } {
  const cp = new ControlPlane({
    store: new MemoryStore(),
    clock: new ManualClock(Date.UTC(2026, 10, 25, 12, 0, 0)),
    ids: new SequenceIds('openapi'),
    region: 'us-east-2',
    accountId: '123456789012',
    apiEndpoint: (apiId) => `http://${apiId}.execute-api.localhost:4566`,
  });
  const vpcLinkId = cp.run('CreateVpcLink', { name: 'link', subnetIds: ['subnet-1'] }).vpcLinkId;
  return { cp, vpcLinkId };
}

/** The API without its ids: what must survive an export and re-import. */
export function describeApi(cp: ControlPlane, apiId: string) {
  const api = cp.run('GetApi', { apiId });
  const integrations = new Map(cp.run('GetIntegrations', { apiId }).items.map((i) => [i.integrationId, i]));
  const authorizers = new Map(cp.run('GetAuthorizers', { apiId }).items.map((a) => [a.authorizerId, a]));
  const routes = cp.run('GetRoutes', { apiId }).items.map((route) => {
    const integration = integrations.get(integrationIdOfTarget(route.target) ?? '');
    const { integrationId: _id, ...config } = integration ?? { integrationId: '' };
    return {
      routeKey: route.routeKey,
      authorizationType: route.authorizationType,
      authorizer: route.authorizerId === undefined ? undefined : authorizers.get(route.authorizerId)?.name,
      scopes: route.authorizationScopes,
      operationName: route.operationName,
      integration: integration ? config : undefined,
    };
  });
  return {
    name: api.name,
    version: api.version,
    description: api.description,
    cors: api.corsConfiguration,
    disableExecuteApiEndpoint: api.disableExecuteApiEndpoint,
    authorizers: [...authorizers.values()].map(({ authorizerId: _id, ...rest }) => rest).sort((a, b) => a.name.localeCompare(b.name)),
    routes: routes.sort((a, b) => a.routeKey.localeCompare(b.routeKey)),
    integrationCount: integrations.size,
  };
}

export function expectError(fn: () => unknown, type: string, message: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    expect({ type: (error as ServiceError).type, message: (error as ServiceError).message }).toMatchObject({
      type,
      message: expect.stringMatching(message),
    });
    return;
  }
  throw new Error(`expected ${type}`);
}
