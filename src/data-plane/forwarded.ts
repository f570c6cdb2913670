/**
 * RFC 7239 `Forwarded` values. HTTP APIs "convert incoming X-Forwarded-* headers into a standard
 * Forwarded header and append their own egress IP, host and protocol" (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html,
 * HTTP API notes); AWS does not publish the exact text, so Portico writes:
 *
 *   Forwarded: [the client's own Forwarded elements, or one `for=` element per X-Forwarded-For hop, ", "]
 *              by=<gateway ip>;for=<client ip>;host=<host the client used>;proto=<http|https>
 *
 * IPv6 nodes are bracketed and quoted (`for="[2001:db8::1]"`, RFC 7239 §6); values that are not
 * tokens are quoted (§4).
 */
// RFC 9110 §5.6.2 tchar, as a table: checked per character without a regex on the hot path.
const TCHAR = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") TCHAR[c.charCodeAt(0)] = 1;

function isToken(value: string): boolean {
  if (value === '') return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c > 127 || TCHAR[c] !== 1) return false;
  }
  return true;
}

function forwardedValue(value: string): string {
  if (isToken(value)) return value;
  if (!value.includes('"') && !value.includes('\\')) return `"${value}"`;
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** A node identifier (§6): IPv4 as is, IPv6 as `"[…]"`, unknown as `unknown`. */
function forwardedNode(ip: string): string {
  if (ip === '') return 'unknown';
  if (ip.includes(':')) return ip.startsWith('[') ? `"${ip}"` : `"[${ip}]"`;
  return forwardedValue(ip);
}

/** One `for=` element per hop of an X-Forwarded-For chain, for a client that sent no Forwarded. */
export function forwardedFromXff(xff: string): string {
  let out = '';
  for (const hop of xff.split(',')) {
    const ip = hop.trim();
    if (ip === '') continue;
    out += `${out === '' ? '' : ', '}for=${forwardedNode(ip)}`;
  }
  return out;
}

export function gatewayElement(gatewayIp: string, clientIp: string, host: string, proto: string): string {
  return `by=${forwardedNode(gatewayIp)};for=${forwardedNode(clientIp)};host=${forwardedValue(host)};proto=${proto}`;
}
