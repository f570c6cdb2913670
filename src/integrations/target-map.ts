import { systemClock, type Clock } from '../model/index.js';
import { matchesFilters, parseInstanceFilters, withoutFilters, type InstanceFilters } from './cloud-map-filters.js';
import { TargetHealth, type TargetHealthEvent } from './target-health.js';

/**
 * Where private-integration targets live on this machine. On AWS a VPC-link integration names an
 * ALB/NLB listener ARN or a Cloud Map service ARN and AWS resolves it to addresses inside the VPC
 * (docs/reference/dataplane.md §3.1, §11); here the operator maps those names to URLs with `--target KEY=URL` or
 * portico.json `"targets"`.
 */

/**
 * One target as the operator writes it: a URL, or a Cloud Map instance with custom attributes that
 * an integration URI's `?attr=value` filters select on, e.g.
 * `{"url": "http://127.0.0.1:3001", "attributes": {"stage": "prod"}}`.
 */
export type TargetSpec = string | { readonly url: string; readonly attributes?: Readonly<Record<string, string>> };

export interface TargetInstance {
  readonly url: string;
  /** Cloud Map custom attributes; `{}` for a plain URL. */
  readonly attributes: Readonly<Record<string, string>>;
}

export type TargetLookup =
  | { readonly kind: 'unmapped' }
  /** Mapped, but the URI's Cloud Map filters leave no instance (DiscoverInstances would return none). */
  | { readonly kind: 'no-match'; readonly filters: InstanceFilters; readonly instances: readonly TargetInstance[] }
  | { readonly kind: 'found'; readonly instances: readonly TargetInstance[] };

export interface TargetResolver {
  /** The instances a private integration's URI reaches here, Cloud Map filters applied. */
  lookup(integrationUri: string): TargetLookup;
  /** URLs (http:// or https://) after filters; undefined when unmapped or no instance matches. Several URLs = round-robin. */
  resolve(integrationUri: string): readonly string[] | undefined;
  /** Passive health of these targets, shared by every deployment compiled against this map. */
  readonly health: TargetHealth;
  /** Extra trusted CA certificates (PEM) for `https://` targets. */
  readonly ca: readonly string[] | undefined;
}

export interface TargetMapOptions {
  /** Terraform address → the stand-in ARN Portico invented for it (e.g. `aws_lb_listener.front` → `arn:aws:elasticloadbalancing:…`). */
  aliases?: Record<string, string>;
  /** Clock of the passive-health quarantine; default the system clock. */
  clock?: Clock;
  /** How long a target that refused a connection stays out of the rotation (default 10 s). */
  quarantineMs?: number;
  /** PEM certificates to trust for `https://` targets, besides Node's bundled roots. */
  ca?: readonly string[];
  /** Told when a target leaves the rotation or answers again (the operator's log line). */
  onHealthEvent?: (event: TargetHealthEvent) => void;
}

// `listener/app/{name}/{lbId}/{listenerId}` or `listener/net/…` inside an ELBv2 listener ARN.
const LISTENER = /^(arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:)listener\/(app|net)\/([^/]+)\/([^/]+)\/[^/]+$/;
const LOAD_BALANCER = /^arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:loadbalancer\/(?:app|net)\/([^/]+)\/[^/]+$/;
const CLOUD_MAP_SERVICE = /^arn:[^:]+:servicediscovery:[^:]*:[^:]*:service\//;

function checkedUrl(key: string, url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Target "${key}": "${url}" is not a URL; use http://host:port or https://host:port`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new Error(`Target "${key}": "${url}" must start with http:// or https://`);
  return url;
}

function checkedInstances(key: string, specs: readonly TargetSpec[]): TargetInstance[] {
  if (specs.length === 0) throw new Error(`Target "${key}" has no URL; give at least one, e.g. ${key}=http://127.0.0.1:3000`);
  return specs.map((spec) => {
    if (typeof spec === 'string') return { url: checkedUrl(key, spec), attributes: {} };
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(spec.attributes ?? {})) {
      // Cloud Map attribute values are strings (RegisterInstance `Attributes`, map of string to string).
      if (typeof value !== 'string')
        throw new Error(`Target "${key}": attribute "${name}" of ${spec.url} must be a string, got ${JSON.stringify(value)}`);
      attributes[name] = value;
    }
    return { url: checkedUrl(key, spec.url), attributes };
  });
}

function add(map: Map<string, TargetInstance[]>, key: string, instances: TargetInstance[]): void {
  map.set(key, [...(map.get(key) ?? []), ...instances]);
}

/**
 * Keys may be an exact listener / load-balancer / Cloud Map ARN, a load-balancer name, or a
 * Terraform address (resolved through `aliases`). Lookup: exact ARN first, then the listener's
 * load-balancer ARN, then the load-balancer name inside the listener ARN.
 */
