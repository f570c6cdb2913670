import type { TfValue } from '../types.js';
import { guessByName } from './guess-by-name.js';
import { knownDataAttribute } from './known-data-sources.js';
import { knownModuleOutput } from './known-modules.js';
import { knownResourceAttribute } from './known-resources.js';
import type { StandInRequest } from './request.js';

export type { StandInRequest } from './request.js';

/** A deterministic value for an attribute Portico cannot compute, and why. */
export function standInFor(req: StandInRequest): { value: TfValue; reason: string } {
  // A data source of a managed type (data "aws_lb" ...) has that type's computed attributes.
  const known =
    req.kind === 'data'
      ? (knownDataAttribute(req) ?? knownResourceAttribute(req))
      : req.kind === 'managed'
        ? knownResourceAttribute(req)
        : knownModuleOutput(req);
  const value = known ?? guessByName(req);
  return { value, reason: reasonFor(req) };
}

function reasonFor(req: StandInRequest): string {
  if (req.kind === 'module') return `module source "${req.type}" is not read by Portico; its outputs are known only after apply`;
  if (req.kind === 'data') return `data sources are not read from AWS; data.${req.type} stands in locally`;
  return `Portico does not emulate ${req.type}; its computed attributes are known only after apply`;
}

/** Whether a handled type's missing attribute looks computed (gets a stand-in) rather than an unset argument (null). */
export function looksComputed(attribute: string): boolean {
  return /^(id|arn)$|_(arn|id|endpoint|url)$|^(api_endpoint|execution_arn|invoke_url)$/.test(attribute);
}
