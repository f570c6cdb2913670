import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { TerraformError } from '../terraform-error.js';
import { buildModule, type ParsedFile } from './build-module.js';
import { locateJsonBlocks } from './json-lines.js';
import { parseHcl } from './hcl-parse.js';
import type { ModuleCallDecl, ModuleConfig } from './module-config.js';
import { MANIFEST_PATH, readModuleManifest, sameSource, type ModuleManifest } from './module-manifest.js';
import { locateBlocks } from './source-locator.js';

/**
 * Reads a module directory and, recursively, the modules it calls: local paths, and remote
 * sources (registry, git, ...) from where `terraform init` installed them
 * (`.terraform/modules/modules.json`). This is the only async part of loading: every file is
 * parsed before any evaluation starts.
 */
export async function readModuleTree(rootDir: string): Promise<ModuleConfig> {
  const tree: Tree = { rootDir, manifest: readModuleManifest(rootDir), cache: new Map() };
  return readModule(tree, rootDir, '', [], undefined);
}

interface Tree {
  rootDir: string;
  manifest: ModuleManifest;
  /** By directory (the remote children of a module directory called from two places are looked up for the first). */
  cache: Map<string, Promise<ModuleConfig>>;
}

async function readModule(
  tree: Tree,
  dir: string,
  key: string,
  chain: string[],
  calledFrom: { location: { file: string; line: number }; source: string } | undefined,
): Promise<ModuleConfig> {
  const relDir = relative(tree.rootDir, dir).split(sep).join('/');
  const names = listConfigFiles(dir, relDir, calledFrom);
  const files = await Promise.all(names.filter((n) => !isOverride(n)).map((name) => readFile(dir, relDir, name)));
  const config = buildModule(dir, relDir, files);
  config.ignoredFiles = names.filter(isOverride).map((n) => (relDir === '' ? n : `${relDir}/${n}`));
  await Promise.all(
    [...config.modules.values()].map(async (call) => {
      const childKey = key === '' ? call.name : `${key}.${call.name}`;
      const childDir = childDirectory(tree, dir, childKey, call);
      if (childDir === undefined) return;
      if (chain.includes(childDir) || childDir === dir) {
        throw new TerraformError(
          call.sourceLocation,
          `Module "${call.name}" calls its own directory ${JSON.stringify(call.source)} again: modules may not call themselves`,
        );
      }
      // One reading per directory: a local module called from two places is the same configuration.
      let pending = tree.cache.get(childDir);
      if (!pending) {
        pending = readModule(tree, childDir, childKey, [...chain, dir], { location: call.sourceLocation, source: call.source });
        tree.cache.set(childDir, pending);
      }
      call.config = await pending;
    }),
  );
  return config;
}

/**
 * Where a module call's files are: a local path relative to the calling module; a remote source
 * where init unpacked it, when the manifest has it for this call and the same source. Otherwise
 * the call is marked, and its outputs will be stand-ins.
 */
function childDirectory(tree: Tree, dir: string, key: string, call: ModuleCallDecl): string | undefined {
  if (isLocalSource(call.source)) return resolve(dir, call.source);
  const installed = tree.manifest.get(key);
  if (installed === undefined) {
    call.remote = { missing: 'not-installed' };
    return undefined;
  }
  if (!sameSource(call.source, installed.source)) {
    call.remote = { missing: 'source-changed', installedSource: installed.source };
    return undefined;
  }
  call.remote = { installed: installed.dir };
  return resolve(tree.rootDir, installed.dir);
}

/**
 * Override files (https://developer.hashicorp.com/terraform/language/files/override) merge into
 * other blocks by special rules that Portico does not implement; they are skipped with a warning.
 */
function isOverride(name: string): boolean {
  return /(^|_)override\.tf(\.json)?$/.test(name);
}

/** https://developer.hashicorp.com/terraform/language/modules/sources#local-paths */
export function isLocalSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../') || source === '.' || source === '..';
}

function listConfigFiles(
  dir: string,
  relDir: string,
  calledFrom: { location: { file: string; line: number }; source: string } | undefined,
): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    if (calledFrom && !isLocalSource(calledFrom.source))
      throw new TerraformError(
        calledFrom.location,
        `Module not installed: ${MANIFEST_PATH} says terraform init put ${JSON.stringify(calledFrom.source)} in ${relDir}, which is not a directory; run terraform init -backend=false again`,
      );
    if (calledFrom) {
      throw new TerraformError(
        calledFrom.location,
        `Unreadable module directory: the module source ${JSON.stringify(calledFrom.source)} is not a directory (looked for ${relDir || '.'}); expected a local directory of .tf files`,
      );
    }
    throw new TerraformError(
      { file: dir, line: 0 },
      'No Terraform configuration: this directory does not exist; expected a directory of .tf files',
    );
  }
  // Like Terraform, skip editor files: hidden (.#main.tf) and emacs autosaves (#main.tf#).
  const names = readdirSync(dir)
    .filter((n) => (n.endsWith('.tf') || n.endsWith('.tf.json')) && !n.startsWith('.') && !n.startsWith('#'))
    .filter((n) => statSync(join(dir, n)).isFile())
    .sort();
  if (names.filter((n) => !isOverride(n)).length === 0) {
    if (calledFrom)
      throw new TerraformError(
        calledFrom.location,
        `Empty module directory: ${relDir || '.'} (source ${JSON.stringify(calledFrom.source)}) contains no .tf files`,
      );
    throw new TerraformError({ file: dir, line: 0 }, 'No Terraform configuration: this directory contains no .tf or .tf.json files');
  }
  return names;
}

async function readFile(dir: string, relDir: string, name: string): Promise<ParsedFile> {
  const file = relDir === '' ? name : `${relDir}/${name}`;
  const text = readFileSync(join(dir, name), 'utf8');
  if (name.endsWith('.tf.json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      const offset = Number(/position (\d+)/.exec((error as Error).message)?.[1] ?? 0);
      throw new TerraformError({ file, line: text.slice(0, offset).split('\n').length }, `Invalid JSON: ${(error as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new TerraformError({ file, line: 1 }, 'Invalid .tf.json: the file must contain a JSON object');
    const body = parsed as Record<string, unknown>;
    return { file, body, lines: locateJsonBlocks(text, body) };
  }
  const body = await parseHcl(file, text);
  return { file, body, lines: locateBlocks(text) };
}
