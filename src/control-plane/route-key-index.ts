import { parseRouteKey, type ProtocolType, type Route, routeKeyIdentity } from '../model/index.js';
import type { Store } from '../store/index.js';

/**
 * The route-key index ('routeKeys' in the store): route-key identity → the route that holds it.
 * AWS refuses a second route with the same key on an API (ConflictException); keys that differ
 * only in parameter names (`/pets/{id}` and `/pets/{petId}`) are the same route. With the index
 * that check is one lookup, so an API of 10,000 routes is created in linear time.
 */

/** Bumped when a new derived index is added; state files with a lower version get it built once. */
const INDEX_VERSION = 1;

/**
 * HTTP keys that differ only in variable names share an identity; a WebSocket route key is
 * matched exactly against the selection expression's value, so the key is its own identity.
 */
export function identityOf(routeKey: string, protocol: ProtocolType = 'HTTP'): string | undefined {
  if (protocol === 'WEBSOCKET') return routeKey === '' ? undefined : routeKey;
  const parsed = parseRouteKey(routeKey);
  return parsed.ok ? routeKeyIdentity(parsed.value) : undefined;
}

/** The other route of the API that already has this key's identity, if any. */
export function routeHolding(
  store: Store,
  apiId: string,
  identity: string,
  except: string,
  protocol: ProtocolType = 'HTTP',
): Route | undefined {
  const entry = store.get('routeKeys', apiId, identity);
  if (!entry || entry.routeId === except) return undefined;
  const holder = store.get('routes', apiId, entry.routeId);
  // An entry whose route is gone or re-keyed is stale, not a conflict.
  return holder && identityOf(holder.routeKey, protocol) === identity ? holder : undefined;
}

/** After a route was written: its identity points to it, and the identity of its old key is free. */
export function indexRoute(
  store: Store,
  apiId: string,
  route: Route,
  previousKey: string | undefined,
  protocol: ProtocolType = 'HTTP',
): void {
  const identity = identityOf(route.routeKey, protocol);
  const previous = previousKey === undefined ? undefined : identityOf(previousKey, protocol);
  if (previous !== undefined && previous !== identity) unindexRoute(store, apiId, route.routeId, previousKey ?? '', protocol);
  if (identity !== undefined) store.put('routeKeys', apiId, identity, { routeId: route.routeId, routeKey: route.routeKey });
}

export function unindexRoute(store: Store, apiId: string, routeId: string, routeKey: string, protocol: ProtocolType = 'HTTP'): void {
  const identity = identityOf(routeKey, protocol);
  if (identity === undefined) return;
  if (store.get('routeKeys', apiId, identity)?.routeId === routeId) store.delete('routeKeys', apiId, identity);
}

/** The entry of an existing route key, when the caller needs the exact key (routeSettings). */
export function routeKeyEntry(
  store: Store,
  apiId: string,
  routeKey: string,
  protocol: ProtocolType = 'HTTP',
): { routeId: string; routeKey: string } | undefined {
  const identity = identityOf(routeKey, protocol);
  if (identity === undefined) return undefined;
  const entry = store.get('routeKeys', apiId, identity);
  return entry && store.get('routes', apiId, entry.routeId)?.routeKey === entry.routeKey ? entry : undefined;
}

/**
 * A state file written before the index existed gets it built from its routes, once, in one
 * transaction; a current one costs one read.
 */
export function ensureIndexes(store: Store): void {
  const built = (): boolean => (store.get('indexVersion', '', 'indexes')?.version ?? 0) >= INDEX_VERSION;
  // A current state file is only read: gateway workers, which never write, open it too.
  if (built()) return;
  store.transaction(() => {
    // Another process sharing the file may have built it meanwhile.
    if (built()) return;
    for (const api of store.list('apis', '')) {
      store.deleteAll('routeKeys', api.apiId);
      for (const route of store.list('routes', api.apiId)) indexRoute(store, api.apiId, route, undefined, api.protocolType);
    }
    store.put('indexVersion', '', 'indexes', { version: INDEX_VERSION });
  });
}
