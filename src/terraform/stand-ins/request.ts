import type { TfObject } from '../expr/values.js';
import type { TfValue } from '../types.js';
import { stableHex } from './stable-random.js';

/** What a stand-in is for: one attribute of a resource, data source or remote module instance. */
export interface StandInRequest {
  address: string;
  kind: 'managed' | 'data' | 'module';
  /** Resource type, or the module's source for modules. */
  type: string;
  /** Resource or module call name. */
  name: string;
  attribute: string;
  /** Where the attribute was read when it is nested (`listeners["default"].arn` for attribute "listener_arn"). */
  path?: string;
  /** Configured arguments (module inputs for modules), best-effort evaluated. */
  config: TfObject;
  region: string;
  accountId: string;
}

export function arn(service: string, region: string, account: string, resource: string): string {
  return `arn:aws:${service}:${region}:${account}:${resource}`;
}

/** The name AWS would show: the configured name-like argument, else the Terraform resource name. */
export function configuredName(req: StandInRequest): string {
  for (const key of ['name', 'function_name', 'bucket', 'family', 'queue_name', 'table_name', 'domain_name']) {
    const value = req.config[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  const prefix = req.config.name_prefix;
  if (typeof prefix === 'string') return `${prefix}${stableHex(req.address, 8)}`;
  return req.name;
}

export function configuredString(req: StandInRequest, key: string): string | undefined {
  const value: TfValue | undefined = req.config[key];
  return typeof value === 'string' ? value : undefined;
}
