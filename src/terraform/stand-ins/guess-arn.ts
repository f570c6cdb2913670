import { idFor } from './guess-id.js';
import { arn, configuredName, type StandInRequest } from './request.js';
import { stableAlnum, stableHex, stableUuid } from './stable-random.js';

type ArnMaker = (req: StandInRequest, name: string, seed: string) => string;

/**
 * ARN formats by service, from the AWS service authorization reference
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html),
 * picked by the words of an attribute or type: the first pattern that matches wins, so the more
 * specific words come first ("lambda_function_invoke" is an invoke ARN, not a function ARN).
 */
const formats: [RegExp, ArnMaker][] = [
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html (the URI form)
  [/invoke/, (req, name) => lambdaInvokeArn(req, lambdaArn(req, name))],
  [
    /execution|apigateway|http_api|rest_api|(^|_)api($|_)/,
    (req, _name, seed) => arn('execute-api', req.region, req.accountId, apiId(seed)),
  ],
  [/listener/, (req, name, seed) => elb(req, `listener/app/${name}/${stableHex(`${seed}/lb`, 16)}/${stableHex(seed, 16)}`)],
  [/target_group/, (req, name, seed) => elb(req, `targetgroup/${name}/${stableHex(seed, 16)}`)],
  [/(^|_)(lb|alb|nlb|elb|load_balancer)($|_)/, (req, name, seed) => elb(req, `loadbalancer/app/${name}/${stableHex(seed, 16)}`)],
  [/lambda|function/, (req, name) => lambdaArn(req, name)],
  [/role/, (req, name) => `arn:aws:iam::${req.accountId}:role/${name}`],
  [/policy/, (req, name) => `arn:aws:iam::${req.accountId}:policy/${name}`],
  [/event_?bus|(^|_)bus($|_)/, (req, name) => arn('events', req.region, req.accountId, `event-bus/${name}`)],
  [/event_rule|(^|_)rule($|_)/, (req, name) => arn('events', req.region, req.accountId, `rule/${name}`)],
  [/state_machine|sfn|step_function/, (req, name) => arn('states', req.region, req.accountId, `stateMachine:${name}`)],
  [/sqs|queue/, (req, name) => arn('sqs', req.region, req.accountId, name)],
  [/sns|topic/, (req, name) => arn('sns', req.region, req.accountId, name)],
  [/s3|bucket/, (_req, name) => `arn:aws:s3:::${name}`],
  [/dynamodb|table/, (req, name) => arn('dynamodb', req.region, req.accountId, `table/${name}`)],
  [/log_group|cloudwatch_log/, (req, name) => arn('logs', req.region, req.accountId, `log-group:${name}`)],
  [/kinesis|stream/, (req, name) => arn('kinesis', req.region, req.accountId, `stream/${name}`)],
  [/ecs_service/, (req, name) => arn('ecs', req.region, req.accountId, `service/${name}`)],
  [/ecs|cluster/, (req, name) => arn('ecs', req.region, req.accountId, `cluster/${name}`)],
  [/certificate|acm/, (req, _name, seed) => arn('acm', req.region, req.accountId, `certificate/${stableUuid(seed)}`)],
  [
    /user_pool|cognito/,
    (req, _name, seed) => arn('cognito-idp', req.region, req.accountId, `userpool/${req.region}_${stableAlnum(seed, 9)}`),
  ],
  [
    /service_discovery|cloud_map/,
    (req, _name, seed) => arn('servicediscovery', req.region, req.accountId, `service/srv-${stableAlnum(seed, 16)}`),
  ],
  [/namespace/, (req, _name, seed) => arn('servicediscovery', req.region, req.accountId, `namespace/ns-${stableAlnum(seed, 16)}`)],
  [/secret/, (req, name, seed) => arn('secretsmanager', req.region, req.accountId, `secret:${name}-${stableAlnum(seed, 6)}`)],
  [/ssm|parameter/, (req, name) => arn('ssm', req.region, req.accountId, `parameter/${name.replace(/^\//, '')}`)],
  [/kms|key/, (req, _name, seed) => arn('kms', req.region, req.accountId, `key/${stableUuid(seed)}`)],
  [
    /security_group|subnet|vpc|instance|route_table|gateway/,
    (req, _name, seed) => {
      const id = idFor(req.attribute.replace(/_arns?$/, ''), seed);
      return arn('ec2', req.region, req.accountId, `${id.split('-')[0] ?? 'resource'}/${id}`);
    },
  ],
];

/**
 * An ARN of the right shape for what `words` (an attribute without `_arn`, or a resource type)
 * names. A module's outputs are about the module's own resource, so they carry its configured
 * name (`function_name`, `name`); another attribute of a resource names a neighbour of it.
 */
export function guessArn(req: StandInRequest, words: string, seed: string): string {
  const w = words.replace(/^aws_/, '');
  const own = req.kind === 'module' || words === req.type || w === req.type.replace(/^aws_/, '');
  const name = own ? configuredName(req) : `${configuredName(req)}-${w.replace(/_/g, '-')}`;
  const format = formats.find(([pattern]) => pattern.test(w))?.[1];
  return format ? format(req, name, seed) : arn(w.split('_')[0] || 'portico', req.region, req.accountId, name);
}

export function lambdaArn(req: StandInRequest, name: string): string {
  return arn('lambda', req.region, req.accountId, `function:${name}`);
}

/** What `aws_lambda_function.invoke_arn` is: the API Gateway URI that invokes the function. */
export function lambdaInvokeArn(req: StandInRequest, functionArn: string): string {
  return `arn:aws:apigateway:${req.region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
}

/** API ids are 10 lower-case letters and digits (docs/reference/controlplane.md). */
export function apiId(seed: string): string {
  return stableAlnum(seed, 10);
}

function elb(req: StandInRequest, resource: string): string {
  return arn('elasticloadbalancing', req.region, req.accountId, resource);
}
