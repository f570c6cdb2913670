import { createHash } from 'node:crypto';

/**
 * The SigV4 canonical request and string to sign, as AWS's signers build them for every
 * service but S3 ("Create a canonical request for Signature Version 4", AWS General
 * Reference; botocore `SigV4Auth.canonical_request`; docs/reference/controlplane.md §6).
 */

export type HeaderMap = Readonly<Record<string, string | readonly string[] | undefined>>;

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/** RFC 3986 encoding of every byte except the unreserved characters, hex in upper case. */
export function uriEncode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += byte < 0x80 && UNRESERVED.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function decodeComponent(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // not valid percent-encoding: the signer saw these characters as they are
  }
}

/**
 * The path as sent (already percent-encoded by the client) with dot segments and empty
 * segments removed, then URI-encoded again: `/v2/apis/a/stages/%24default` becomes
 * `/v2/apis/a/stages/%2524default`. Botocore and the JS SDK both normalise this way.
 */
export function canonicalPath(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && rawPath.endsWith('/') ? '/' : '';
  return `/${segments.map(uriEncode).join('/')}${trailing}`;
}

/** Each name and value decoded, strictly re-encoded, sorted by name then value. */
export function canonicalQuery(rawQuery: string, exclude?: string): string {
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decodeComponent(eq < 0 ? part : part.slice(0, eq));
    if (name === exclude) continue;
    pairs.push([uriEncode(name), uriEncode(decodeComponent(eq < 0 ? '' : part.slice(eq + 1)))]);
  }
  pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

function headerValue(value: string | readonly string[] | undefined): string {
  const joined = typeof value === 'string' ? value : (value ?? []).join(',');
  return joined.trim().replace(/\s+/g, ' ');
}

export interface CanonicalParts {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: HeaderMap;
  /** Lower-case names, in the order the Authorization header lists them. */
  signedHeaders: readonly string[];
  payloadHash: string;
  /** A query member left out of the canonical query (X-Amz-Signature of a presigned URL). */
  excludeQuery?: string;
}

export function canonicalRequest(parts: CanonicalParts): string {
  const headerLines = parts.signedHeaders.map((name) => `${name}:${headerValue(parts.headers[name])}\n`).join('');
  return [
    parts.method.toUpperCase(),
    canonicalPath(parts.rawPath),
    canonicalQuery(parts.rawQuery, parts.excludeQuery),
    headerLines,
    parts.signedHeaders.join(';'),
    parts.payloadHash,
  ].join('\n');
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function stringToSign(amzDate: string, credentialScope: string, canonical: string): string {
  return ['AWS4-HMAC-SHA256', amzDate, credentialScope, sha256Hex(canonical)].join('\n');
}
