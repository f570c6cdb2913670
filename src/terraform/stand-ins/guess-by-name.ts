import type { TfValue } from '../types.js';
import { configuredName, type StandInRequest } from './request.js';
import { guessArn } from './guess-arn.js';
import { idFor } from './guess-id.js';
import { stableHex } from './stable-random.js';

/**
 * When nothing is known about a type, the attribute's name says what shape it has: `*_ids` and
 * other plurals are lists, `*_arn` an ARN, `vpc_id` a "vpc-..." id, `enabled` a bool. Registry
 * module outputs (`private_subnets`, `this_security_group_id`) go through here too.
 */
const notPlural =
  /(status|address|access|class|alias|dns|ingress|egress|process|bus|tags|tags_all|arguments|settings|options|details|contents|headers|params|parameters|variables)$/;

export function guessByName(req: StandInRequest): TfValue {
  const attr = req.attribute;
  const seed = `${req.address}/${req.path ?? attr}`;
  if (attr === 'tags' || attr === 'tags_all') return req.config.tags ?? {};
  if ((attr === 'azs' || attr === 'availability_zones') && Array.isArray(req.config[attr])) return req.config[attr] ?? [];
  if (/(^|_)ips?$|_ip_address(es)?$/.test(attr))
    return plural(
      req,
      attr,
      (i) => `10.0.${parseInt(stableHex(`${seed}${i}`, 2), 16) % 250}.${1 + (parseInt(stableHex(`${seed}/h${i}`, 2), 16) % 250)}`,
    );
  if (/_arns$/.test(attr)) return plural(req, attr, (i) => guessArn(req, attr.replace(/_arns$/, ''), `${seed}${i}`));
  if (attr === 'arn' || attr.endsWith('_arn')) return guessArn(req, attr === 'arn' ? req.type : attr.replace(/_arn$/, ''), seed);
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

function cidr(req: StandInRequest): string {
  for (const key of ['cidr', 'cidr_block', 'vpc_cidr']) {
    const value = req.config[key];
    if (typeof value === 'string') return value;
  }
  return '10.0.0.0/16';
}
