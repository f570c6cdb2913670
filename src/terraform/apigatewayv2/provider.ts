import { ServiceError, type TerraformRecord } from '../../control-plane/index.js';
import { TerraformError } from '../terraform-error.js';
import type { ResourceHandler, ResourceInstance, TfValue } from '../types.js';
import { apiMappingKind } from './api-mapping.js';
import { apiKind } from './api.js';
import { authorizerKind } from './authorizer.js';
import { deploymentKind } from './deployment.js';
import { domainNameKind } from './domain-name.js';
import { integrationResponseKind } from './integration-response.js';
import { integrationKind } from './integration.js';
import type { ApplyContext, ResourceKind } from './kind.js';
import { modelKind } from './model.js';
import { routeResponseKind } from './route-response.js';
import { routeKind } from './route.js';
import { serviceIntegrationWarning } from './service-integrations.js';
import { stageKind } from './stage.js';
import { vpcLinkKind } from './vpc-link.js';

const KINDS: readonly ResourceKind[] = [
  apiKind,
  vpcLinkKind,
  integrationKind,
  routeKind,
  stageKind,
  deploymentKind,
  authorizerKind,
  domainNameKind,
  apiMappingKind,
  modelKind,
  routeResponseKind,
  integrationResponseKind,
];

interface Step {
  kind: ResourceKind;
  instance: ResourceInstance;
  ids: Record<string, string>;
  computed: Record<string, TfValue>;
  previous: TerraformRecord | undefined;
}

export interface AppliedResource {
  address: string;
  type: string;
  ids: Record<string, string>;
  /** Against the address's last applied arguments: new, different, or the same. */
  change: 'created' | 'updated' | 'unchanged';
}

export interface ApigatewayProvider {
  /** Handlers for loadTerraform: they only plan (ids are stable, so references resolve at once). */
  handlers: Record<string, ResourceHandler>;
  /**
   * Applies the plan through the control-plane operations as one transaction: creates or
   * updates every resource in dependency order and deletes the ones whose addresses are gone.
   * Any error rolls everything back and is reported at the .tf line it comes from.
   */
  commit(): { applied: AppliedResource[]; deleted: string[] };
  /** What the plan applies but Portico does not serve, to tell the user at start-up (AWS service integrations). */
  readonly warnings: readonly string[];
}

export function createApigatewayProvider(ctx: ApplyContext): ApigatewayProvider {
  const previous = new Map(ctx.cp.terraformRecords().map((record) => [record.address, record]));
  const steps: Step[] = [];
  const handlers: Record<string, ResourceHandler> = {};
  const warnings: string[] = [];
  for (const kind of KINDS)
    handlers[kind.type] = {
      apply: (instance, configuration) => {
        const before = previous.get(instance.address);
        const ids = kind.ids(instance, before?.resourceType === kind.type ? before : undefined);
        const computed = kind.computed(instance, ids, ctx.followsConfigurationRegion ? { ...ctx, region: configuration.region } : ctx);
        steps.push({ kind, instance, ids, computed, previous: before });
        const serviceWarning = kind === integrationKind ? serviceIntegrationWarning(instance) : undefined;
        if (serviceWarning) warnings.push(serviceWarning);
        return computed;
      },
    };
  return { handlers, commit: () => commit(ctx, steps, previous), warnings };
}

function commit(ctx: ApplyContext, steps: Step[], previous: Map<string, TerraformRecord>): ReturnType<ApigatewayProvider['commit']> {
  const kinds = new Map(KINDS.map((kind) => [kind.type, kind]));
  const seen = new Set(steps.map((step) => step.instance.address));
  const stale = [...previous.values()]
    .filter((record) => !seen.has(record.address) && kinds.has(record.resourceType))
    .sort((a, b) => (kinds.get(b.resourceType)?.deleteRank ?? 0) - (kinds.get(a.resourceType)?.deleteRank ?? 0));
  // Leaves (routes, mappings) that went away go first, so a renamed address can take their
  // route key or mapping key; the rest go last, once nothing configured still uses them.
  const isLeaf = (record: TerraformRecord) => (kinds.get(record.resourceType)?.deleteRank ?? 0) >= 5;
  return ctx.cp.batch(() => {
    for (const record of stale.filter(isLeaf)) kinds.get(record.resourceType)?.remove(record, ctx);
    const cleanups: (() => void)[] = [];
    for (const step of steps) {
      try {
        const cleanup = step.kind.apply(step.instance, step.ids, ctx, step.previous);
        if (cleanup) cleanups.push(cleanup);
      } catch (error) {
        throw located(error, step);
      }
      ctx.cp.recordTerraform({
        address: step.instance.address,
        resourceType: step.kind.type,
        ids: step.ids,
        attributes: step.instance.attributes,
        computed: step.computed,
      });
    }
    for (const record of stale.filter((r) => !isLeaf(r))) kinds.get(record.resourceType)?.remove(record, ctx);
    for (const record of stale) ctx.cp.forgetTerraform(record.address);
    for (const cleanup of cleanups) cleanup();
    return {
      // From the records read before the apply: no second read of every record afterwards.
      applied: steps.map((step) => ({ address: step.instance.address, type: step.kind.type, ids: step.ids, change: changeOf(step) })),
      deleted: stale.map((record) => record.address),
    };
  });
}

function changeOf(step: Step): AppliedResource['change'] {
  if (!step.previous) return 'created';
  return JSON.stringify(step.previous.attributes) === JSON.stringify(step.instance.attributes) ? 'unchanged' : 'updated';
}

/** A control-plane refusal, reported at the argument it is about (file:line), like terraform apply would. */
function located(error: unknown, step: Step): unknown {
  if (!(error instanceof ServiceError)) return error;
  const argument = step.kind.argumentOf?.(error.message);
  const location = argument ? step.instance.attributeLocation(argument) : step.instance.location;
  return new TerraformError(location, `${step.instance.address}: ${error.type}: ${error.message}`);
}
