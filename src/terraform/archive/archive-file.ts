import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { isObject, type TfObject } from '../expr/values.js';
import type { TfValue } from '../types.js';
import { globToRegExp } from './glob.js';
import { writeZip, type ZipEntry } from './zip-writer.js';

/**
 * `data "archive_file"` (hashicorp/archive, https://registry.terraform.io/providers/hashicorp/archive/latest/docs/data-sources/file)
 * as Terraform runs it while planning: the zip is written where `output_path` says (relative paths
 * from the root module, Terraform's working directory), and the `output_*` attributes are hashes
 * of the bytes written, so `filemd5(data.archive_file.x.output_path)` and friends read the same
 * file the hashes describe. Thrown errors carry the argument they are about.
 */
export function archiveFile(config: TfObject, rootDir: string): Record<string, TfValue> {
  const type = config['type'];
  if (type !== 'zip')
    throw located('type', `archive type ${JSON.stringify(type)} is not supported by Portico; use "zip" (tar.gz is not written locally)`);
  const output = config['output_path'];
  if (typeof output !== 'string' || output === '') throw located('output_path', 'output_path is required: where to write the zip');
  const mode = typeof config['output_file_mode'] === 'string' ? parseMode(config['output_file_mode']) : undefined;
  const zip = writeZip(entriesOf(config, rootDir, mode));
  const path = resolve(rootDir, output);
  mkdirSync(dirname(path), { recursive: true });
  // Written only when different, so a watcher on the directory does not see a change each reload.
  if (!existsSync(path) || !readFileSync(path).equals(zip)) writeFileSync(path, zip);
  const digest = (algorithm: string) => createHash(algorithm).update(zip);
  const sha1 = digest('sha1').digest('hex');
  return {
    id: sha1,
    output_path: output,
    output_size: zip.length,
    output_md5: digest('md5').digest('hex'),
    output_sha: sha1,
    output_sha256: digest('sha256').digest('hex'),
    output_base64sha256: digest('sha256').digest('base64'),
    output_sha512: digest('sha512').digest('hex'),
    output_base64sha512: digest('sha512').digest('base64'),
  };
}

function entriesOf(config: TfObject, rootDir: string, mode: number | undefined): ZipEntry[] {
  const text = (name: string): string | undefined => (typeof config[name] === 'string' ? (config[name] as string) : undefined);
  const sourceDir = text('source_dir');
  if (sourceDir !== undefined) {
    const excludes = Array.isArray(config['excludes']) ? config['excludes'].filter((e): e is string => typeof e === 'string') : [];
    const dir = resolve(rootDir, sourceDir);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw located('source_dir', `could not archive missing directory: ${sourceDir}`);
    const entries = walk(dir, '', excludes.filter((e) => e !== '').map(globToRegExp), config['exclude_symlink_directories'] === true, mode);
    if (entries.length === 0) throw located('source_dir', 'archive has not been created as it would be empty');
    return entries;
  }
  const sourceFile = text('source_file');
  if (sourceFile !== undefined) {
    const file = resolve(rootDir, sourceFile);
    if (!existsSync(file)) throw located('source_file', `could not archive missing file: ${sourceFile}`);
    return [{ name: basename(file), data: readFileSync(file), mode: mode ?? statSync(file).mode }];
  }
  const filename = text('source_content_filename');
  if (filename !== undefined)
    return [{ name: filename.split(sep).join('/'), data: Buffer.from(text('source_content') ?? ''), mode: undefined }];
  const sources = Array.isArray(config['source']) ? config['source'].filter(isObject) : [];
  if (sources.length > 0) {
    const byName = new Map(sources.map((s) => [String(s['filename'] ?? ''), String(s['content'] ?? '')]));
    return [...byName.keys()].sort(bytewise).map((name) => ({ name, data: Buffer.from(byName.get(name) ?? ''), mode: undefined }));
  }
  throw located('source_dir', 'one of source_dir, source_file, source_content_filename or source blocks is required');
}

/** Go's filepath.Walk: entries of each directory in byte order, depth first; symbolic links followed. */
function walk(dir: string, prefix: string, excludes: RegExp[], skipLinkedDirs: boolean, mode: number | undefined): ZipEntry[] {
  const out: ZipEntry[] = [];
  for (const name of readdirSync(dir).sort(bytewise)) {
    const path = join(dir, name);
    const archivePath = prefix === '' ? name : `${prefix}/${name}`;
    const excluded = excludes.some((pattern) => pattern.test(archivePath));
    let stat = lstatSync(path);
    if (stat.isSymbolicLink()) {
      const real = realpathSync(path);
      stat = statSync(real);
      if (stat.isDirectory()) {
        if (!excluded && !skipLinkedDirs) out.push(...walk(real, archivePath, excludes, skipLinkedDirs, mode));
        continue;
      }
    }
    if (excluded) continue;
    if (stat.isDirectory()) out.push(...walk(path, archivePath, excludes, skipLinkedDirs, mode));
    else out.push({ name: archivePath, data: readFileSync(path), mode: mode ?? stat.mode });
  }
  return out;
}

function parseMode(text: string): number {
  const value = /^0[xX]/.test(text)
    ? parseInt(text, 16)
    : /^0[oO]?[0-7]+$/.test(text)
      ? parseInt(text.replace(/^0[oO]?/, '') || '0', 8)
      : Number(text);
  if (!Number.isInteger(value) || value < 0) throw located('output_file_mode', `error parsing output_file_mode value: ${text}`);
  return value;
}

function bytewise(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function located(attribute: string, message: string): Error {
  return Object.assign(new Error(message), { attribute });
}
