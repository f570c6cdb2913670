import type { HeaderMap } from '../../sigv4/index.js';

/**
 * STS speaks the query protocol at the service root: `POST /` with a form body
 * `Action=GetCallerIdentity&Version=2011-06-15`, or the same members in a `GET /?Action=…`
 * query (botocore data/sts/2011-06-15/service-2.json; docs/reference/controlplane.md §4.3). Decided from
 * the request line and headers alone, so nothing has to read the body first.
 */
export function isStsRequest(method: string, rawPath: string, rawQuery: string, headers: HeaderMap): boolean {
  if (rawPath !== '/') return false;
  if (/(^|&)Action=/.test(rawQuery)) return true;
  if (method !== 'POST') return false;
  const contentType = typeof headers['content-type'] === 'string' ? headers['content-type'] : '';
  if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) return false;
  // A form POST to "/" signed for another service is not ours to answer.
  const authorization = typeof headers['authorization'] === 'string' ? headers['authorization'] : '';
  const service = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(authorization)?.[1];
  return service === undefined || service === 'sts';
}
