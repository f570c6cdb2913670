/**
 * Cloud Map instance filters. A private integration whose URI is a Cloud Map service ARN may add
 * query parameters (`…:service/srv-id?stage=prod&deployment=green_deployment`); API Gateway passes
 * them to `DiscoverInstances` as `QueryParameters`, which returns only the instances whose custom
 * attributes match every given key-value pair (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-private.html;
 * Cloud Map API reference, DiscoverInstances `QueryParameters`).
 */
export type InstanceFilters = Readonly<Record<string, string>>;

/** The filters after "?" in an integration URI; undefined when there are none. */
export function parseInstanceFilters(integrationUri: string): InstanceFilters | undefined {
  const q = integrationUri.indexOf('?');
  if (q < 0 || q === integrationUri.length - 1) return undefined;
  const filters: Record<string, string> = {};
  let count = 0;
  // QueryParameters is a map: a key given twice keeps its last value.
  for (const [key, value] of new URLSearchParams(integrationUri.slice(q + 1))) {
    if (key === '') continue;
    filters[key] = value;
    count++;
  }
  return count === 0 ? undefined : filters;
}

/** Exact, case-sensitive match of every filter; an instance without the attribute does not match. */
export function matchesFilters(attributes: Readonly<Record<string, string>>, filters: InstanceFilters): boolean {
  for (const key in filters) if (!Object.hasOwn(attributes, key) || attributes[key] !== filters[key]) return false;
  return true;
}

/** `?stage=prod&deployment=green`, for log lines. */
export function describeFilters(filters: InstanceFilters): string {
  return Object.entries(filters)
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

/** The integration URI without its filters: the service ARN a target is mapped by. */
export function withoutFilters(uri: string): string {
  const q = uri.indexOf('?');
  return q < 0 ? uri : uri.slice(0, q);
}
