import type { ControlPlane } from '../../control-plane/index.js';
import { parseRouteKey, type DeploymentSnapshot, type Integration, type Route, type ServedApi } from '../../model/index.js';
import type { StandIn } from '../../terraform/index.js';
import type { ApiUrls } from '../endpoints.js';

/** What `/_portico/api/apis` needs from a running Portico. */
export interface ApiTreeSource {
  readonly controlPlane: ControlPlane;
  readonly apis: readonly ApiUrls[];
  readonly standIns: readonly StandIn[];
  resolveTarget(integrationUri: string): readonly string[] | undefined;
}

type StandInNote = { address: string; attribute: string; file: string; line: number } | undefined;

/**
 * Route keys in the order AWS tries them (docs/reference/dataplane.md §2): whole-path routes first
 * (at each segment a literal before a `{variable}`, a method before ANY), then greedy `{proxy+}`
 * routes, longest prefix first, then `$default`.
 */
export function routeOrder(a: string, b: string): number {
  return rank(a).localeCompare(rank(b));
}

function rank(routeKey: string): string {
  const parsed = parseRouteKey(routeKey);
  if (!parsed.ok) return `3 ${routeKey}`;
  if (parsed.value.kind === 'default') return '2';
  const { segments, method } = parsed.value;
  const greedy = segments.some((s) => s.kind === 'greedy');
  const keys = segments.map((s) => (s.kind === 'literal' ? `0${s.value}` : s.kind === 'param' ? '1' : '2'));
  // Greedy routes: more literal segments (a longer prefix) first.
  const prefix = greedy ? String(99 - segments.length).padStart(2, '0') : '';
  return `${greedy ? 1 : 0}${prefix} ${keys.join('/')} ${method === 'ANY' ? 1 : 0}${method}`;
}

function standInFor(standIns: readonly StandIn[], value: string | undefined): StandInNote {
  if (value === undefined || value === '') return undefined;
  const found = standIns.find((s) => typeof s.value === 'string' && s.value !== '' && value.includes(s.value));
  return found === undefined
    ? undefined
    : { address: found.address, attribute: found.attribute, file: found.location.file, line: found.location.line };
}

function describeIntegration(source: ApiTreeSource, integration: Integration) {
  const uri = integration.integrationUri ?? integration.integrationSubtype ?? '';
  const vpcLink = integration.connectionType === 'VPC_LINK';
  return {
    integrationId: integration.integrationId,
    type: integration.integrationType,
    uri,
    method: integration.integrationMethod,
    connectionType: integration.connectionType,
    connectionId: integration.connectionId,
    timeoutInMillis: integration.timeoutInMillis,
    payloadFormatVersion: integration.payloadFormatVersion,
    requestParameters: integration.requestParameters,
    responseParameters: integration.responseParameters,
    /** Where a VPC link target goes on this machine (`--target`); undefined: no local target. */
    resolvedTargets: vpcLink ? source.resolveTarget(uri) : undefined,
    standIn: standInFor(source.standIns, uri) ?? standInFor(source.standIns, integration.connectionId),
  };
}

