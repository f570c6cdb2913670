/**
 * Hop-by-hop fields a proxy must not forward (RFC 9110 §7.6.1): Connection and the fields it names,
 * Proxy-Connection, Keep-Alive, TE, Trailer, Transfer-Encoding, Upgrade, and Proxy-* credentials.
 * Names are compared without allocating: header names are tokens, so OR-ing 0x20 folds A–Z onto a–z
 * and leaves the lower-case letters, digits and "-" of the names below unchanged.
 */
function sameName(name: string, lower: string): boolean {
  if (name.length !== lower.length) return false;
  for (let i = 0; i < lower.length; i++) if ((name.charCodeAt(i) | 0x20) !== lower.charCodeAt(i)) return false;
  return true;
}

function startsWithName(name: string, lowerPrefix: string): boolean {
  if (name.length < lowerPrefix.length) return false;
  for (let i = 0; i < lowerPrefix.length; i++) if ((name.charCodeAt(i) | 0x20) !== lowerPrefix.charCodeAt(i)) return false;
  return true;
}

/** Case-insensitive comparison of a header name with a lower-case literal. */
export const isHeader = sameName;

export function isHopByHop(name: string): boolean {
  switch (name.length) {
    case 2:
      return sameName(name, 'te');
    case 7:
      return sameName(name, 'trailer') || sameName(name, 'upgrade');
    case 10:
      return sameName(name, 'connection') || sameName(name, 'keep-alive');
    case 17:
      return sameName(name, 'transfer-encoding');
    default:
      return name.length > 6 && startsWithName(name, 'proxy-');
  }
}

/**
 * Field names a Connection header value nominates as hop-by-hop, lower-cased, ignoring the
 * options `close` and `keep-alive` (already dropped). Undefined when there are none, the usual case.
 */
export function connectionNominees(connection: string | undefined): Set<string> | undefined {
  if (connection === undefined || sameName(connection, 'keep-alive') || sameName(connection, 'close')) return undefined;
  let names: Set<string> | undefined;
  for (const token of connection.split(',')) {
    const name = token.trim().toLowerCase();
    if (name === '' || name === 'close' || name === 'keep-alive') continue;
    (names ??= new Set()).add(name);
  }
  return names;
}
