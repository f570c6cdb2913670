import type { SourceLocation, TfValue } from '../types.js';
import type { TfObject } from './values.js';

/**
 * Objects whose attributes are worked out when first read: a resource of a type Portico does not
 * handle gets a stand-in only for the attributes a configuration actually uses, and a module's
 * outputs are evaluated one by one (so two modules may feed each other different outputs, as
 * Terraform allows). The resolver returns undefined for "no such attribute".
 */
export type AttributeResolver = (name: string, location: SourceLocation) => TfValue | undefined;

const resolvers = new WeakMap<TfObject, AttributeResolver>();

export function withResolver(object: TfObject, resolver: AttributeResolver): TfObject {
  resolvers.set(object, resolver);
  return object;
}

export function readAttribute(object: TfObject, name: string, location: SourceLocation): TfValue | undefined {
  if (Object.hasOwn(object, name)) return object[name];
  const resolver = resolvers.get(object);
  if (!resolver) return undefined;
  const value = resolver(name, location);
  if (value !== undefined) object[name] = value;
  return value;
}
