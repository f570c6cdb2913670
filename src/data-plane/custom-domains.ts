import type { ServedDomainName } from '../model/index.js';

/**
 * Custom domain names and their API mappings (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mappings.html; docs/reference/dataplane.md §1). A request
 * whose Host is a configured domain goes to the API and stage of the mapping with the **longest key**
 * that prefixes its path segment-wise (keys may be multi-level: `orders/v1/items`); the empty key is
 * the catch-all. The key is removed before route matching, and no stage segment appears in the URL.
 */
export interface DomainMapping {
  readonly apiId: string;
  readonly stage: string;
  /** The mapping key without slashes around it; "" for the catch-all. */
  readonly key: string;
}

export interface DomainTable {
  /** Lower-case domain name → mappings, longest key first. */
  readonly exact: ReadonlyMap<string, readonly DomainMapping[]>;
  /** `*.example.com` domains by their parent (`example.com`): a wildcard custom domain (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-custom-domain-names.html). */
  readonly wildcard: ReadonlyMap<string, readonly DomainMapping[]>;
}

export function buildDomainTable(domains: readonly ServedDomainName[]): DomainTable {
  const exact = new Map<string, DomainMapping[]>();
  const wildcard = new Map<string, DomainMapping[]>();
  for (const domain of domains) {
    const mappings = domain.mappings
      .map((m) => ({ apiId: m.apiId, stage: m.stage, key: m.apiMappingKey.replace(/^\/+|\/+$/g, '') }))
      .sort((a, b) => b.key.length - a.key.length);
    const name = domain.domainName.toLowerCase();
    if (name.startsWith('*.')) wildcard.set(name.slice(2), mappings);
    else exact.set(name, mappings);
  }
  return { exact, wildcard };
}

/** The host name of a Host header value: no port, no trailing dot, lower case. */
function hostName(host: string): string {
  let end = host.length;
  if (host.charCodeAt(0) !== 91 /* [ */) {
    const colon = host.lastIndexOf(':');
    if (colon >= 0) end = colon;
  }
  let name = host.slice(0, end);
  if (name.endsWith('.')) name = name.slice(0, -1);
  return name.toLowerCase();
}

/** The mappings of the custom domain a Host names, or undefined when it names none. */
export function domainMappings(table: DomainTable, host: string): readonly DomainMapping[] | undefined {
  if (table.exact.size === 0 && table.wildcard.size === 0) return undefined;
  const name = hostName(host);
  const exact = table.exact.get(name);
  if (exact !== undefined) return exact;
  const dot = name.indexOf('.');
  return dot > 0 ? table.wildcard.get(name.slice(dot + 1)) : undefined;
}

/** The mapping for a path (as sent) and what remains of the path once its key is removed ("/" at least). */
export function selectMapping(
  mappings: readonly DomainMapping[],
  path: string,
): { readonly mapping: DomainMapping; readonly rest: string } | undefined {
  for (const mapping of mappings) {
    const key = mapping.key;
    if (key === '') return { mapping, rest: path === '' ? '/' : path };
    // `/orders/v1` and `/orders/v1/…` match the key `orders/v1`; `/orders/v1x` does not.
    if (path.length < key.length + 1 || path.charCodeAt(0) !== 47 || !path.startsWith(key, 1)) continue;
    const after = path.length === key.length + 1 ? '' : path.slice(key.length + 1);
    if (after === '') return { mapping, rest: '/' };
    if (after.charCodeAt(0) === 47) return { mapping, rest: after };
  }
  return undefined;
}
