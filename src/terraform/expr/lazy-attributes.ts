import type { SourceLocation, TfValue } from '../types.js';
import type { Step } from './ast.js';
import type { TfObject } from './values.js';

/**
 * Objects whose attributes are worked out when first read: a resource of a type Portico does not
 * handle gets a stand-in only for the attributes a configuration actually uses, and a module's
 * outputs are evaluated one by one (so two modules may feed each other different outputs, as
 * Terraform allows). The resolver returns undefined for "no such attribute".
 */
export type AttributeResolver = (name: string, location: SourceLocation, use: Use) => TfValue | undefined;

/**
 * How the expression goes on to use the attribute it reads: the traversal steps still to apply
 * (`steps` from index `from`), and whether a splat applies them to every element. A stand-in
 * takes its shape from this: `module.alb.listeners["default"].arn` makes `listeners` a map of
 * objects, whatever its name suggests.
 */
export interface Use {
  readonly steps: readonly Step[];
  readonly from: number;
  readonly splat: boolean;
}

const noSteps: readonly Step[] = [];
const resolvers = new WeakMap<TfObject, AttributeResolver>();

export function withResolver(object: TfObject, resolver: AttributeResolver): TfObject {
  resolvers.set(object, resolver);
  return object;
}

/** `steps`/`from`/`splat` are passed apart, not as a Use, so the common path allocates nothing. */
export function readAttribute(
  object: TfObject,
  name: string,
  location: SourceLocation,
  steps: readonly Step[] = noSteps,
  from = 0,
  splat = false,
): TfValue | undefined {
  if (Object.hasOwn(object, name)) return object[name];
  const resolver = resolvers.get(object);
  if (!resolver) return undefined;
  const value = resolver(name, location, { steps, from, splat });
  if (value !== undefined) object[name] = value;
  return value;
}
