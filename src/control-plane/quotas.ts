import { ServiceError } from './service-errors.js';

/**
 * AWS's HTTP API quotas (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html).
 * These five are adjustable on AWS (a quota increase for the account); here `--quota NAME=N` or
 * `PorticoOptions.quotas` raise (or lower) them.
 */
export interface AdjustableQuotas {
  readonly routesPerApi: number;
  readonly stagesPerApi: number;
  readonly authorizersPerApi: number;
  readonly vpcLinks: number;
  readonly domainNames: number;
}

export const DEFAULT_QUOTAS: AdjustableQuotas = {
  routesPerApi: 300,
  stagesPerApi: 10,
  authorizersPerApi: 10,
  vpcLinks: 10,
  domainNames: 120,
};

/** The quotas AWS does not adjust. */
export const FIXED_QUOTAS = {
  integrationsPerApi: 300,
  stageVariablesPerStage: 100,
  stageVariableKeyCharacters: 64,
  stageVariableValueCharacters: 512,
  scopesPerRoute: 10,
  /**
   * Not an AWS quota: a route key can be no longer than the request head that could match it
   * (the 10,240-byte request line and header quota), so a longer one is refused rather than stored.
   */
  routeKeyCharacters: 10_240,
} as const;

export function quotaNames(): readonly (keyof AdjustableQuotas)[] {
  return Object.keys(DEFAULT_QUOTAS) as (keyof AdjustableQuotas)[];
}

/**
 * Refuses one more resource past its quota in AWS's words: "Maximum number of Authorizers for this
 * API has been reached. Please contact AWS if you need additional Authorizers." (a ConflictException
 * with status 429, as AWS answered it in anomalyco/sst#4522). Adjustable quotas say how to raise them here.
 */
export function checkQuota(
  existing: number,
  max: number,
  kind: string,
  scope: 'API' | 'account',
  adjustable?: keyof AdjustableQuotas,
): void {
  if (existing < max) return;
  const reached =
    scope === 'API' ? `Maximum number of ${kind} for this API has been reached.` : `Maximum number of ${kind} has been reached.`;
  const raise = adjustable === undefined ? '' : ` Portico's quota is ${max}: raise it with --quota ${adjustable}=N.`;
  throw new QuotaError(`${reached} Please contact AWS if you need additional ${kind}.${raise}`);
}

/** ConflictException on the wire, with the 429 status AWS sends for a quota. */
export class QuotaError extends ServiceError {
  override readonly status = 429;
  constructor(message: string) {
    super('ConflictException', message);
  }
}

/** The quota in force: the one given to the control plane, else AWS's default. */
export function quota(settings: { readonly quotas?: Partial<AdjustableQuotas> }, name: keyof AdjustableQuotas): number {
  return settings.quotas?.[name] ?? DEFAULT_QUOTAS[name];
}
