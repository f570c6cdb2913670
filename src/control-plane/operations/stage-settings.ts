import { type AccessLogSettings, type Api, characterCount, type RouteSettings } from '../../model/index.js';
import type { OperationContext } from '../context.js';
import type { Input } from '../input.js';
import { FIXED_QUOTAS } from '../quotas.js';
import { routeKeyEntry } from '../route-key-index.js';
import { badRequest, notFound } from '../service-errors.js';

/** defaultRouteSettings / a routeSettings entry. */
export function readRouteSettings(api: Api, input: Input): RouteSettings {
  const settings: RouteSettings = {};
  // HTTP APIs have no execution logs: AWS answers this exact message when a stage of an HTTP
  // API sends them (hashicorp/terraform-provider-aws#12893, #13801).
  if (api.protocolType === 'HTTP' && (input.has('dataTraceEnabled') || input.has('loggingLevel')))
    throw badRequest('Execution logs are not supported on protocolType HTTP');
  const dataTraceEnabled = input.boolean('dataTraceEnabled');
  if (dataTraceEnabled !== undefined) settings.dataTraceEnabled = dataTraceEnabled;
  const loggingLevel = input.string('loggingLevel', { oneOf: ['ERROR', 'INFO', 'OFF'] });
  if (loggingLevel !== undefined) settings.loggingLevel = loggingLevel as RouteSettings['loggingLevel'];
  const detailedMetricsEnabled = input.boolean('detailedMetricsEnabled');
  if (detailedMetricsEnabled !== undefined) settings.detailedMetricsEnabled = detailedMetricsEnabled;
  // AWS: stage and route limits "cannot exceed account limits" (docs/reference/dataplane.md §8). The account
  // limit is a data-plane setting here (--account-rate/--account-burst, 10,000/5,000 by default),
  // and the data plane takes a token from both the route's and the account's bucket, so the
  // effective limit is the smaller one; a fixed cap here would refuse limits a raised account allows.
  const burst = input.integer('throttlingBurstLimit', 0, Number.MAX_SAFE_INTEGER);
  if (burst !== undefined) settings.throttlingBurstLimit = burst;
  const rate = input.number('throttlingRateLimit');
  if (rate !== undefined) {
    if (rate < 0) throw badRequest(`Invalid throttlingRateLimit ${rate}: must be 0 or more requests per second.`);
    settings.throttlingRateLimit = rate;
  }
  return settings;
}

/** routeSettings keys must name routes of the API (terraform-aws-apigateway-v2 PR #80 shows AWS's text). */
export function readRouteSettingsMap(ctx: OperationContext, api: Api, input: Input): Record<string, RouteSettings> | undefined {
  const map = input.objectMap('routeSettings');
  if (!map) return undefined;
  const out: Record<string, RouteSettings> = {};
  for (const [routeKey, settings] of map) {
    // The route-key index answers without reading every route; the key must match exactly.
    if (routeKeyEntry(ctx.store, api.apiId, routeKey, api.protocolType)?.routeKey !== routeKey)
      throw notFound(`Unable to find Route by key ${routeKey} within the provided RouteSettings`, 'Route');
    out[routeKey] = readRouteSettings(api, settings);
  }
  return out;
}

const LOG_GROUP_ARN = /^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:[A-Za-z0-9_\-/.#]{1,512}$/;

export function readAccessLogSettings(input: Input | undefined): AccessLogSettings | undefined {
  if (!input) return undefined;
  const settings: AccessLogSettings = {};
  let destinationArn = input.string('destinationArn');
  if (destinationArn !== undefined) {
    // A trailing ":*" (how CloudWatch prints log group ARNs) is trimmed (TF apigatewayv2_stage docs).
    destinationArn = destinationArn.replace(/:\*$/, '');
    if (!LOG_GROUP_ARN.test(destinationArn))
      throw badRequest(
        `Invalid destinationArn "${destinationArn}": HTTP APIs send access logs to a CloudWatch Logs log group, ` +
          'arn:aws:logs:{region}:{account}:log-group:{name}.',
      );
    settings.destinationArn = destinationArn;
  }
  const format = input.string('format');
  if (format !== undefined) {
    if (format.includes('\n')) throw badRequest('Invalid access log format: it must be a single line.');
    if (Buffer.byteLength(format) > 3072) throw badRequest('Invalid access log format: at most 3 KB.');
    settings.format = format;
  }
  if ((settings.format === undefined) !== (settings.destinationArn === undefined))
    throw badRequest('accessLogSettings needs both destinationArn and format.');
  return settings;
}

const VARIABLE_NAME = /^[A-Za-z0-9_]{1,64}$/;
const VARIABLE_VALUE = /^[A-Za-z0-9\-._~:/?#&=,$+ {}@%]*$/;

/** Stage variables: at most 100; names alphanumeric/underscore; values up to 2,048 characters. */
export function checkStageVariables(variables: Record<string, string>): void {
  const entries = Object.entries(variables);
  const { stageVariablesPerStage: most, stageVariableValueCharacters: longest } = FIXED_QUOTAS;
  if (entries.length > most) throw badRequest(`A stage can have at most ${most} stage variables.`);
  for (const [name, value] of entries) {
    if (!VARIABLE_NAME.test(name)) throw badRequest(`Invalid stage variable name "${name}": use 1 to 64 letters, digits and underscores.`);
    if (characterCount(value) > longest || !VARIABLE_VALUE.test(value))
      throw badRequest(`Invalid value for stage variable "${name}": up to ${longest} characters of letters, digits and -._~:/?#&=,`);
  }
}
