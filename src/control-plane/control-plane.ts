import type { Clock, IdGenerator, IdKind, ProtocolType, ServingConfig } from '../model/index.js';
import { isoDate } from '../model/index.js';
import type { Store, TerraformRecord } from '../store/index.js';
import type { ControlPlaneSettings, OperationContext, OperationOptions } from './context.js';
import { autoDeploy } from './deployer.js';
import { type OperationName, type OperationOutput, operations } from './operations/index.js';
import { ensureIndexes } from './route-key-index.js';
import { DEFAULT_QUOTAS } from './quotas.js';
import { buildServingConfig } from './serving-config.js';

/**
 * Terraform's state records, as terraformRecords() returns and recordTerraform() takes them: the
 * Terraform loader reaches the store only through the control plane.
 */
export type { TerraformRecord };

export type ControlPlaneEvent = { kind: 'config' } | { kind: 'resetAuthorizersCache'; apiId: string; stageName: string };

export interface ControlPlaneOptions extends ControlPlaneSettings {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
}

/**
 * The apigatewayv2 service, in process. Every operation runs in one store transaction: it
 * either happens whole (including the auto-deployments it causes) or not at all, and it is
 * durable before the caller answers. Listeners hear about it after the commit.
 */
export class ControlPlane {
  readonly #options: ControlPlaneOptions;
  readonly #listeners = new Set<(event: ControlPlaneEvent) => void>();
  #depth = 0;
  #changedApis = new Set<string>();
  #servingChanged = false;
  #resets: { apiId: string; stageName: string }[] = [];

  constructor(options: ControlPlaneOptions) {
    this.#options = { ...options };
    ensureIndexes(options.store);
  }

  get region(): string {
    return this.#options.region;
  }

  /** The region follows the Terraform provider's when none was given on the command line. */
  setRegion(region: string): void {
    this.#options.region = region;
  }

  get accountId(): string {
    return this.#options.accountId;
  }

  /** The URL that reaches an API on this machine. */
  apiEndpoint(apiId: string, protocolType: ProtocolType): string {
    return this.#options.apiEndpoint(apiId, protocolType);
  }

  get store(): Store {
    return this.#options.store;
  }

  onChange(listener: (event: ControlPlaneEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  run<K extends OperationName>(name: K, request: unknown, options: OperationOptions = {}): OperationOutput<K> {
    const operation = operations[name] as (ctx: OperationContext, request: unknown) => OperationOutput<K>;
    return this.batch(() => operation(this.#context(options), request));
  }

  /** Several operations as one unit: one transaction, auto-deploys once per API at the end. */
  batch<T>(fn: () => T): T {
    const outermost = this.#depth === 0;
    this.#depth += 1;
    try {
      const result = this.#options.store.transaction(() => {
        const value = fn();
        if (outermost) {
          const ctx = this.#context({});
          for (const apiId of this.#changedApis) autoDeploy(ctx, apiId);
        }
        return value;
      });
      if (outermost) this.#emit();
      return result;
    } finally {
      this.#depth -= 1;
      if (outermost) this.#reset();
    }
  }

  /** Terraform's own state: which address made which resources. Written inside batch(). */
  terraformRecords(): TerraformRecord[] {
    return this.#options.store.list('terraform', '');
  }

  recordTerraform(record: TerraformRecord): void {
    this.#options.store.put('terraform', '', record.address, record);
  }

  forgetTerraform(address: string): void {
    this.#options.store.delete('terraform', '', address);
  }

  servingConfig(): ServingConfig {
    return buildServingConfig(this.#options.store, this.#options);
  }

  /** Made once: an operation that asks for no particular id gets this same context. */
  #shared: OperationContext | undefined;

  #context(options: OperationOptions): OperationContext {
    const shared = (this.#shared ??= this.#makeContext());
    const requested = options.id;
    if (requested === undefined) return shared;
    // Terraform's stable ids: the first id this operation makes is the one asked for.
    let pending = true;
    return Object.assign(Object.create(shared) as OperationContext, {
      newId: (kind: IdKind) => {
        if (!pending) return shared.newId(kind);
        pending = false;
        return requested;
      },
    });
  }

  #makeContext(): OperationContext {
    const options = this.#options;
    const { store, clock, ids } = options;
    return {
      // The region follows setRegion(), so it is read at each use.
      get region() {
        return options.region;
      },
      get accountId() {
        return options.accountId;
      },
      apiEndpoint: options.apiEndpoint,
      quotas: { ...DEFAULT_QUOTAS, ...options.quotas },
      store,
      clock,
      newId: (kind: IdKind) => (ids as IdGenerator).next(kind),
      now: () => isoDate(clock.now()),
      apiChanged: (apiId) => {
        this.#changedApis.add(apiId);
        this.#servingChanged = true;
      },
      servingChanged: () => {
        this.#servingChanged = true;
      },
      resetAuthorizersCache: (apiId, stageName) => {
        this.#resets.push({ apiId, stageName });
      },
    };
  }

  #emit(): void {
    const events: ControlPlaneEvent[] = [];
    if (this.#servingChanged) events.push({ kind: 'config' });
    for (const reset of this.#resets) events.push({ kind: 'resetAuthorizersCache', ...reset });
    this.#reset();
    for (const event of events) for (const listener of this.#listeners) listener(event);
  }

  #reset(): void {
    this.#changedApis = new Set();
    this.#servingChanged = false;
    this.#resets = [];
  }
}
