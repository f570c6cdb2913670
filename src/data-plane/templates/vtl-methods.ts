import { COLLECTION_METHODS, collectionMethod, mapKey } from './collection-methods.js';
import { RenderFailure } from './render-state.js';
import { STRING_METHODS, stringMethod } from './string-methods.js';
import { LoopStatus, MapEntry, VtlList, VtlMap, type VtlValue } from './vtl-values.js';

/**
 * How a reference reaches into a value (Velocity 1.7's introspection, on the Java objects of
 * vtl-values.ts): `.name(args)` calls a method, `.name` reads a map key or a getter, `[i]` calls
 * `get(i)` (a negative list index counts from the end, ASTIndex). A method the receiver lacks gives
 * null — the reference then prints nothing — while a method no supported type has is refused when
 * the template is compiled.
 */
export const SUPPORTED_METHODS: ReadonlySet<string> = new Set<string>([...STRING_METHODS, ...COLLECTION_METHODS]);

export function callMethod(receiver: VtlValue, name: string, args: readonly VtlValue[]): VtlValue {
  if (receiver === null) return null;
  const result = typeof receiver === 'string' ? stringMethod(receiver, name, args) : collectionMethod(receiver, name, args);
  return result === undefined ? null : result;
}

const LOOP_PROPERTIES: Readonly<Record<string, (s: LoopStatus) => VtlValue>> = {
  hasNext: (s) => s.hasNext,
  count: (s) => s.index + 1,
  index: (s) => s.index,
  first: (s) => s.index === 0,
  last: (s) => !s.hasNext,
  parent: (s) => s.parent,
};

export function getProperty(receiver: VtlValue, name: string): VtlValue {
  if (receiver instanceof VtlMap) return receiver.entries.get(name) ?? null;
  if (receiver instanceof MapEntry) return name === 'key' ? receiver.key : name === 'value' ? receiver.value : null;
  if (receiver instanceof LoopStatus) return LOOP_PROPERTIES[name]?.(receiver) ?? null;
  // Getters by bean name: only isEmpty() of String and List is one templates use (`$s.empty`).
  if (name === 'empty' && typeof receiver === 'string') return receiver.length === 0;
  if (name === 'empty' && receiver instanceof VtlList) return receiver.items.length === 0;
  return null;
}

export function getIndex(receiver: VtlValue, index: VtlValue): VtlValue {
  if (receiver instanceof VtlMap) return receiver.entries.get(mapKey(index)) ?? null;
  if (!(receiver instanceof VtlList) || typeof index !== 'number') return null;
  const size = receiver.items.length;
  const i = index < 0 ? size + index : index;
  if (i < 0 || i >= size) throw new RenderFailure(`IndexOutOfBoundsException: Index ${index} out of bounds for length ${size}`);
  return receiver.items[i] ?? null;
}
