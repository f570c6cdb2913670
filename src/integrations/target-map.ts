/**
 * Where private-integration targets live on this machine. On AWS a VPC-link integration names an
 * ALB/NLB listener ARN or a Cloud Map service ARN and AWS resolves it to addresses inside the VPC
 * (dataplane.md §3.1, §11); here the operator maps those names to URLs with `--target KEY=URL`.
 */
export interface TargetResolver {
  /** URLs (http:// or https://) for a private integration's integrationUri; undefined when not mapped. Several URLs = round-robin. */
  resolve(integrationUri: string): readonly string[] | undefined;
}

export interface TargetMapOptions {
  /** Terraform address → the stand-in ARN Portico invented for it (e.g. `aws_lb_listener.front` → `arn:aws:elasticloadbalancing:…`). */
  aliases?: Record<string, string>;
}

// `listener/app/{name}/{lbId}/{listenerId}` or `listener/net/…` inside an ELBv2 listener ARN.
const LISTENER = /^(arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:)listener\/(app|net)\/([^/]+)\/([^/]+)\/[^/]+$/;
const LOAD_BALANCER = /^arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:loadbalancer\/(?:app|net)\/([^/]+)\/[^/]+$/;

/**
 * Cloud Map service ARNs may carry `?attr=value` instance filters
 * (SNAP:http-api-develop-integrations-private.md); filtering is not modelled yet, so they are ignored.
 */
function withoutFilters(uri: string): string {
  const q = uri.indexOf('?');
  return q < 0 ? uri : uri.slice(0, q);
}

function checkedUrls(key: string, urls: readonly string[]): string[] {
  if (urls.length === 0) throw new Error(`Target "${key}" has no URL; give at least one, e.g. ${key}=http://127.0.0.1:3000`);
  return urls.map((url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`Target "${key}": "${url}" is not a URL; use http://host:port or https://host:port`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw new Error(`Target "${key}": "${url}" must start with http:// or https://`);
    return url;
  });
}

function add(map: Map<string, string[]>, key: string, urls: string[]): void {
  map.set(key, [...(map.get(key) ?? []), ...urls]);
}

/**
 * Keys may be an exact listener / load-balancer / Cloud Map ARN, a load-balancer name, or a
 * Terraform address (resolved through `aliases`). Lookup: exact ARN first, then the listener's
 * load-balancer ARN, then the load-balancer name inside the listener ARN.
 */
export function createTargetMap(entries: Record<string, string[]>, options: TargetMapOptions = {}): TargetResolver {
  const exact = new Map<string, string[]>();
  const byLoadBalancerArn = new Map<string, string[]>();
  const byLoadBalancerName = new Map<string, string[]>();
  for (const [rawKey, rawUrls] of Object.entries(entries)) {
    const urls = checkedUrls(rawKey, rawUrls);
    const key = withoutFilters(options.aliases?.[rawKey] ?? rawKey);
    if (LOAD_BALANCER.test(key)) add(byLoadBalancerArn, key, urls);
    else if (key.startsWith('arn:') || key.includes('.')) add(exact, key, urls);
    else add(byLoadBalancerName, key, urls);
  }
  return {
    resolve(integrationUri: string): readonly string[] | undefined {
      const uri = withoutFilters(integrationUri);
      const hit = exact.get(uri);
      if (hit) return hit;
      const listener = LISTENER.exec(uri);
      if (!listener) return undefined;
      const [, prefix = '', kind = '', name = '', lbId = ''] = listener;
      return byLoadBalancerArn.get(`${prefix}loadbalancer/${kind}/${name}/${lbId}`) ?? byLoadBalancerName.get(name);
    },
  };
}

/** The `--target` key to suggest when an integration URI is not mapped: the ARN itself. */
export function suggestedTargetKey(integrationUri: string): string {
  return withoutFilters(integrationUri);
}
