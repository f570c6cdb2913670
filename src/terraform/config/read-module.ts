import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { TerraformError } from '../terraform-error.js';
import { buildModule, type ParsedFile } from './build-module.js';
import { locateJsonBlocks } from './json-lines.js';
import { parseHcl } from './hcl-parse.js';
import type { ModuleConfig } from './module-config.js';
import { locateBlocks } from './source-locator.js';

/**
 * Reads a module directory and, recursively, the local modules it calls. This is the only async
 * part of loading: every file is parsed before any evaluation starts.
 */
export async function readModuleTree(rootDir: string): Promise<ModuleConfig> {
  const cache = new Map<string, Promise<ModuleConfig>>();
  return readModule(rootDir, rootDir, [], cache, undefined);
}

async function readModule(
  rootDir: string,
  dir: string,
  chain: string[],
  cache: Map<string, Promise<ModuleConfig>>,
  calledFrom: { location: { file: string; line: number }; source: string } | undefined,
): Promise<ModuleConfig> {
  const relDir = relative(rootDir, dir).split(sep).join('/');
  const names = listConfigFiles(dir, relDir, calledFrom);
  const files = await Promise.all(names.filter((n) => !isOverride(n)).map((name) => readFile(dir, relDir, name)));
  const config = buildModule(dir, relDir, files);
  config.ignoredFiles = names.filter(isOverride).map((n) => (relDir === '' ? n : `${relDir}/${n}`));
  const children = [...config.modules.values()].filter((m) => m.config === undefined && isLocalSource(m.source));
  await Promise.all(
    children.map(async (call) => {
      const childDir = resolve(dir, call.source);
      if (chain.includes(childDir) || childDir === dir) {
        throw new TerraformError(
          call.sourceLocation,
          `Module "${call.name}" calls its own directory ${JSON.stringify(call.source)} again: modules may not call themselves`,
        );
      }
      let pending = cache.get(childDir);
      if (!pending) {
        pending = readModule(rootDir, childDir, [...chain, dir], cache, { location: call.sourceLocation, source: call.source });
        cache.set(childDir, pending);
      }
      call.config = await pending;
    }),
  );
  return config;
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
