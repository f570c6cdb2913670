import type { ControlPlane, TerraformRecord } from '../../control-plane/index.js';
import type { ResourceInstance, TfValue } from '../types.js';

export interface ApplyContext {
  cp: ControlPlane;
  region(): string;
  accountId(): string;
  /**
   * The configuration's own region (its provider block's) is the one it will be served in, so the
   * values computed while it is evaluated (ARNs) use it rather than `region()`, which until the
   * apply is the control plane's region before this configuration (at start-up, the default).
   * False when the operator fixed the region (`--region`): the control plane's region then.
   */
  followsConfigurationRegion?: boolean;
}

/**
 * One `aws_apigatewayv2_*` resource type: how its address maps to control-plane ids, what
 * references see before anything is applied (ids are stable, so they are known up front), and
 * how to create-or-update and delete it through the control-plane operations.
 */
export interface ResourceKind {
  type: string;
  /** Resources whose addresses disappeared are deleted highest rank first (mappings before APIs). */
  deleteRank: number;
  ids(instance: ResourceInstance, previous: TerraformRecord | undefined): Record<string, string>;
  computed(instance: ResourceInstance, ids: Record<string, string>, ctx: ApplyContext): Record<string, TfValue>;
  /**
   * Creates the resource, or updates it to match when it exists; replaces it when it must. May
   * return a clean-up to run after every resource is applied (e.g. dropping a replaced
   * deployment once stages point at its successor).
   */
  apply(
    instance: ResourceInstance,
    ids: Record<string, string>,
    ctx: ApplyContext,
    previous: TerraformRecord | undefined,
  ): (() => void) | void;
  remove(record: TerraformRecord, ctx: ApplyContext): void;
  /** The argument a control-plane error is about, for the error's file:line. */
  argumentOf?(message: string): string | undefined;
}
