import { type ProtocolType, stageArn } from '../../model/index.js';
import { type Arguments, block, blocks, copy, put, type Request, removedKeys, stringMap, text } from './arguments.js';
import { found, removeQuietly } from './exists.js';
import type { ResourceKind } from './kind.js';
import { syncTags } from './tags.js';

/**
 * Route settings as the provider expands them for HTTP APIs: when the block is present,
 * detailedMetricsEnabled and both throttling limits are always sent, zero when unset. So a
 * block that only turns on detailed metrics throttles the stage to nothing, exactly as on
 * AWS (hashicorp/terraform-provider-aws PR #43307, terraform-aws-apigateway-v2#59).
 */
function routeSettings(settings: Arguments, protocol: ProtocolType): Request {
  const request: Request = {
    detailedMetricsEnabled: settings['detailed_metrics_enabled'] === true,
    throttlingBurstLimit: typeof settings['throttling_burst_limit'] === 'number' ? settings['throttling_burst_limit'] : 0,
    throttlingRateLimit: typeof settings['throttling_rate_limit'] === 'number' ? settings['throttling_rate_limit'] : 0,
  };
  // Execution-log settings are sent for WebSocket APIs only; for HTTP APIs the provider leaves
  // them out, as AWS refuses them there (TF stage.go expandDefaultRouteSettings).
  if (protocol === 'WEBSOCKET') {
    request['dataTraceEnabled'] = settings['data_trace_enabled'] === true;
    const level = text(settings, 'logging_level');
    if (level) request['loggingLevel'] = level;
  }
  return request;
}

function stageRequest(args: Arguments, protocol: ProtocolType): Request {
  const request: Request = { autoDeploy: args['auto_deploy'] === true };
  copy(request, args, { client_certificate_id: 'clientCertificateId', description: 'description', deployment_id: 'deploymentId' });
  const defaults = block(args, 'default_route_settings');
  if (defaults) request['defaultRouteSettings'] = routeSettings(defaults, protocol);
  const perRoute = blocks(args, 'route_settings');
  if (perRoute.length > 0)
    request['routeSettings'] = Object.fromEntries(perRoute.map((s) => [String(s['route_key']), routeSettings(s, protocol)]));
  const log = block(args, 'access_log_settings');
  if (log) put(request, 'accessLogSettings', { destinationArn: log['destination_arn'], format: log['format'] });
  return request;
}

const MEMBERS: [RegExp, string][] = [
  [/stage name|Stage already exists/i, 'name'],
  [/RouteSettings|Route by key/, 'route_settings'],
  [/Execution logs|defaultRouteSettings|throttling|loggingLevel/i, 'default_route_settings'],
  [/destinationArn|access log/i, 'access_log_settings'],
  [/stage variable/i, 'stage_variables'],
  [/deploymentId|Deployment identifier/, 'deployment_id'],
];

export const stageKind: ResourceKind = {
  type: 'aws_apigatewayv2_stage',
  deleteRank: 4,
  ids: (instance) => ({ apiId: text(instance.attributes, 'api_id') ?? '', stageName: text(instance.attributes, 'name') ?? '' }),
  computed: (instance, ids, ctx) => {
    const apiId = ids['apiId'] ?? '';
    const name = ids['stageName'] ?? '';
    const endpoint = ctx.cp.apiEndpoint(apiId, 'HTTP');
    return {
      id: name,
      arn: stageArn(ctx.region(), apiId, name),
      execution_arn: `arn:aws:execute-api:${ctx.region()}:${ctx.accountId()}:${apiId}/${name}`,
      // The URL that reaches the stage here: the $default stage at the root, others under their name.
      invoke_url: name === '$default' ? `${endpoint}/` : `${endpoint}/${name}`,
      tags_all: stringMap(instance.attributes, 'tags') ?? {},
    };
  },
  apply: (instance, ids, ctx, previous) => {
    const { cp } = ctx;
    const args = instance.attributes;
    const apiId = ids['apiId'] ?? '';
    const stageName = ids['stageName'] ?? '';
    // api_id and name force a new stage: the old one goes when either changed.
    if (previous && (previous.ids['apiId'] !== apiId || previous.ids['stageName'] !== stageName))
      removeQuietly(() => cp.run('DeleteStage', { apiId: previous.ids['apiId'], stageName: previous.ids['stageName'] }));
    // The provider reads the API first to learn its protocol (TF stage.go Create and Update).
    const protocol = found(() => cp.run('GetApi', { apiId }))?.protocolType ?? 'HTTP';
    const request = stageRequest(args, protocol);
    const variables = stringMap(args, 'stage_variables');
    const tags = stringMap(args, 'tags') ?? {};
    const current = found(() => cp.run('GetStage', { apiId, stageName }));
    if (!current) {
      cp.run('CreateStage', { ...request, apiId, stageName, stageVariables: variables, tags });
      return;
    }
    for (const routeKey of removedKeys(current.routeSettings, request['routeSettings'] as Record<string, unknown> | undefined))
      cp.run('DeleteRouteSettings', { apiId, stageName, routeKey });
    if (!block(args, 'access_log_settings') && current.accessLogSettings) cp.run('DeleteAccessLogSettings', { apiId, stageName });
    const variableUpdate: Record<string, string> = { ...variables };
    for (const key of removedKeys(current.stageVariables, variables)) variableUpdate[key] = '';
    // deploymentId cannot be sent while autoDeploy is on; the stage manages it itself then.
    if (request['autoDeploy'] === true) delete request['deploymentId'];
    cp.run('UpdateStage', { ...request, apiId, stageName, stageVariables: variableUpdate });
    syncTags(cp, stageArn(ctx.region(), apiId, stageName), current.tags, tags);
  },
  remove: (record, ctx) =>
    removeQuietly(() => ctx.cp.run('DeleteStage', { apiId: record.ids['apiId'], stageName: record.ids['stageName'] })),
  argumentOf: (message) => MEMBERS.find(([pattern]) => pattern.test(message))?.[1],
};
