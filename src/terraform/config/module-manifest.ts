import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TerraformError } from '../terraform-error.js';

/**
 * `.terraform/modules/modules.json`, the manifest `terraform init` writes after downloading the
 * registry, git and other remote modules of a configuration (Terraform's internal/modsdir
 * package): one record per module call, keyed by the call path ("api", "api.lambda"), with the
 * source as init resolved it and the directory it was unpacked to, relative to the root module.
 */
export interface InstalledModule {
  /** "api" for module "api" in the root, "api.lambda" for module "lambda" inside it. */
  key: string;
  source: string;
  version: string | undefined;
  /** Relative to the root module directory, e.g. ".terraform/modules/api". */
  dir: string;
}

export type ModuleManifest = ReadonlyMap<string, InstalledModule>;

export const MANIFEST_PATH = '.terraform/modules/modules.json';

/** The manifest of `rootDir`, or an empty one when `terraform init` has not run there. */
export function readModuleManifest(rootDir: string): ModuleManifest {
  const path = join(rootDir, MANIFEST_PATH);
  if (!existsSync(path)) return new Map();
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new TerraformError(
      { file: MANIFEST_PATH, line: 0 },
      `Invalid module manifest: ${(error as Error).message}; run terraform init -backend=false again to rewrite it`,
    );
  }
  const records = typeof parsed === 'object' && parsed !== null ? (parsed as { Modules?: unknown }).Modules : undefined;
  const manifest = new Map<string, InstalledModule>();
  if (!Array.isArray(records)) return manifest;
  for (const record of records) {
    if (typeof record !== 'object' || record === null) continue;
    const { Key: key, Source: source, Version: version, Dir: dir } = record as Record<string, unknown>;
    if (typeof key !== 'string' || key === '' || typeof dir !== 'string') continue;
    manifest.set(key, {
      key,
      source: typeof source === 'string' ? source : '',
      version: typeof version === 'string' && version !== '' ? version : undefined,
      dir: dir.split('\\').join('/'),
    });
  }
  return manifest;
}

/**
 * Whether what init installed is what the module block asks for now. The registry's hostname is
 * implied in a block (`terraform-aws-modules/apigateway-v2/aws`) and written out in the manifest
 * (`registry.terraform.io/terraform-aws-modules/apigateway-v2/aws`); a `//subdir` of a remote
 * package is kept in both.
 * https://developer.hashicorp.com/terraform/language/modules/sources
 */
export function sameSource(configured: string, installed: string): boolean {
  const normal = (source: string): string => source.replace(/^registry\.terraform\.io\//, '').replace(/\/+$/, '');
  return normal(configured) === normal(installed);
}
