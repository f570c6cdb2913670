/**
 * The public shapes of the Terraform loader. Other folders code against these, so they change
 * only compatibly (new optional fields).
 */

/** A Terraform value after evaluation. Sets are arrays (sorted), maps and objects are plain objects. */
export type TfValue = null | string | number | boolean | TfValue[] | { [key: string]: TfValue };

/** `file` is relative to the loaded directory, e.g. "main.tf" or "modules/api/main.tf". */
export interface SourceLocation {
  file: string;
  line: number;
  column?: number;
}

export interface ResourceInstance {
  mode: 'managed' | 'data';
  /** Terraform address: aws_x.y, aws_x.y[0], aws_x.y["k"], module.a["k"].module.b.aws_x.y[1] */
  address: string;
  type: string;
  name: string;
  /** '' for the root module, else e.g. 'module.a["k"]'. */
  modulePath: string;
  /** count.index or each.key */
  index?: number | string;
  /** Evaluated arguments; nested blocks as arrays of objects; dynamic blocks expanded; meta-arguments removed. */
  attributes: Record<string, TfValue>;
  /** The block's first line. */
  location: SourceLocation;
  /** Line of a top-level argument or block; falls back to `location`. */
  attributeLocation(name: string): SourceLocation;
}

export interface ResourceHandler {
  /**
   * Called once per instance, in dependency order, after its arguments are evaluated. Returns the
   * computed attributes (id, arn, ...) that references such as aws_x.y.id see (merged over the
   * arguments). It may throw; the loader reports the error at the instance's location, or at
   * `attributeLocation(err.attribute)` when the thrown error has an `attribute` string property.
   * `configuration.region()` is the configuration's region: its provider block's, else `LoadOptions.region`.
   */
  apply(instance: ResourceInstance, configuration: { region(): string }): Record<string, TfValue>;
}

export interface LoadOptions {
  dir: string;
  /** --var NAME=VALUE, raw CLI strings. */
  vars?: Record<string, string>;
  /** --var-file paths in CLI order, relative to the process cwd. */
  varFiles?: string[];
  /** Where TF_VAR_* values come from (the caller's environment); default none. */
  env?: Record<string, string | undefined>;
  /** By resource type; types without a handler get stand-ins. */
  handlers?: Record<string, ResourceHandler>;
  /** Used when no provider region is configured (Portico passes its settled region: --region, AWS_REGION…); default us-east-1. */
  region?: string;
  /** Default 000000000000 (DEFAULT_ACCOUNT_ID). */
  accountId?: string;
  /** Injected clock for timestamp(). */
  now?: () => Date;
}

/** A value Portico invented because it cannot be known locally (Terraform's "known after apply"). */
export interface StandIn {
  address: string;
  attribute: string;
  value: TfValue;
  reason: string;
  location: SourceLocation;
}

export interface LoadResult {
  /** Every managed and data instance, in the order they were evaluated/applied. */
  resources: ResourceInstance[];
  standIns: StandIn[];
  /** Root module outputs. */
  outputs: Record<string, TfValue>;
  region: string;
  accountId: string;
  /** Every .tf/.tfvars file read, relative to dir. */
  files: string[];
  /** Things Terraform would warn about (e.g. a value in a .tfvars file for an undeclared variable). */
  warnings: string[];
}
