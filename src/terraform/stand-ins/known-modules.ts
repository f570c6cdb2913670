import type { TfValue } from '../types.js';
import { apiId, lambdaArn, lambdaInvokeArn } from './guess-arn.js';
import { arn, configuredName, configuredString, type StandInRequest } from './request.js';
import { stableHex } from './stable-random.js';

type KnownOutputs = (req: StandInRequest, name: string) => Record<string, () => TfValue>;

/**
 * The outputs of the most used public modules, when `terraform init` has not installed them: the
 * names and shapes of their documented outputs (each module's outputs.tf on the Terraform
 * Registry), so that what a configuration feeds into an `aws_apigatewayv2_integration` has the
 * shape AWS would give (a Lambda invoke ARN, a listener ARN naming its load balancer).
 */
const lambdaModule: KnownOutputs = (req, name) => {
  const fn = lambdaArn(req, name);
  const outputs: Record<string, () => TfValue> = {
    lambda_function_arn: () => fn,
    lambda_function_arn_static: () => fn,
    lambda_function_invoke_arn: () => lambdaInvokeArn(req, fn),
    lambda_function_qualified_arn: () => `${fn}:$LATEST`,
    lambda_function_qualified_invoke_arn: () => lambdaInvokeArn(req, `${fn}:$LATEST`),
    lambda_function_name: () => name,
    lambda_function_version: () => '$LATEST',
    lambda_role_arn: () => `arn:aws:iam::${req.accountId}:role/${configuredString(req, 'role_name') ?? name}`,
    lambda_role_name: () => configuredString(req, 'role_name') ?? name,
    lambda_cloudwatch_log_group_name: () => `/aws/lambda/${name}`,
    lambda_cloudwatch_log_group_arn: () => arn('logs', req.region, req.accountId, `log-group:/aws/lambda/${name}`),
  };
  return outputs;
};

const apiGatewayModule: KnownOutputs = (req) => {
  const id = apiId(req.address);
  const stage = configuredString(req, 'stage_name') ?? '$default';
  const path = stage === '$default' ? '' : stage;
  const endpoint = `https://${id}.execute-api.${req.region}.amazonaws.com`;
  const execution = arn('execute-api', req.region, req.accountId, id);
  const outputs: Record<string, () => TfValue> = {
    api_id: () => id,
    api_endpoint: () => endpoint,
    api_arn: () => `arn:aws:apigateway:${req.region}::/apis/${id}`,
    api_execution_arn: () => execution,
    stage_id: () => stage,
    stage_arn: () => `arn:aws:apigateway:${req.region}::/apis/${id}/stages/${stage}`,
    stage_execution_arn: () => `${execution}/${stage}`,
    stage_invoke_url: () => `${endpoint}/${path}`,
  };
  // The names before version 5 of terraform-aws-modules/apigateway-v2.
  for (const [old, current] of [
    ['apigatewayv2_api_id', 'api_id'],
    ['apigatewayv2_api_api_endpoint', 'api_endpoint'],
    ['apigatewayv2_api_arn', 'api_arn'],
    ['apigatewayv2_api_execution_arn', 'api_execution_arn'],
    ['default_apigatewayv2_stage_id', 'stage_id'],
    ['default_apigatewayv2_stage_arn', 'stage_arn'],
    ['default_apigatewayv2_stage_execution_arn', 'stage_execution_arn'],
    ['default_apigatewayv2_stage_invoke_url', 'stage_invoke_url'],
  ] as const)
    outputs[old] = outputs[current] as () => TfValue;
  return outputs;
};

const albModule: KnownOutputs = (req, name) => {
  const lb = `app/${name}/${stableHex(`${req.address}/lb`, 16)}`;
  const lbArn = arn('elasticloadbalancing', req.region, req.accountId, `loadbalancer/${lb}`);
  const dns = `${name}-${stableHex(req.address, 8)}.${req.region}.elb.amazonaws.com`;
  const listener = (key: string): string =>
    arn('elasticloadbalancing', req.region, req.accountId, `listener/${lb}/${stableHex(`${req.address}/${key}`, 16)}`);
  const listenerArns = (kind: string): string[] => [0, 1].map((i) => listener(`${kind}${i}`));
  return {
    arn: () => lbArn,
    id: () => lbArn,
    lb_arn: () => lbArn,
    lb_id: () => lbArn,
    arn_suffix: () => lb,
    lb_arn_suffix: () => lb,
    dns_name: () => dns,
    lb_dns_name: () => dns,
    // Version 9 keys listeners by the configuration's map keys: `listeners["ex-http"].arn`.
    listener_arn: () => listener(req.path ?? req.attribute),
    http_tcp_listener_arns: () => listenerArns('http'),
    https_listener_arns: () => listenerArns('https'),
  };
};

const byName = (outputs: Record<string, string>, make: (req: StandInRequest, name: string) => string): KnownOutputs => {
  return (req, name) => Object.fromEntries(Object.entries(outputs).map(([output]) => [output, () => make(req, name)]));
};

const modules: [RegExp, KnownOutputs][] = [
  [/terraform-aws-modules\/lambda\/aws|terraform-aws-lambda/, lambdaModule],
  [/terraform-aws-modules\/apigateway-v2\/aws|terraform-aws-apigateway-v2/, apiGatewayModule],
  [/terraform-aws-modules\/alb\/aws|terraform-aws-alb/, albModule],
  [
    /terraform-aws-modules\/sqs\/aws|terraform-aws-sqs/,
    (req, name) => ({
      queue_arn: () => arn('sqs', req.region, req.accountId, name),
      queue_name: () => name,
      queue_url: () => `https://sqs.${req.region}.amazonaws.com/${req.accountId}/${name}`,
      queue_id: () => `https://sqs.${req.region}.amazonaws.com/${req.accountId}/${name}`,
    }),
  ],
  [
    /terraform-aws-modules\/eventbridge\/aws|terraform-aws-eventbridge/,
    (req) => {
      const bus = configuredString(req, 'bus_name') ?? 'default';
      return { eventbridge_bus_name: () => bus, eventbridge_bus_arn: () => arn('events', req.region, req.accountId, `event-bus/${bus}`) };
    },
  ],
  [
    /terraform-aws-modules\/step-functions\/aws|terraform-aws-step-functions/,
    byName({ state_machine_arn: '', state_machine_id: '' }, (req, name) =>
      arn('states', req.region, req.accountId, `stateMachine:${name}`),
    ),
  ],
];

/** A documented output of a well-known module, or undefined (then the output's name says what to guess). */
export function knownModuleOutput(req: StandInRequest): TfValue | undefined {
  const outputs = modules.find(([pattern]) => pattern.test(req.type))?.[1];
  return outputs?.(req, configuredName(req))[req.attribute]?.();
}
