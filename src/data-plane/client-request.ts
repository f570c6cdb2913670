import { isHeader } from '../integrations/index.js';
import { declaredLength, type BodySource } from '../wire/index.js';

/** The client connection a request arrived on: what `$context.identity.sourceIp` and X-Forwarded-* report. */
export interface ClientConnection {
  readonly remoteAddress?: string | undefined;
  readonly localAddress?: string | undefined;
  readonly localPort?: number | undefined;
  /** True on a TLS connection. */
  readonly encrypted?: boolean | undefined;
}

/**
 * A client's request as the pipeline reads it: the request line, the raw header list as received,
 * the connection, and the body as a stream. node:http's IncomingMessage fits it as it is (no copy on
 * the hot path); `Gateway.handle` builds one in memory.
 */
export interface ClientRequest extends BodySource {
  readonly method?: string | undefined;
  /** The request target as sent: origin form `/p?q`, or absolute form. */
  readonly url?: string | undefined;
  /** Flat [name, value, …] in arrival order, names as sent. */
  readonly rawHeaders: readonly string[];
  readonly socket: ClientConnection;
}

/** The value of the first header of that (lower-case) name, read from the raw list without building a header object. */
export function findHeader(rawHeaders: readonly string[], lowerName: string): string | undefined {
  const length = lowerName.length;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    if (name.length === length && isHeader(name, lowerName)) return rawHeaders[i + 1];
  }
  return undefined;
}

/** The length the client's body will be read against (wire/read-body.ts): -1 when unknown (chunked), 0 for none. */
export function declaredBodyLength(rawHeaders: readonly string[]): number {
  return declaredLength(findHeader(rawHeaders, 'content-length'), findHeader(rawHeaders, 'transfer-encoding'));
}

/** The header fields as a map by lower-case name, repeated fields as lists: what SigV4 verification reads. */
export function headerMap(rawHeaders: readonly string[]): Record<string, string | string[]> {
  const map: Record<string, string | string[]> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] as string).toLowerCase();
    const value = rawHeaders[i + 1] as string;
    const seen = map[name];
    map[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return map;
}
