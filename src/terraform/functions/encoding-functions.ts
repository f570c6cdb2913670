import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import type { TfValue } from '../types.js';
import type { Args, FunctionSpec } from './args.js';
import { jsonEncode } from './json-encode.js';

/**
 * Encoding and hash functions:
 * https://developer.hashicorp.com/terraform/language/functions (Encoding, Hash and Crypto Functions).
 */
interface Yaml {
  parse(text: string): unknown;
  stringify(value: unknown, options: Record<string, unknown>): string;
}

let yamlModule: Yaml | undefined;

/** Loaded on first use: it costs ~25 ms at start-up and few configurations call yamlencode(). */
function yaml(): Yaml {
  yamlModule ??= createRequire(import.meta.url)('yaml') as Yaml;
  return yamlModule;
}

export const encodingFunctions: Record<string, FunctionSpec> = {
  base64encode: { params: ['str'], impl: (a) => Buffer.from(a.str(0), 'utf8').toString('base64') },
  base64decode: {
    params: ['str'],
    impl: (a) => {
      const text = a.str(0);
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) a.fail('the string is not valid base64');
      const bytes = Buffer.from(text, 'base64');
      const decoded = bytes.toString('utf8');
      if (!Buffer.from(decoded, 'utf8').equals(bytes)) a.fail('the decoded bytes are not valid UTF-8');
      return decoded;
    },
  },
  base64gzip: { params: ['str'], impl: (a) => gzipSync(Buffer.from(a.str(0), 'utf8')).toString('base64') },
  textencodebase64: {
    params: ['string', 'encoding'],
    impl: (a) => Buffer.from(a.str(0), encodingName(a)).toString('base64'),
  },
  textdecodebase64: {
    params: ['source', 'encoding'],
    impl: (a) => Buffer.from(a.str(0), 'base64').toString(encodingName(a)),
  },
  jsonencode: { params: ['val'], impl: (a) => jsonEncode(a.any(0)) },
  jsondecode: {
    params: ['str'],
    impl: (a) => {
      try {
        return JSON.parse(a.str(0)) as TfValue;
      } catch (error) {
        return a.fail(`the string is not valid JSON: ${(error as Error).message}`);
      }
    },
  },
  yamlencode: {
    params: ['value'],
    // Terraform's yamlencode quotes every string and does not indent sequences under keys.
    impl: (a) => yaml().stringify(a.any(0), { defaultStringType: 'QUOTE_DOUBLE', indentSeq: false, lineWidth: 0 }),
  },
  yamldecode: {
    params: ['src'],
    impl: (a) => {
      try {
        return (yaml().parse(a.str(0)) ?? null) as TfValue;
      } catch (error) {
        return a.fail(`the string is not valid YAML: ${(error as Error).message}`);
      }
    },
  },
  csvdecode: { params: ['str'], impl: (a) => csvDecode(a) },
  urlencode: {
    params: ['str'],
    // Go's url.QueryEscape: space becomes "+", only A-Z a-z 0-9 - _ . ~ stay as they are.
    impl: (a) =>
      [...Buffer.from(a.str(0), 'utf8')]
        .map((b) => {
          const c = String.fromCharCode(b);
          if (/[A-Za-z0-9\-_.~]/.test(c)) return c;
          return c === ' ' ? '+' : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
        })
        .join(''),
  },
  md5: { params: ['str'], impl: (a) => hash('md5', a.str(0), 'hex') },
  sha1: { params: ['str'], impl: (a) => hash('sha1', a.str(0), 'hex') },
  sha256: { params: ['str'], impl: (a) => hash('sha256', a.str(0), 'hex') },
  sha512: { params: ['str'], impl: (a) => hash('sha512', a.str(0), 'hex') },
  base64sha256: { params: ['str'], impl: (a) => hash('sha256', a.str(0), 'base64') },
  base64sha512: { params: ['str'], impl: (a) => hash('sha512', a.str(0), 'base64') },
  uuid: { params: [], impl: (_a, ctx) => ctx.nextUuid() },
  uuidv5: {
    params: ['namespace', 'name'],
    impl: (a) => {
      const namespaces: Record<string, string> = {
        dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
        url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
        oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
        x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
      };
      const ns = namespaces[a.str(0)] ?? a.str(0);
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ns))
        a.fail('the namespace must be dns, url, oid, x500 or a UUID');
      const digest = createHash('sha1')
        .update(Buffer.from(ns.replace(/-/g, ''), 'hex'))
        .update(a.str(1), 'utf8')
        .digest();
      return uuidFromBytes(digest, 5);
    },
  },
};

function encodingName(a: Args): BufferEncoding {
  const name = a.str(1).toUpperCase();
  if (name === 'UTF-8') return 'utf8';
  if (name === 'UTF-16LE') return 'utf16le';
  if (name === 'ISO-8859-1' || name === 'LATIN1') return 'latin1';
  return a.fail(`unsupported encoding ${JSON.stringify(a.str(1))}; Portico supports UTF-8, UTF-16LE and ISO-8859-1`);
}

function hash(algorithm: string, text: string, encoding: 'hex' | 'base64'): string {
  return createHash(algorithm).update(text, 'utf8').digest(encoding);
}

/** Formats 16 bytes as an RFC 4122 UUID of the given version. */
export function uuidFromBytes(bytes: Uint8Array, version: number): string {
  const b = Buffer.from(bytes.subarray(0, 16));
  b[6] = ((b[6] ?? 0) & 0x0f) | (version << 4);
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function csvDecode(a: Args): TfValue {
  const text = a.str(0);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...records] = rows;
  if (!header) return [];
  return records.map((r, n) => {
    if (r.length !== header.length) a.fail(`line ${n + 2} has ${r.length} fields, the header has ${header.length}`);
    return Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']));
  });
}
