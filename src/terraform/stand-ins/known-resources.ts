import type { TfValue } from '../types.js';
import { arn, configuredName, configuredString, type StandInRequest } from './request.js';
import { stableAlnum, stableDigits, stableHex, stableUuid } from './stable-random.js';

/**
 * Computed attributes of managed resource types whose shapes we know, so references get values
 * that look like what AWS returns (ARN formats from the AWS service authorization reference,
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).
 */
type Known = (req: StandInRequest, name: string) => Record<string, () => TfValue>;

const lbArn = /:loadbalancer\/(app|net|gwy)\/([^/]+)\/([0-9a-f]+)$/;

function loadBalancer(req: StandInRequest, name: string): Record<string, () => TfValue> {
  const type = configuredString(req, 'load_balancer_type');
  const kind = type === 'network' ? 'net' : type === 'gateway' ? 'gwy' : 'app';
  const suffix = `${kind}/${name}/${stableHex(req.address, 16)}`;
  const lbArnValue = arn('elasticloadbalancing', req.region, req.accountId, `loadbalancer/${suffix}`);
  const internal = req.config.internal === true ? 'internal-' : '';
  return {
    arn: () => lbArnValue,
    id: () => lbArnValue,
    arn_suffix: () => suffix,
    dns_name: () => `${internal}${name}-${stableDigits(req.address, 10)}.${req.region}.elb.amazonaws.com`,
    zone_id: () => `Z${stableAlnum(`${req.address}/zone`, 13, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`,
  };
}

function listener(req: StandInRequest): Record<string, () => TfValue> {
  // A listener's ARN carries its load balancer's name and id; use the LB's (stand-in) ARN when given.
  const lb = lbArn.exec(configuredString(req, 'load_balancer_arn') ?? '');
  const lbPart = lb ? `${lb[1]}/${lb[2]}/${lb[3]}` : `app/${req.name}/${stableHex(`${req.address}/lb`, 16)}`;
  const value = arn('elasticloadbalancing', req.region, req.accountId, `listener/${lbPart}/${stableHex(req.address, 16)}`);
  return { arn: () => value, id: () => value };
}

function lambda(req: StandInRequest, name: string): Record<string, () => TfValue> {
  const fn = arn('lambda', req.region, req.accountId, `function:${name}`);
  const invoke = (target: string): string => `arn:aws:apigateway:${req.region}:lambda:path/2015-03-31/functions/${target}/invocations`;
  return {
    id: () => name,
    arn: () => fn,
    invoke_arn: () => invoke(fn),
    qualified_arn: () => `${fn}:$LATEST`,
    qualified_invoke_arn: () => invoke(`${fn}:$LATEST`),
    version: () => '$LATEST',
    function_name: () => name,
  };
}

function simple(service: string, resource: (req: StandInRequest, name: string) => string, id: 'name' | 'arn' = 'name'): Known {
  return (req, name) => {
    const value = arn(service, req.region, req.accountId, resource(req, name));
    return { arn: () => value, id: () => (id === 'arn' ? value : name) };
  };
}

const ec2 =
  (prefix: string, kind: string): Known =>
  (req) => {
    const id = `${prefix}-${stableHex(req.address, 17)}`;
    return { id: () => id, arn: () => arn('ec2', req.region, req.accountId, `${kind}/${id}`) };
  };

