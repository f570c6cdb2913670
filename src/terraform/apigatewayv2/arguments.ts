import type { TfValue } from '../types.js';

/**
 * Reads evaluated Terraform arguments (snake_case, blocks as lists of objects) into the
 * camelCase members of apigatewayv2 requests, the way the AWS provider's expand functions do:
 * unset or null arguments are left out of the request.
 */
export type Arguments = Record<string, TfValue>;
export type Request = Record<string, unknown>;

export function put(request: Request, member: string, value: unknown): void {
  if (value !== undefined && value !== null) request[member] = value;
}

/** `timeout_milliseconds = 5000` → `timeoutInMillis: 5000`, only when set. */
export function copy(request: Request, args: Arguments, mapping: Record<string, string>): void {
  for (const [argument, member] of Object.entries(mapping)) put(request, member, args[argument]);
}

/** The single object of a `MaxItems: 1` block, or undefined when the block is absent. */
export function block(args: Arguments, name: string): Arguments | undefined {
  const value = args[name];
  if (Array.isArray(value)) {
    const first = value[0];
    return first && typeof first === 'object' && !Array.isArray(first) ? first : undefined;
  }
  return value && typeof value === 'object' ? value : undefined;
}

/** Every object of a repeatable block. */
export function blocks(args: Arguments, name: string): Arguments[] {
  const value = args[name];
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is Arguments => !!item && typeof item === 'object' && !Array.isArray(item));
}

export function text(args: Arguments, name: string): string | undefined {
  const value = args[name];
  return typeof value === 'string' ? value : undefined;
}

export function stringMap(args: Arguments, name: string): Record<string, string> | undefined {
  const value = args[name];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) if (item !== null) out[key] = String(item);
  return out;
}

/** What a map argument lost since the last apply: sent as "" so the service deletes it. */
export function removedKeys(previous: Record<string, unknown> | undefined, next: Record<string, unknown> | undefined): string[] {
  return Object.keys(previous ?? {}).filter((key) => !(key in (next ?? {})));
}
