import { expect } from 'vitest';
import { ManualClock, SequenceIds } from '../model/index.js';
import { MemoryStore } from '../store/index.js';
import { ControlPlane, type ControlPlaneEvent } from './control-plane.js';
import { ServiceError } from './service-errors.js';

/** Shared by the ControlPlane tests: a control plane on a memory store and a manual clock, and the seed system. */

export const LISTENER =
  'arn:aws:elasticloadbalancing:us-east-2:123456789012:listener/app/my-load-balancer/50dc6c495c0c9188/0467ef3c8400ae65';

export function newControlPlane(): { cp: ControlPlane; events: ControlPlaneEvent[]; clock: ManualClock } {
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 12, 0, 0));
  const cp = new ControlPlane({
    store: new MemoryStore(),
    clock,
    ids: new SequenceIds('test'),
    region: 'us-east-2',
    accountId: '000000000000',
    apiEndpoint: (apiId) => `http://${apiId}.execute-api.localhost:4566`,
  });
  const events: ControlPlaneEvent[] = [];
  cp.onChange((event) => events.push(event));
  return { cp, events, clock };
}

export function expectError(fn: () => unknown, type: string, message: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).type).toBe(type);
    expect((error as ServiceError).message).toMatch(message);
    return;
  }
  throw new Error(`expected ${type}`);
}

/** The seed system: an HTTP API, a VPC link, a VPC integration, the $default route and an auto-deploy stage. */
export function seed(cp: ControlPlane) {
  const api = cp.run('CreateApi', { name: 'development-api-gatewayv2', protocolType: 'HTTP', tags: { env: 'dev' } });
  const link = cp.run('CreateVpcLink', { name: 'development-vpclink', subnetIds: ['subnet-1', 'subnet-2'], securityGroupIds: ['sg-1'] });
  const integration = cp.run('CreateIntegration', {
    apiId: api.apiId,
    integrationType: 'HTTP_PROXY',
    connectionId: link.vpcLinkId,
    connectionType: 'VPC_LINK',
    description: 'VPC integration',
    integrationMethod: 'ANY',
    integrationUri: LISTENER,
    passthroughBehavior: 'WHEN_NO_MATCH',
  });
  const route = cp.run('CreateRoute', {
    apiId: api.apiId,
    routeKey: '$default',
    target: `integrations/${integration.integrationId}`,
    apiKeyRequired: false,
    authorizationType: 'NONE',
  });
  const stage = cp.run('CreateStage', { apiId: api.apiId, stageName: '$default', autoDeploy: true });
  return { api, link, integration, route, stage };
}
