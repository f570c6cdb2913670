/**
 * What the console never shows by default (`--console-show-secrets` shows it): credentials in header
 * fields, cookies, and SigV4 signatures and session tokens, in the header form and the presigned
 * query form. The scheme and the parts that identify without granting (SigV4's access key and
 * signed headers) stay, so a request can still be told apart.
 */
export const MASK = '****';

const SECRET_FIELDS = new Set(['cookie', 'set-cookie', 'proxy-authorization', 'x-amz-security-token']);
const SECRET_QUERY = /([?&](?:X-Amz-Signature|X-Amz-Security-Token)=)[^&#]*/gi;

/** An Authorization value with its credentials masked: `Bearer ****`, SigV4 with `Signature=****`. */
export function maskAuthorization(value: string): string {
  if (/^AWS4-HMAC-SHA256\s/i.test(value)) return value.replace(/(Signature=)[0-9a-fA-F]*/i, `$1${MASK}`);
  const space = value.indexOf(' ');
  return space < 0 ? MASK : `${value.slice(0, space)} ${MASK}`;
}

/** A header field's value as the console shows it. */
export function maskField(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (lower === 'authorization') return maskAuthorization(value);
  if (SECRET_FIELDS.has(lower)) return MASK;
  return value;
}

/** A URL or query string with presigned SigV4 signatures and session tokens masked. */
export function maskUrl(url: string): string {
  return url.replace(SECRET_QUERY, `$1${MASK}`);
}

/** Flat [name, value, …] → [name, value][] pairs, masked unless `show`. */
export function headerPairs(flat: readonly string[], show: boolean): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const name = flat[i] ?? '';
    const value = flat[i + 1] ?? '';
    pairs.push([name, show ? value : maskField(name, value)]);
  }
  return pairs;
}

function maskHeaderObject(headers: unknown): unknown {
  if (headers === null || typeof headers !== 'object') return headers;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    if (typeof value === 'string') out[name] = maskField(name, value);
    else if (Array.isArray(value)) out[name] = value.map((v) => (typeof v === 'string' ? maskField(name, v) : v));
    else out[name] = value;
  }
  return out;
}

/**
 * A Lambda proxy event (1.0 or 2.0) with its secrets masked: the header maps, the 2.0 `cookies`,
 * and signatures in the query.
 */
export function maskLambdaEvent(event: unknown): unknown {
  if (event === null || typeof event !== 'object') return event;
  const copy: Record<string, unknown> = { ...(event as Record<string, unknown>) };
  if ('headers' in copy) copy['headers'] = maskHeaderObject(copy['headers']);
  if ('multiValueHeaders' in copy) copy['multiValueHeaders'] = maskHeaderObject(copy['multiValueHeaders']);
  if (Array.isArray(copy['cookies'])) copy['cookies'] = copy['cookies'].map(() => MASK);
  if (typeof copy['rawQueryString'] === 'string') copy['rawQueryString'] = maskUrl(`?${copy['rawQueryString']}`).slice(1);
  for (const key of ['queryStringParameters', 'multiValueQueryStringParameters']) {
    const query = copy[key];
    if (query === null || typeof query !== 'object') continue;
    const masked: Record<string, unknown> = { ...(query as Record<string, unknown>) };
    for (const name of Object.keys(masked))
      if (/^x-amz-(signature|security-token)$/i.test(name)) masked[name] = Array.isArray(masked[name]) ? [MASK] : MASK;
    copy[key] = masked;
  }
  return copy;
}