export function createTargetMap(entries: Record<string, readonly TargetSpec[]>, options: TargetMapOptions = {}): TargetResolver {
  const exact = new Map<string, TargetInstance[]>();
  const byLoadBalancerArn = new Map<string, TargetInstance[]>();
  const byLoadBalancerName = new Map<string, TargetInstance[]>();
  for (const [rawKey, specs] of Object.entries(entries)) {
    const instances = checkedInstances(rawKey, specs);
    const key = withoutFilters(options.aliases?.[rawKey] ?? rawKey);
    if (LOAD_BALANCER.test(key)) add(byLoadBalancerArn, key, instances);
    else if (key.startsWith('arn:') || key.includes('.')) add(exact, key, instances);
    else add(byLoadBalancerName, key, instances);
  }
  const mapped = (uri: string): readonly TargetInstance[] | undefined => {
    const hit = exact.get(uri);
    if (hit) return hit;
    const loadBalancer = listenerLoadBalancer(uri);
    if (loadBalancer === undefined) return undefined;
    return byLoadBalancerArn.get(loadBalancer.arn) ?? byLoadBalancerName.get(loadBalancer.name);
  };
  const lookup = (integrationUri: string): TargetLookup => {
    const uri = withoutFilters(integrationUri);
    const instances = mapped(uri);
    if (instances === undefined) return { kind: 'unmapped' };
    // Only Cloud Map URIs carry filters (the control plane refuses a query on listener ARNs).
    const filters = CLOUD_MAP_SERVICE.test(uri) ? parseInstanceFilters(integrationUri) : undefined;
    if (filters === undefined) return { kind: 'found', instances };
    const selected = instances.filter((instance) => matchesFilters(instance.attributes, filters));
    return selected.length === 0 ? { kind: 'no-match', filters, instances } : { kind: 'found', instances: selected };
  };
  return {
    lookup,
    resolve(integrationUri: string): readonly string[] | undefined {
      const found = lookup(integrationUri);
      return found.kind === 'found' ? found.instances.map((instance) => instance.url) : undefined;
    },
    health: new TargetHealth({
      clock: options.clock ?? systemClock,
      ...(options.quarantineMs !== undefined ? { quarantineMs: options.quarantineMs } : {}),
      ...(options.onHealthEvent !== undefined ? { onEvent: options.onHealthEvent } : {}),
    }),
    ca: options.ca !== undefined && options.ca.length > 0 ? options.ca : undefined,
  };
}

/** The load balancer of a listener ARN: its name and ARN. */
function listenerLoadBalancer(arn: string): { name: string; arn: string } | undefined {
  const listener = LISTENER.exec(arn);
  if (!listener) return undefined;
  const [, prefix = '', kind = '', name = '', lbId = ''] = listener;
  return { name, arn: `${prefix}loadbalancer/${kind}/${name}/${lbId}` };
}

/** The load balancer a target key names: its name, and its ARN when the key carries one (a listener's is derived). */
function loadBalancerOf(key: string): { name: string; arn?: string } | undefined {
  const ofListener = listenerLoadBalancer(key);
  if (ofListener) return ofListener;
  const loadBalancer = LOAD_BALANCER.exec(key);
  if (loadBalancer) return { name: loadBalancer[1] ?? '', arn: key };
  if (!key.startsWith('arn:') && !key.includes('.')) return { name: key };
  return undefined;
}

/**
 * Two target tables where every key of `higher` (the command line) wins over `lower` (portico.json).
 * Lookup prefers the most specific key, so besides an identical key a `lower` key is dropped when
 * it would outrank `higher` for the same load balancer: a load-balancer name in `higher` drops the
 * file's ARNs of load balancers with that name, a load-balancer ARN drops the file's listener ARNs
 * under it. (A Terraform address in `lower` is not resolved here and stays.)
 */
export function layerTargets<T>(lower: Readonly<Record<string, T>>, higher: Readonly<Record<string, T>>): Record<string, T> {
  const names = new Set<string>();
  const arns = new Set<string>();
  for (const key of Object.keys(higher)) {
    const loadBalancer = loadBalancerOf(key);
    if (loadBalancer === undefined || LISTENER.test(key)) continue;
    if (loadBalancer.arn === undefined) names.add(loadBalancer.name);
    else arns.add(loadBalancer.arn);
  }
  const kept: Record<string, T> = {};
  for (const [key, value] of Object.entries(lower)) {
    const loadBalancer = loadBalancerOf(key);
    const shadowed =
      loadBalancer !== undefined && (names.has(loadBalancer.name) || (loadBalancer.arn !== undefined && arns.has(loadBalancer.arn)));
    if (!shadowed) kept[key] = value;
  }
  return { ...kept, ...higher };
}

/** The `--target` key to suggest when an integration URI is not mapped: the ARN itself. */
export function suggestedTargetKey(integrationUri: string): string {
  return withoutFilters(integrationUri);
}
