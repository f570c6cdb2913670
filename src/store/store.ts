import type {
  Api,
  ApiMapping,
  ApiModel,
  Authorizer,
  Deployment,
  DeploymentSnapshot,
  DomainName,
  Integration,
  IntegrationResponse,
  Route,
  RouteResponse,
  Stage,
  VpcLink,
} from '../model/index.js';
import type { StoreHealth } from './store-errors.js';

/** Where a Terraform resource address was applied, so a later run updates instead of creating. */
export interface TerraformRecord {
  address: string;
  resourceType: string;
  /** The control-plane identity: e.g. { apiId, routeId }. */
  ids: Record<string, string>;
  /** The arguments last applied, to apply only the difference next time. */
  attributes: unknown;
  computed: Record<string, unknown>;
}

/**
 * The route-key index: one entry per route of an API, keyed by the key's identity (method and
 * path shape, `GET /pets/{}`), so the uniqueness check of CreateRoute/UpdateRoute is one lookup
 * instead of reading every route of the API.
 */
export interface RouteKeyEntry {
  routeId: string;
  routeKey: string;
}

/** Which derived indexes a state file carries, so one written before an index existed gets it built once. */
export interface IndexVersion {
  version: number;
}

/**
 * Every collection, with its record type. Records are addressed by (parent, id): parent is ''
 * for top-level resources, the apiId for an API's children, the domain name for mappings.
 */
export interface Collections {
  apis: Api;
  vpcLinks: VpcLink;
  integrations: Integration;
  routes: Route;
  stages: Stage;
  deployments: Deployment;
  deploymentSnapshots: DeploymentSnapshot;
  authorizers: Authorizer;
  /** Parent: the apiId. */
  models: ApiModel;
  /** Parent: `{apiId}/{integrationId}`. */
  integrationResponses: IntegrationResponse;
  /** Parent: `{apiId}/{routeId}`. */
  routeResponses: RouteResponse;
  domainNames: DomainName;
  apiMappings: ApiMapping;
  terraform: TerraformRecord;
  routeKeys: RouteKeyEntry;
  indexVersion: IndexVersion;
}

export type CollectionName = keyof Collections;

/** What a shared store tells the node that holds it. */
export type StoreEvent =
  /** The state changed under this node: another node's write arrived, or this node's own was refused and taken back. */
  | { kind: 'changed' }
  /** A message another node sent with `signal` (e.g. ResetAuthorizersCache). */
  | { kind: 'signal'; payload: unknown };

export interface Store {
  get<C extends CollectionName>(collection: C, parent: string, id: string): Collections[C] | undefined;
  /** In insertion order; updating a record keeps its place. */
  list<C extends CollectionName>(collection: C, parent: string): Collections[C][];
  /** How many records `list` would return, without reading them (the quota checks: one per create). */
  count(collection: CollectionName, parent: string): number;
  put<C extends CollectionName>(collection: C, parent: string, id: string, value: Collections[C]): void;
  /** True when something was deleted. */
  delete(collection: CollectionName, parent: string, id: string): boolean;
  /** Deletes every record of a collection under a parent; returns how many. */
  deleteAll(collection: CollectionName, parent: string): number;
  /** Runs fn atomically: if it throws, nothing it wrote remains. Nests. */
  transaction<T>(fn: () => T): T;
  close(): void;
  /**
   * A shared store (PostgreSQL) commits asynchronously: resolves once the transactions committed
   * since the last call are durable, rejects with StoreConflictError / StoreUnavailableError if
   * one was refused (then it was taken back out). Embedded stores are durable at commit: absent.
   */
  settle?(): Promise<void>;
  /** A shared store: compare with the database now; resolves once the replica is up to date. */
  catchUp?(): Promise<void>;
  /** A shared store: changes made by others, and signals. */
  subscribe?(listener: (event: StoreEvent) => void): () => void;
  /** A shared store: deliver a small JSON payload to every other node as a 'signal' event. */
  signal?(payload: unknown): void;
  /** A shared store: whether the database is reachable now. */
  health?(): StoreHealth;
}
