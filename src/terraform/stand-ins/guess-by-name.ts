import type { TfValue } from '../types.js';
import { arn, configuredName, type StandInRequest } from './request.js';
import { stableDigits, stableHex } from './stable-random.js';

/**
 * When nothing is known about a type, the attribute's name says what shape it has: `*_ids` and
 * other plurals are lists, `*_arn` an ARN, `vpc_id` a "vpc-..." id, `enabled` a bool. Registry
 * module outputs (`private_subnets`, `this_security_group_id`) go through here too.
 */
const idPrefixes: [RegExp, string][] = [
  [/security_group|(^|_)sg($|_)/, 'sg'],
  [/subnet/, 'subnet'],
  [/internet_gateway|(^|_)igw/, 'igw'],
  [/nat_gateway|natgw|(^|_)nat($|_)/, 'nat'],
  [/route_table/, 'rtb'],
  [/network_acl/, 'acl'],
  [/vpc_endpoint/, 'vpce'],
  [/vpc_peering|peering_connection/, 'pcx'],
  [/transit_gateway|(^|_)tgw/, 'tgw'],
  [/vpc/, 'vpc'],
  [/network_interface|(^|_)eni/, 'eni'],
  [/eip|allocation/, 'eipalloc'],
  [/instance/, 'i'],
  [/(^|_)ami|image/, 'ami'],
  [/volume/, 'vol'],
  [/launch_template/, 'lt'],
  [/prefix_list/, 'pl'],
];

const notPlural =
  /(status|address|access|class|alias|dns|ingress|egress|process|bus|tags|tags_all|arguments|settings|options|details|contents|headers|params|parameters|variables)$/;

export function guessByName(req: StandInRequest): TfValue {
  const attr = req.attribute;
  const seed = `${req.address}/${attr}`;
  if (attr === 'tags' || attr === 'tags_all') return req.config.tags ?? {};
  if ((attr === 'azs' || attr === 'availability_zones') && Array.isArray(req.config[attr])) return req.config[attr] ?? [];
  if (/(^|_)ips?$|_ip_address(es)?$/.test(attr))
    return plural(
      req,
      attr,
      (i) => `10.0.${parseInt(stableHex(`${seed}${i}`, 2), 16) % 250}.${1 + (parseInt(stableHex(`${seed}/h${i}`, 2), 16) % 250)}`,
    );
  if (/_arns$/.test(attr)) return plural(req, attr, (i) => arnFor(req, attr.replace(/_arns$/, ''), `${seed}${i}`));
  if (attr === 'arn' || attr.endsWith('_arn')) return arnFor(req, attr === 'arn' ? req.type : attr.replace(/_arn$/, ''), seed);
  if (/^(is|has|enable|create)_|(^|_)enabled$/.test(attr)) return false;
  if (/(^|_)(count|size|number|seconds|days|timeout|port)$/.test(attr)) return /port$/.test(attr) ? 80 : 0;
  if (/(^|_)name$/.test(attr)) return configuredName(req);
  if (/cidr_blocks?$/.test(attr)) return attr.endsWith('s') ? plural(req, attr, (i) => `10.0.${i}.0/24`) : cidr(req);
  if (/_ids$/.test(attr)) return plural(req, attr, (i) => idFor(attr.replace(/_ids$/, ''), `${seed}${i}`));
  if (attr === 'id' || attr.endsWith('_id')) return idFor(attr === 'id' ? req.type.replace(/^aws_/, '') : attr.replace(/_id$/, ''), seed);
  if (/(^|_)(url|endpoint)$/.test(attr)) return `https://${configuredName(req)}-${stableHex(seed, 8)}.${req.region}.amazonaws.com`;
  if (/dns_name$/.test(attr)) return `${configuredName(req)}-${stableHex(seed, 8)}.${req.region}.amazonaws.com`;
  if (attr.endsWith('s') && !notPlural.test(attr)) return plural(req, attr, (i) => idFor(attr.slice(0, -1), `${seed}${i}`));
  return `${attr}-${stableHex(seed, 12)}`;
}

/** A list as long as the same-named configured list (a VPC module's private_subnets), else two. */
function plural(req: StandInRequest, attr: string, item: (i: number) => TfValue): TfValue[] {
  const base = attr.replace(/_(ids|arns|ips)$/, 's');
  const sameNamed = req.config[attr] ?? req.config[base];
  const length = Array.isArray(sameNamed) && sameNamed.length > 0 ? sameNamed.length : 2;
  return Array.from({ length }, (_, i) => item(i));
}

/** "private_subnet" → subnet-..., but "apigatewayv2_vpc_link" is not a VPC: the keyword must end the words. */
function idFor(words: string, seed: string): string {
  const prefix = idPrefixes.find(([re]) => {
    const m = re.exec(words);
    return m !== null && m.index + m[0].length === words.length;
  })?.[1];
  return prefix ? `${prefix}-${stableHex(seed, 17)}` : stableHex(seed, 16);
}

function cidr(req: StandInRequest): string {
  for (const key of ['cidr', 'cidr_block', 'vpc_cidr']) {
    const value = req.config[key];
    if (typeof value === 'string') return value;
  }
  return '10.0.0.0/16';
}

const services: [RegExp, string, string][] = [
  [/(^|_)(lb|alb|elb|load_balancer)/, 'elasticloadbalancing', 'loadbalancer/app'],
  [/target_group/, 'elasticloadbalancing', 'targetgroup'],
  [/lambda|function/, 'lambda', 'function:'],
  [/role/, 'iam', 'role'],
  [/policy/, 'iam', 'policy'],
  [/sqs|queue/, 'sqs', ''],
  [/sns|topic/, 'sns', ''],
  [/s3|bucket/, 's3', ''],
  [/dynamodb|table/, 'dynamodb', 'table'],
  [/log_group|cloudwatch_log/, 'logs', 'log-group:'],
  [/ecs|cluster/, 'ecs', 'cluster'],
  [/security_group|subnet|vpc|instance|route_table|gateway/, 'ec2', ''],
  [/kms|key/, 'kms', 'key'],
  [/secret/, 'secretsmanager', 'secret:'],
  [/ssm|parameter/, 'ssm', 'parameter'],
  [/certificate|acm/, 'acm', 'certificate'],
  [/user_pool|cognito/, 'cognito-idp', 'userpool'],
  [/service_discovery|namespace/, 'servicediscovery', 'service'],
  [/apigateway|api/, 'execute-api', ''],
];

/** An ARN whose service and resource type follow from the words of the type or attribute. */
function arnFor(req: StandInRequest, words: string, seed: string): string {
  const w = words.replace(/^aws_/, '');
  const [, service = w.split('_')[0] ?? 'portico', kind = ''] = services.find(([re]) => re.test(w)) ?? [];
  const name = words === req.type || words === req.type.replace(/^aws_/, '') ? configuredName(req) : `${configuredName(req)}-${w}`;
  if (service === 'iam') return `arn:aws:iam::${req.accountId}:${kind}/${name}`;
  if (service === 's3') return `arn:aws:s3:::${name}`;
  if (service === 'ec2') return arn('ec2', req.region, req.accountId, `${idFor(w, seed).split('-')[0] ?? w}/${idFor(w, seed)}`);
  const resource = kind === '' ? name : kind.endsWith(':') ? `${kind}${name}` : `${kind}/${name}/${stableHex(seed, 16)}`;
  return arn(service, req.region, req.accountId, kind === '' && service === 'execute-api' ? stableDigits(seed, 10) : resource);
}