function describeRoute(route: Route, snapshot: DeploymentSnapshot, throttle: Record<string, unknown> | undefined) {
  const integrationId = route.target?.replace(/^integrations\//, '');
  const authorizer = snapshot.authorizers.find((a) => a.authorizerId === route.authorizerId);
  return {
    routeId: route.routeId,
    routeKey: route.routeKey,
    integrationId,
    authorizationType: route.authorizationType,
    authorizer:
      authorizer === undefined
        ? undefined
        : {
            authorizerId: authorizer.authorizerId,
            name: authorizer.name,
            type: authorizer.authorizerType,
            scopes: route.authorizationScopes,
          },
    throttling: throttle,
  };
}

function changesSince(controlPlane: ControlPlane, apiId: string, snapshot: DeploymentSnapshot): string[] {
  const changes: string[] = [];
  const compare = <T>(kind: string, now: readonly T[], then: readonly T[], key: (item: T) => string) => {
    const before = new Map(then.map((item) => [key(item), JSON.stringify(item)]));
    const after = new Map(now.map((item) => [key(item), JSON.stringify(item)]));
    for (const [k, v] of after) {
      if (!before.has(k)) changes.push(`${kind} ${k} added`);
      else if (before.get(k) !== v) changes.push(`${kind} ${k} changed`);
    }
    for (const k of before.keys()) if (!after.has(k)) changes.push(`${kind} ${k} removed`);
  };
  try {
    compare('route', controlPlane.run('GetRoutes', { apiId }).items as Route[], snapshot.routes, (r) => r.routeKey);
    compare(
      'integration',
      controlPlane.run('GetIntegrations', { apiId }).items as Integration[],
      snapshot.integrations,
      (i) => i.integrationId,
    );
  } catch {
    // The API went away meanwhile: nothing to compare.
  }
  return changes;
}

function describeApi(source: ApiTreeSource, api: ServedApi, urls: ApiUrls | undefined) {
  const { controlPlane } = source;
  let deployments: unknown[] = [];
  try {
    deployments = controlPlane.run('GetDeployments', { apiId: api.apiId }).items;
  } catch {
    deployments = [];
  }
  const stages = api.stages.map(({ stage, deployment }) => {
    const snapshot = deployment?.snapshot();
    const settings = stage.defaultRouteSettings;
    const routes = [...(snapshot?.routes ?? [])]
      .sort((a, b) => routeOrder(a.routeKey, b.routeKey))
      .map((route) => {
        const own = stage.routeSettings[route.routeKey];
        const burst = own?.throttlingBurstLimit ?? settings.throttlingBurstLimit;
        const rate = own?.throttlingRateLimit ?? settings.throttlingRateLimit;
        const throttle =
          burst === undefined && rate === undefined ? undefined : { burstLimit: burst, rateLimit: rate, own: own !== undefined };
        return describeRoute(route, snapshot as DeploymentSnapshot, throttle);
      });
    return {
      stageName: stage.stageName,
      urls: urls?.stages.find((s) => s.stageName === stage.stageName)?.urls ?? [],
      autoDeploy: stage.autoDeploy,
      deploymentId: deployment?.deploymentId,
      stageVariables: stage.stageVariables,
      throttling: { burstLimit: settings.throttlingBurstLimit, rateLimit: settings.throttlingRateLimit },
      accessLog: stage.accessLogSettings,
      cors: snapshot?.corsConfiguration,
      routes,
      integrations: (snapshot?.integrations ?? []).map((i) => describeIntegration(source, i)),
      authorizers: (snapshot?.authorizers ?? []).map((a) => ({
        authorizerId: a.authorizerId,
        name: a.name,
        type: a.authorizerType,
        identitySource: a.identitySource,
        jwt: a.jwtConfiguration,
        uri: a.authorizerUri,
        standIn: standInFor(source.standIns, a.authorizerUri) ?? standInFor(source.standIns, a.jwtConfiguration?.issuer),
      })),
      undeployedChanges: snapshot === undefined ? [] : changesSince(controlPlane, api.apiId, snapshot),
    };
  });
  return { apiId: api.apiId, name: api.name, protocolType: api.protocolType, apiPort: urls?.apiPort, stages, deployments };
}

/** `/_portico/api/apis`: every API with its stages, URLs, routes in match order, integrations, authorizers. */
export function describeApis(source: ApiTreeSource) {
  const config = source.controlPlane.servingConfig();
  const urls = source.apis;
  return {
    region: config.region,
    accountId: config.accountId,
    apis: config.apis.map((api) =>
      describeApi(
        source,
        api,
        urls.find((u) => u.apiId === api.apiId),
      ),
    ),
    domainNames: config.domainNames,
    vpcLinks: config.vpcLinks,
    standIns: source.standIns.map((s) => ({
      address: s.address,
      attribute: s.attribute,
      value: s.value,
      reason: s.reason,
      file: s.location.file,
      line: s.location.line,
    })),
  };
}

/** The route's authorization type, for the live table's authorizer column. */
export function authorizationTypeOf(controlPlane: ControlPlane, apiId: string, stageName: string, routeKey: string): string | undefined {
  const api = controlPlane.servingConfig().apis.find((a) => a.apiId === apiId);
  const served = api?.stages.find((s) => s.stage.stageName === stageName);
  return served?.deployment?.snapshot().routes.find((r) => r.routeKey === routeKey)?.authorizationType;
}
