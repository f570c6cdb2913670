import { crc32, deflateRawSync } from 'node:zlib';

/** One file of a zip: its name inside, its bytes, and its Unix mode (undefined: none recorded, as for source_content). */
export interface ZipEntry {
  name: string;
  data: Buffer;
  mode: number | undefined;
}

/**
 * A zip laid out as the hashicorp/archive provider writes one through Go's archive/zip
 * (internal/provider/zip_archiver.go): every entry deflated, streamed with a data descriptor, the
 * modification time set to Go's zero time (so the bytes do not depend on when files were touched),
 * the Unix mode in the external attributes of entries that have one. The same files always give
 * the same bytes. The deflate stream is zlib's, not Go's compress/flate, so the bytes (and the
 * hashes of them) are not those the provider writes: docs/compatibility.md says so.
 */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  // time.Time{} (year 1) as an MS-DOS date, wrapped to 16 bits as Go's timeToMsDosTime does.
  const dosDate = (1 + (1 << 5) + ((1 - 1980) << 9)) & 0xffff;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const flags = 0x8 | (needsUtf8Flag(entry.name) ? 0x800 : 0);
    const hasMode = entry.mode !== undefined;
    const dosTime = 0;
    const date = hasMode ? dosDate : 0;
    const compressed = deflateRawSync(entry.data);
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt16LE(name.length, 26);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc, 4);
    descriptor.writeUInt32LE(compressed.length, 8);
    descriptor.writeUInt32LE(entry.data.length, 12);
    parts.push(local, name, compressed, descriptor);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    // Made by: Unix (3) when a mode is recorded, else MS-DOS (0); version 2.0 either way.
    header.writeUInt16LE(hasMode ? (3 << 8) | 20 : 20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(flags, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt16LE(dosTime, 12);
    header.writeUInt16LE(date, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(compressed.length, 20);
    header.writeUInt32LE(entry.data.length, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(hasMode ? externalAttributes(entry.mode ?? 0) : 0, 38);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    offset += local.length + name.length + compressed.length + descriptor.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** A regular file's Unix mode in the high half; MS-DOS read-only when nobody may write it (Go's FileHeader.SetMode). */
function externalAttributes(mode: number): number {
  const unix = (0o100000 | (mode & 0o7777)) << 16;
  return (unix | ((mode & 0o200) === 0 ? 0x1 : 0)) >>> 0;
}

/** Go's archive/zip sets the UTF-8 flag for names outside printable ASCII (and with "\\" or "~"). */
function needsUtf8Flag(name: string): boolean {
  for (const ch of name) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code > 0x7d || code === 0x5c) return true;
  }
  return false;
}
