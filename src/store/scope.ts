import type { CollectionName } from './store.js';

/**
 * The unit of optimistic concurrency in a shared store: every record belongs to one scope, each
 * scope has a version, and a transaction commits only if every scope it read is still at the
 * version it read. An API and everything under it is one scope (AWS serialises changes per API
 * too: "Unable to complete operation due to concurrent modification"), a domain name with its
 * mappings another, each VPC link its own, Terraform's records and the index version one more.
 */
const API_CHILDREN: ReadonlySet<CollectionName> = new Set([
  'integrations',
  'routes',
  'stages',
  'deployments',
  'deploymentSnapshots',
  'authorizers',
  'models',
  'routeKeys',
]);

/** Collections whose records are each their own scope: listing them reads the membership scope. */
const SCOPED_BY_ID: ReadonlySet<CollectionName> = new Set(['apis', 'domainNames', 'vpcLinks']);

export function scopeOf(collection: CollectionName, parent: string, id: string): string {
  if (collection === 'apis') return `api:${id}`;
  if (API_CHILDREN.has(collection)) return `api:${parent}`;
  if (collection === 'integrationResponses' || collection === 'routeResponses') return `api:${parent.split('/')[0] ?? ''}`;
  if (collection === 'domainNames') return `domain:${id}`;
  if (collection === 'apiMappings') return `domain:${parent}`;
  if (collection === 'vpcLinks') return `vpcLink:${id}`;
  return 'global';
}

/**
 * The scope a listing reads: for collections scoped by id, a membership scope that every insert
 * and delete bumps (an update does not change who is listed); for the others, the records' scope.
 */
export function listScopeOf(collection: CollectionName, parent: string): string {
  return SCOPED_BY_ID.has(collection) ? membershipScope(collection, parent) : scopeOf(collection, parent, '');
}

/** Undefined when inserting or deleting a record of this collection changes no listing scope. */
export function membershipScopeOf(collection: CollectionName, parent: string): string | undefined {
  return SCOPED_BY_ID.has(collection) ? membershipScope(collection, parent) : undefined;
}

function membershipScope(collection: CollectionName, parent: string): string {
  return `members:${collection}/${parent}`;
}
