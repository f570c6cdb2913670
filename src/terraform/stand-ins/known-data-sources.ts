import { jsonEncode } from '../functions/json-encode.js';
import { isObject } from '../expr/values.js';
import type { TfValue } from '../types.js';
import type { StandInRequest } from './request.js';
import { stableDigits, stableHex } from './stable-random.js';

/**
 * Data sources are never read from AWS; these answer what can be known locally (the region and
 * account Portico runs as, a policy document's JSON) and give shaped stand-ins for the rest.
 */
type KnownData = (req: StandInRequest) => Record<string, () => TfValue>;

export const knownDataSources: Record<string, KnownData> = {
  aws_region: (req) => ({
    name: () => req.region,
    id: () => req.region,
    region: () => req.region,
    endpoint: () => `ec2.${req.region}.amazonaws.com`,
    description: () => req.region,
  }),
  aws_caller_identity: (req) => ({
    account_id: () => req.accountId,
    id: () => req.accountId,
    arn: () => `arn:aws:iam::${req.accountId}:user/portico`,
    user_id: () => `AIDA${stableHex(req.address, 17).toUpperCase()}`,
  }),
  aws_partition: () => ({
    partition: () => 'aws',
    id: () => 'aws',
    dns_suffix: () => 'amazonaws.com',
    reverse_dns_prefix: () => 'com.amazonaws',
  }),
  aws_availability_zones: (req) => ({
    names: () => ['a', 'b', 'c'].map((z) => `${req.region}${z}`),
    zone_ids: () => [1, 2, 3].map((n) => `${req.region.replace(/-/g, '').slice(0, 4)}-az${n}`),
    id: () => req.region,
  }),
  aws_iam_policy_document: (req) => ({
    json: () => policyJson(req),
    minified_json: () => policyJson(req),
    id: () => stableDigits(req.address, 10),
  }),
};

/** https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document */
function policyJson(req: StandInRequest): string {
  const statements = Array.isArray(req.config.statement) ? req.config.statement.filter(isObject) : [];
  const list = (v: TfValue | undefined): TfValue | undefined => (Array.isArray(v) ? (v.length === 1 ? v[0] : v) : v);
  const principals = (blocks: TfValue | undefined): TfValue | undefined => {
    if (!Array.isArray(blocks) || blocks.length === 0) return undefined;
    const out: Record<string, TfValue> = {};
    for (const p of blocks.filter(isObject)) if (typeof p.type === 'string') out[p.type] = list(p.identifiers) ?? null;
    return out;
  };
  const rendered = statements.map((s) => {
    const out: Record<string, TfValue> = {};
    if (typeof s.sid === 'string') out.Sid = s.sid;
    out.Effect = typeof s.effect === 'string' ? s.effect : 'Allow';
    for (const [key, field] of [
      ['Action', 'actions'],
      ['NotAction', 'not_actions'],
      ['Resource', 'resources'],
      ['NotResource', 'not_resources'],
    ] as const) {
      const value = list(s[field]);
      if (value !== undefined && value !== null) out[key] = value;
    }
    const p = principals(s.principals);
    if (p) out.Principal = p;
    const np = principals(s.not_principals);
    if (np) out.NotPrincipal = np;
    if (Array.isArray(s.condition) && s.condition.length > 0) {
      const cond: Record<string, Record<string, TfValue>> = {};
      for (const c of s.condition.filter(isObject)) {
        if (typeof c.test === 'string' && typeof c.variable === 'string') (cond[c.test] ??= {})[c.variable] = list(c.values) ?? null;
      }
      out.Condition = cond;
    }
    return out;
  });
  return jsonEncode({ Version: typeof req.config.version === 'string' ? req.config.version : '2012-10-17', Statement: rendered });
}

export function knownDataAttribute(req: StandInRequest): TfValue | undefined {
  return knownDataSources[req.type]?.(req)[req.attribute]?.();
}
