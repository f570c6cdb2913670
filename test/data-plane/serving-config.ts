import type { DeploymentSnapshot, Integration, Route, ServedApi, ServedVpcLink, ServingConfig, Stage } from '../../src/model/index.js';

/** Hand-built ServingConfig values for data-plane tests: no store, no control plane. */
export interface ApiSpec {
  apiId: string;
  routes: Route[];
  integrations: Integration[];
  /** Stage name → deployed with the API's routes (true), never deployed (false), or its own deployment. */
  stages?: Record<string, boolean | StageDeployment>;
  disableExecuteApiEndpoint?: boolean;
  /** Deployment id; change it to make the gateway recompile. */
  deploymentId?: string;
}

export interface StageDeployment {
  deploymentId: string;
  routes: Route[];
  integrations: Integration[];
}

export function route(routeKey: string, integrationId?: string): Route {
  return {
    routeId: `r-${routeKey}`,
    routeKey,
    ...(integrationId === undefined ? {} : { target: `integrations/${integrationId}` }),
    authorizationType: 'NONE',
    apiKeyRequired: false,
  };
}

export function httpProxy(integrationId: string, integrationUri: string, extra: Partial<Integration> = {}): Integration {
  return {
    integrationId,
    integrationType: 'HTTP_PROXY',
    integrationUri,
    integrationMethod: 'ANY',
    connectionType: 'INTERNET',
    payloadFormatVersion: '1.0',
    timeoutInMillis: 30_000,
    ...extra,
  };
}

export function privateProxy(
  integrationId: string,
  integrationUri: string,
  connectionId: string,
  extra: Partial<Integration> = {},
): Integration {
  return httpProxy(integrationId, integrationUri, { connectionType: 'VPC_LINK', connectionId, ...extra });
}

export function stage(stageName: string): Stage {
  return {
    stageName,
    autoDeploy: true,
    defaultRouteSettings: {},
    routeSettings: {},
    stageVariables: {},
    tags: {},
    createdDate: '2026-01-01T00:00:00Z',
    lastUpdatedDate: '2026-01-01T00:00:00Z',
  };
}

export function servedApi(spec: ApiSpec): ServedApi {
  const snapshotOf = (routes: Route[], integrations: Integration[]): DeploymentSnapshot => ({
    apiId: spec.apiId,
    protocolType: 'HTTP',
    disableExecuteApiEndpoint: spec.disableExecuteApiEndpoint ?? false,
    routes,
    integrations,
    authorizers: [],
  });
  const shared = snapshotOf(spec.routes, spec.integrations);
  const deploymentId = spec.deploymentId ?? 'dep001';
  return {
    apiId: spec.apiId,
    name: spec.apiId,
    protocolType: 'HTTP',
    stages: Object.entries(spec.stages ?? { $default: true }).map(([name, deployed]) => {
      if (deployed === false) return { stage: stage(name) };
      if (deployed === true) return { stage: stage(name), deployment: { deploymentId, snapshot: () => shared } };
      const own = snapshotOf(deployed.routes, deployed.integrations);
      return { stage: stage(name), deployment: { deploymentId: deployed.deploymentId, snapshot: () => own } };
    }),
  };
}

export function servingConfig(apis: ApiSpec[], vpcLinks: Record<string, ServedVpcLink> = {}): ServingConfig {
  return { region: 'us-east-2', accountId: '123456789012', apis: apis.map(servedApi), vpcLinks, domainNames: [] };
}

export function vpcLink(status: ServedVpcLink['status'] = 'AVAILABLE'): ServedVpcLink {
  return { name: 'development-vpclink', status, statusMessage: status === 'AVAILABLE' ? 'VPC link is ready to route traffic' : '' };
}
