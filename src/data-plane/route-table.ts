import type { ParsedRouteKey } from '../model/index.js';

/**
 * Route selection for HTTP APIs (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html, docs/reference/dataplane.md §2), compiled once
 * per deployment into a segment trie so a request costs O(path segments), whatever the number of
 * routes. Priority, highest first:
 *   1. a full match with the request's own method,
 *   2. a full match with ANY,
 *   3. a greedy `{name+}` route with the request's method, 4. a greedy ANY route,
 *   5. the `$default` route.
 * Inside each rank, paths compare segment by segment from the left: literal beats `{var}` beats
 * `{var+}`, so the longest literal prefix wins between greedy routes. Ranks 1–2 before 3–4 and
 * literal-beats-variable are AWS's documented order and worked example; placing the method
 * comparison above the path comparison, and the longest greedy prefix, follow what the yulin
 * emulator reports observing on AWS (docs/reference/dataplane.md §2 [EMU]). A greedy variable needs at least one
 * segment (docs/compatibility.md "Decided where AWS is silent").
 */
interface MethodSlot<V> {
  readonly byMethod: Map<string, V>;
  any: V | undefined;
}

interface TrieNode<V> {
  literals: Map<string, TrieNode<V>> | undefined;
  param: TrieNode<V> | undefined;
  /** Routes whose path ends at this node. */
  full: MethodSlot<V> | undefined;
  /** Greedy routes whose literal/param prefix ends at this node; they take ≥1 further segment. */
  greedy: MethodSlot<V> | undefined;
}

export interface RouteTable<V> {
  readonly root: TrieNode<V>;
  readonly defaultRoute: V | undefined;
  /** False when the API has only a `$default` route: matching is then free. */
  readonly hasPathRoutes: boolean;
}

export interface RouteTableEntry<V> {
  readonly key: ParsedRouteKey;
  readonly value: V;
}

const newNode = <V>(): TrieNode<V> => ({ literals: undefined, param: undefined, full: undefined, greedy: undefined });

function place<V>(slot: MethodSlot<V> | undefined, method: string, value: V): MethodSlot<V> {
  const target = slot ?? { byMethod: new Map<string, V>(), any: undefined };
  if (method === 'ANY') target.any ??= value;
  else if (!target.byMethod.has(method)) target.byMethod.set(method, value);
  return target;
}

export function buildRouteTable<V>(entries: readonly RouteTableEntry<V>[]): RouteTable<V> {
  const root = newNode<V>();
  let defaultRoute: V | undefined;
  let hasPathRoutes = false;
  for (const { key, value } of entries) {
    if (key.kind === 'default') {
      defaultRoute ??= value;
      continue;
    }
    hasPathRoutes = true;
    let node = root;
    let greedy = false;
    for (const segment of key.segments) {
      if (segment.kind === 'greedy') {
        greedy = true;
        break;
      }
      if (segment.kind === 'param') node = node.param ??= newNode();
      else {
        node.literals ??= new Map();
        let child = node.literals.get(segment.value);
        if (child === undefined) node.literals.set(segment.value, (child = newNode()));
        node = child;
      }
    }
    if (greedy) node.greedy = place(node.greedy, key.method, value);
    else node.full = place(node.full, key.method, value);
  }
  return { root, defaultRoute, hasPathRoutes };
}

class Search<V> {
  fullAny: V | undefined;
  greedyMethod: V | undefined;
  greedyAny: V | undefined;

  constructor(
    readonly method: string,
    readonly segments: readonly string[],
  ) {}

  /** Depth-first, literal child before param child before this node's greedy routes: priority order. */
  visit(node: TrieNode<V>, i: number): V | undefined {
    const segments = this.segments;
    if (i === segments.length) {
      const full = node.full;
      if (full !== undefined) {
        const exact = full.byMethod.get(this.method);
        if (exact !== undefined) return exact;
        this.fullAny ??= full.any;
      }
      return undefined;
    }
    const literal = node.literals?.get(segments[i] as string);
    if (literal !== undefined) {
      const found = this.visit(literal, i + 1);
      if (found !== undefined) return found;
    }
    if (node.param !== undefined) {
      const found = this.visit(node.param, i + 1);
      if (found !== undefined) return found;
    }
    const greedy = node.greedy;
    if (greedy !== undefined) {
      this.greedyMethod ??= greedy.byMethod.get(this.method);
      this.greedyAny ??= greedy.any;
    }
    return undefined;
  }
}

/** The route for a method and the route path's non-empty, decoded segments; undefined → 404. */
export function lookupRoute<V>(table: RouteTable<V>, method: string, segments: readonly string[]): V | undefined {
  if (!table.hasPathRoutes) return table.defaultRoute;
  const search = new Search<V>(method, segments);
  return search.visit(table.root, 0) ?? search.fullAny ?? search.greedyMethod ?? search.greedyAny ?? table.defaultRoute;
}
