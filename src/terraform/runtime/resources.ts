import type { ResourceDecl } from '../config/module-config.js';
import { evaluateBody } from '../expr/evaluate.js';
import { withResolver } from '../expr/lazy-attributes.js';
import type { TfObject } from '../expr/values.js';
import { looksComputed, standInFor } from '../stand-ins/index.js';
import { locate, TerraformError } from '../terraform-error.js';
import type { ResourceHandler, ResourceInstance, SourceLocation, TfValue } from '../types.js';
import { addressKey, assemble, expandWith, instanceKeys } from './expansion.js';
import { recordStandIn } from './load-state.js';
import type { ModuleContext } from './module-context.js';
import { shapedStandIn } from './shaped-stand-in.js';
import { archiveFile } from '../archive/archive-file.js';
import { checkNames, checkValues } from '../schema/check-arguments.js';
import { resourceSchema } from '../schema/provider-schema.js';

/** Data sources Portico reads itself, as Terraform would while planning. */
const dataSources: Record<string, (rootDir: string) => ResourceHandler> = {
  archive_file: (rootDir) => ({ apply: (instance) => archiveFile(instance.attributes, rootDir) }),
};

/** Declarations whose argument names were checked against the provider schema (once, not per instance). */
const checked = new WeakSet<ResourceDecl>();

/**
 * A resource or data block: expands count/for_each, evaluates each instance's arguments, lets the
 * type's handler compute its attributes (id, arn, ...) and gives references the merged object.
 * Attributes nobody computes are stand-ins, made when a reference first reads them.
 */
export function evaluateResource(mi: ModuleContext, decl: ResourceDecl): TfValue {
  for (const dep of decl.dependsOn) mi.waitFor(dep, decl.location);
  const instances = expandWith(decl.count, decl.forEach, decl.location.file, (item) =>
    mi.evaluateAt(item.value, { file: decl.location.file, line: item.line }),
  );
  const handler = decl.mode === 'managed' ? mi.state.handlers[decl.type] : undefined;
  const schema = decl.mode === 'managed' ? resourceSchema(decl.type) : undefined;
  if (schema && !checked.has(decl)) {
    checkNames(schema, decl.body, `resource "${decl.type}"`);
    checked.add(decl);
  }
  const values = instanceKeys(instances).map(({ index, bindings }) => {
    const local = `${decl.mode === 'data' ? 'data.' : ''}${decl.type}.${decl.name}${addressKey(index)}`;
    const address = mi.path === '' ? local : `${mi.path}.${local}`;
    const attributes = evaluateBody(decl.body, mi.scope(decl.location, bindings));
    if (schema) checkValues(schema, attributes, decl.body, decl.location);
    const instance = makeInstance(decl, mi.path, address, index, attributes);
    const builtIn = decl.mode === 'data' ? dataSources[decl.type] : undefined;
    const computed = handler
      ? applyHandler(handler, instance, mi.state)
      : builtIn
        ? applyHandler(builtIn(mi.state.rootDir), instance, mi.state)
        : {};
    mi.state.resources.push(instance);
    return withStandIns(mi, decl, instance, { ...attributes, ...computed }, handler !== undefined || builtIn !== undefined);
  });
  return assemble(instances, values);
}

function makeInstance(
  decl: ResourceDecl,
  modulePath: string,
  address: string,
  index: number | string | undefined,
  attributes: TfObject,
): ResourceInstance {
  const lines = new Map<string, number>();
  for (const item of decl.body.items) lines.set(item.name, item.line);
  for (const dynamic of decl.body.dynamics) if (!lines.has(dynamic.type)) lines.set(dynamic.type, dynamic.line);
  const instance: ResourceInstance = {
    mode: decl.mode,
    address,
    type: decl.type,
    name: decl.name,
    modulePath,
    attributes,
    location: decl.location,
    attributeLocation(name: string): SourceLocation {
      const line = lines.get(name);
      return line === undefined ? decl.location : { file: decl.location.file, line };
    },
  };
  if (index !== undefined) instance.index = index;
  return instance;
}

function applyHandler(handler: ResourceHandler, instance: ResourceInstance, configuration: { region(): string }): Record<string, TfValue> {
  try {
    return handler.apply(instance, configuration);
  } catch (error) {
    if (error instanceof TerraformError) throw error;
    const attribute =
      typeof error === 'object' && error !== null && 'attribute' in error ? (error as { attribute: unknown }).attribute : undefined;
    const location = typeof attribute === 'string' ? instance.attributeLocation(attribute) : instance.location;
    const message = error instanceof Error ? error.message : String(error);
    throw locate(new TerraformError(location, `${instance.address}: ${message}`), location);
  }
}

function withStandIns(mi: ModuleContext, decl: ResourceDecl, instance: ResourceInstance, value: TfObject, handled: boolean): TfObject {
  const standIn = (attributePath: string, guessAs: string, location: SourceLocation): TfValue => {
    const { value: made, reason } = standInFor({
      address: instance.address,
      kind: decl.mode,
      type: decl.type,
      name: decl.name,
      attribute: guessAs,
      path: attributePath,
      config: instance.attributes,
      region: mi.state.region(),
      accountId: mi.state.accountId,
    });
    recordStandIn(mi.state, {
      address: instance.address,
      attribute: attributePath,
      value: made,
      reason: handled ? `the ${decl.type} handler does not compute "${attributePath.split(/[.[]/)[0] ?? attributePath}"` : reason,
      location,
    });
    return made;
  };
  return withResolver(value, (attribute, location, use) => {
    // A handled type's unset arguments are null, as in Terraform; only computed-looking ones get stand-ins.
    if (handled && !looksComputed(attribute)) return null;
    // Another state's outputs can be anything: each output read gets its own stand-in.
    if (decl.type === 'terraform_remote_state' && attribute === 'outputs')
      return withResolver({}, (output, at, next) => shapedStandIn(`outputs.${output}`, next, at, standIn));
    if (handled) return standIn(attribute, attribute, location);
    return shapedStandIn(attribute, use, location, standIn);
  });
}
