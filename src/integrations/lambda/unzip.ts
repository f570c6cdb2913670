import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/**
 * A deployment package (`filename = "build/lambda.zip"`) unpacked into a cache directory, keyed by
 * the archive's SHA-256 so a rebuilt package gets a fresh copy. Node has zlib but no zip reader:
 * this reads the central directory (APPNOTE.TXT §4.3) and supports what Lambda packages use,
 * stored (0) and deflated (8) entries. ZIP64, encryption and symbolic links are refused by name.
 */

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DONE_MARKER = '.portico-unzipped';

export class ZipError extends Error {
  override readonly name = 'ZipError';
}

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
  readonly mode: number;
}

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const stop = Math.max(0, zip.length - 22 - 65_535);
  for (let at = zip.length - 22; at >= stop; at--) if (zip.readUInt32LE(at) === EOCD) return at;
  throw new ZipError('not a zip archive (no end of central directory record)');
}

function readEntries(zip: Buffer): Entry[] {
  const end = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (at === 0xffffffff || count === 0xffff) throw new ZipError('ZIP64 archives are not supported');
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) throw new ZipError('corrupt central directory');
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    entries.push({
      flags: zip.readUInt16LE(at + 8),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      mode: zip.readUInt32LE(at + 38) >>> 16,
      localOffset: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function entryData(zip: Buffer, entry: Entry): Buffer {
  const at = entry.localOffset;
  if (zip.readUInt32LE(at) !== LOCAL) throw new ZipError(`corrupt local header for ${entry.name}`);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const raw = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return raw;
  if (entry.method === 8) return inflateRawSync(raw);
  throw new ZipError(`${entry.name}: compression method ${entry.method} is not supported (only stored and deflate)`);
}

/** Extract every entry of `zip` under `target` (which must not exist yet). */
export function extractZip(zip: Buffer, target: string): void {
  const root = resolve(target);
  for (const entry of readEntries(zip)) {
    if (entry.flags & 1) throw new ZipError(`${entry.name}: encrypted entries are not supported`);
    if ((entry.mode & 0o170000) === 0o120000) throw new ZipError(`${entry.name}: symbolic links are not supported`);
    const path = resolve(root, entry.name);
    if (path !== root && !path.startsWith(root + sep)) throw new ZipError(`${entry.name}: entry escapes the archive`);
    if (entry.name.endsWith('/')) {
      mkdirSync(path, { recursive: true });
      continue;
    }
    const data = entryData(zip, entry);
    if (data.length !== entry.size) throw new ZipError(`${entry.name}: size does not match the central directory`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
  }
}

/** The directory holding `zipPath`'s contents under `cacheDir`, unpacked once per distinct archive. */
export function unpackDeploymentPackage(zipPath: string, cacheDir: string): string {
  const zip = readFileSync(zipPath);
  const digest = createHash('sha256').update(zip).digest('hex').slice(0, 24);
  const target = join(cacheDir, digest);
  if (existsSync(join(target, DONE_MARKER))) return target;
  // Unpack beside the target and rename, so a half-written copy is never taken for a whole one.
  const staging = `${target}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    extractZip(zip, staging);
    writeFileSync(join(staging, DONE_MARKER), zipPath);
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return target;
}
