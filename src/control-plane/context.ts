import type { Clock, IdGenerator, IdKind, ProtocolType } from '../model/index.js';
import type { Store } from '../store/index.js';
import type { AdjustableQuotas } from './quotas.js';

export interface ControlPlaneSettings {
  region: string;
  accountId: string;
  /** The URL that actually reaches an API on this machine (`apiEndpoint` in responses). */
  apiEndpoint(apiId: string, protocolType: ProtocolType): string;
  /** AWS's adjustable quotas as raised (or lowered) here; AWS's defaults for those not given (quotas.ts). */
  quotas?: Partial<AdjustableQuotas>;
}

/** What every operation gets: the store, injected time and ids, and change tracking. */
export interface OperationContext extends ControlPlaneSettings {
  store: Store;
  clock: Clock;
  /** A new id of the kind, or the id the caller asked for (Terraform's stable ids). */
  newId(kind: IdKind): string;
  /** ISO-8601 now. */
  now(): string;
  /** The API's deployable configuration changed: auto-deploy stages get a new deployment. */
  apiChanged(apiId: string): void;
  /** Something served changed without needing a deployment (stage settings, VPC links, domains). */
  servingChanged(): void;
  /** Ask the data plane to forget cached authorizer results of a stage. */
  resetAuthorizersCache(apiId: string, stageName: string): void;
}

export interface OperationOptions {
  /** Use this id for the resource the operation creates (Terraform addresses map to stable ids). */
  id?: string;
}

export type { IdGenerator };