export const knownResources: Record<string, Known> = {
  aws_lb: loadBalancer,
  aws_alb: loadBalancer,
  aws_lb_listener: listener,
  aws_alb_listener: listener,
  aws_lb_target_group: (req, name) => {
    const suffix = `targetgroup/${name}/${stableHex(req.address, 16)}`;
    const value = arn('elasticloadbalancing', req.region, req.accountId, suffix);
    return { arn: () => value, id: () => value, arn_suffix: () => suffix };
  },
  aws_service_discovery_service: (req) => {
    const id = `srv-${stableAlnum(req.address, 16)}`;
    return { id: () => id, arn: () => arn('servicediscovery', req.region, req.accountId, `service/${id}`) };
  },
  aws_service_discovery_private_dns_namespace: (req) => {
    const id = `ns-${stableAlnum(req.address, 16)}`;
    return {
      id: () => id,
      arn: () => arn('servicediscovery', req.region, req.accountId, `namespace/${id}`),
      hosted_zone: () => `Z${stableAlnum(req.address, 13, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`,
    };
  },
  aws_lambda_function: lambda,
  aws_cloudwatch_log_group: simple('logs', (_r, name) => `log-group:${name}`),
  aws_iam_role: (req, name) => ({
    id: () => name,
    arn: () => `arn:aws:iam::${req.accountId}:role/${name}`,
    unique_id: () => `AROA${stableAlnum(req.address, 17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
  }),
  aws_iam_policy: (req, name) => {
    const value = `arn:aws:iam::${req.accountId}:policy/${name}`;
    return { id: () => value, arn: () => value };
  },
  aws_sqs_queue: (req, name) => {
    const url = `https://sqs.${req.region}.amazonaws.com/${req.accountId}/${name}`;
    return { id: () => url, url: () => url, arn: () => arn('sqs', req.region, req.accountId, name) };
  },
  aws_sns_topic: simple('sns', (_r, name) => name, 'arn'),
  aws_s3_bucket: (req, name) => ({
    id: () => name,
    arn: () => `arn:aws:s3:::${name}`,
    bucket_domain_name: () => `${name}.s3.amazonaws.com`,
    bucket_regional_domain_name: () => `${name}.s3.${req.region}.amazonaws.com`,
  }),
  aws_dynamodb_table: simple('dynamodb', (_r, name) => `table/${name}`),
  aws_ecs_cluster: simple('ecs', (_r, name) => `cluster/${name}`, 'arn'),
  aws_cloudwatch_event_rule: simple('events', (_r, name) => `rule/${name}`),
  aws_sfn_state_machine: simple('states', (_r, name) => `stateMachine:${name}`, 'arn'),
  aws_kinesis_stream: simple('kinesis', (_r, name) => `stream/${name}`),
  aws_ssm_parameter: simple('ssm', (_r, name) => `parameter/${name.replace(/^\//, '')}`),
  aws_secretsmanager_secret: simple('secretsmanager', (req, name) => `secret:${name}-${stableAlnum(req.address, 6)}`, 'arn'),
  aws_ecr_repository: (req, name) => ({
    id: () => name,
    arn: () => arn('ecr', req.region, req.accountId, `repository/${name}`),
    repository_url: () => `${req.accountId}.dkr.ecr.${req.region}.amazonaws.com/${name}`,
  }),
  aws_kms_key: (req) => {
    const id = stableUuid(req.address);
    return { id: () => id, key_id: () => id, arn: () => arn('kms', req.region, req.accountId, `key/${id}`) };
  },
  aws_acm_certificate: (req) => ({
    arn: () => arn('acm', req.region, req.accountId, `certificate/${stableUuid(req.address)}`),
    id: () => arn('acm', req.region, req.accountId, `certificate/${stableUuid(req.address)}`),
    domain_validation_options: () => {
      const sans = Array.isArray(req.config.subject_alternative_names) ? req.config.subject_alternative_names : [];
      const domains = [req.config.domain_name, ...sans].filter((d): d is string => typeof d === 'string');
      return domains.map((domain) => ({
        domain_name: domain,
        resource_record_name: `_${stableHex(`${req.address}/${domain}`, 32)}.${domain}.`,
        resource_record_type: 'CNAME',
        resource_record_value: `_${stableHex(`${req.address}/${domain}/v`, 32)}.acm-validations.aws.`,
      }));
    },
  }),
  aws_cognito_user_pool: (req) => {
    const id = `${req.region}_${stableAlnum(req.address, 9, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`;
    return {
      id: () => id,
      arn: () => arn('cognito-idp', req.region, req.accountId, `userpool/${id}`),
      endpoint: () => `cognito-idp.${req.region}.amazonaws.com/${id}`,
    };
  },
  aws_cognito_user_pool_client: (req) => ({ id: () => stableAlnum(req.address, 26) }),
  aws_route53_zone: (req) => {
    const id = `Z${stableAlnum(req.address, 20, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`;
    return {
      id: () => id,
      zone_id: () => id,
      name_servers: () =>
        [1, 2, 3, 4].map((n) => `ns-${stableDigits(`${req.address}/${n}`, 3)}.awsdns-${stableDigits(`${req.address}/d${n}`, 2)}.com`),
    };
  },
  aws_security_group: ec2('sg', 'security-group'),
  aws_vpc: ec2('vpc', 'vpc'),
  aws_subnet: ec2('subnet', 'subnet'),
  aws_internet_gateway: ec2('igw', 'internet-gateway'),
  aws_nat_gateway: ec2('nat', 'natgateway'),
  aws_route_table: ec2('rtb', 'route-table'),
  aws_instance: ec2('i', 'instance'),
  aws_eip: ec2('eipalloc', 'elastic-ip'),
  aws_vpc_endpoint: ec2('vpce', 'vpc-endpoint'),
  aws_apigatewayv2_api: (req) => {
    const id = stableAlnum(req.address, 10);
    return {
      id: () => id,
      api_endpoint: () => `https://${id}.execute-api.${req.region}.amazonaws.com`,
      execution_arn: () => arn('execute-api', req.region, req.accountId, id),
      arn: () => `arn:aws:apigateway:${req.region}::/apis/${id}`,
    };
  },
  aws_apigatewayv2_stage: (req, name) => {
    const apiId = configuredString(req, 'api_id') ?? stableAlnum(`${req.address}/api`, 10);
    // The $default stage is served at the API's root; named stages add their name to the path.
    const path = name === '$default' ? '' : name;
    return {
      id: () => name,
      invoke_url: () => `https://${apiId}.execute-api.${req.region}.amazonaws.com/${path}`,
      execution_arn: () => arn('execute-api', req.region, req.accountId, `${apiId}/${name}`),
      arn: () => `arn:aws:apigateway:${req.region}::/apis/${apiId}/stages/${name}`,
    };
  },
  terraform_data: (req) => ({ id: () => stableUuid(req.address), output: () => req.config.input ?? null }),
  null_resource: (req) => ({ id: () => stableDigits(req.address, 19) }),
  random_id: (req) => {
    const bytes = typeof req.config.byte_length === 'number' ? req.config.byte_length : 8;
    const hex = stableHex(req.address, bytes * 2);
    const b64 = Buffer.from(hex, 'hex').toString('base64url');
    return {
      hex: () => hex,
      dec: () => BigInt(`0x${hex}`).toString(),
      b64_url: () => b64,
      b64_std: () => Buffer.from(hex, 'hex').toString('base64'),
      id: () => b64,
    };
  },
  random_string: (req) => randomText(req),
  random_password: (req) => randomText(req),
  random_pet: (req) => ({ id: () => `portico-${stableAlnum(req.address, 6, 'abcdefghijklmnopqrstuvwxyz')}` }),
  random_uuid: (req) => ({ id: () => stableUuid(req.address), result: () => stableUuid(req.address) }),
  random_integer: (req) => {
    const min = typeof req.config.min === 'number' ? req.config.min : 0;
    const max = typeof req.config.max === 'number' ? req.config.max : 100;
    const value = min + (parseInt(stableHex(req.address, 8), 16) % (max - min + 1));
    return { result: () => value, id: () => String(value) };
  },
};

function randomText(req: StandInRequest): Record<string, () => TfValue> {
  const length = typeof req.config.length === 'number' ? req.config.length : 16;
  const value = stableAlnum(req.address, length, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');
  return { result: () => value, id: () => (req.type === 'random_password' ? 'none' : value) };
}

export function knownResourceAttribute(req: StandInRequest): TfValue | undefined {
  // Other apigatewayv2 resources (when no handler is registered) have short alphanumeric ids.
  if (req.type.startsWith('aws_apigatewayv2_') && req.attribute === 'id' && !knownResources[req.type]) return stableAlnum(req.address, 7);
  const known = knownResources[req.type];
  return known?.(req, configuredName(req))[req.attribute]?.();
}
