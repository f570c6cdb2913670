import type { Body, BodyItem, Expr } from '../expr/ast.js';
import type { SourceLocation } from '../types.js';
import type { TypeConstraint } from './type-constraint.js';

/**
 * One module directory, read and compiled once however many times it is instantiated
 * (https://developer.hashicorp.com/terraform/language/modules).
 */
export interface ModuleConfig {
  /** Absolute directory. */
  dir: string;
  /** Relative to the loaded (root) directory, '' for the root; used in file names of locations. */
  relDir: string;
  variables: Map<string, VariableDecl>;
  locals: Map<string, LocalDecl>;
  outputs: Map<string, OutputDecl>;
  /** Keyed "aws_x.y" for managed resources and "data.aws_x.y" for data sources. */
  resources: Map<string, ResourceDecl>;
  modules: Map<string, ModuleCallDecl>;
  /** The default (un-aliased) provider "aws" block's region argument, if any. */
  providerRegion: { expr: Expr; location: SourceLocation } | undefined;
  /** Resources, data sources and module calls in file and line order. */
  order: (ResourceDecl | ModuleCallDecl)[];
  files: string[];
  /** Files present but not read (override files), relative to the loaded directory. */
  ignoredFiles: string[];
}

export interface VariableDecl {
  name: string;
  location: SourceLocation;
  type: TypeConstraint;
  /** Absent when the block has no default: a value is then required. */
  default: Expr | undefined;
  defaultLine: number;
  nullable: boolean;
  validations: ValidationDecl[];
}

export interface ValidationDecl {
  condition: Expr;
  errorMessage: Expr;
  location: SourceLocation;
}

export interface LocalDecl {
  name: string;
  expr: Expr;
  location: SourceLocation;
}

export interface OutputDecl {
  name: string;
  expr: Expr;
  location: SourceLocation;
  dependsOn: Expr[];
}

/** count / for_each / depends_on, shared by resources and module calls. */
export interface Expansion {
  count: BodyItem | undefined;
  forEach: BodyItem | undefined;
  dependsOn: Expr[];
}

export interface ResourceDecl extends Expansion {
  declKind: 'resource';
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** "aws_x.y" or "data.aws_x.y". */
  key: string;
  location: SourceLocation;
  /** The arguments and nested blocks, meta-arguments removed. */
  body: Body;
}

export interface ModuleCallDecl extends Expansion {
  declKind: 'module';
  name: string;
  location: SourceLocation;
  source: string;
  sourceLocation: SourceLocation;
  /**
   * The module's config: read from a local path, or (registry, git and other remote sources) from
   * where `terraform init` installed it; undefined when it is not installed.
   */
  config: ModuleConfig | undefined;
  /** For a remote source: installed (and from where), or why not; its outputs are stand-ins then. */
  remote?: { installed: string } | { missing: 'not-installed' | 'source-changed'; installedSource?: string };
  /** Input variables. */
  body: Body;
}
