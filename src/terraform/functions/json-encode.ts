import type { TfValue } from '../types.js';
import { formatNumber, sortedKeys } from '../expr/values.js';

/**
 * jsonencode() output as Terraform produces it: compact, object keys sorted, and <, >, & escaped
 * as \u003c, \u003e, \u0026 (Go's encoding/json does this):
 * https://developer.hashicorp.com/terraform/language/functions/jsonencode
 */
export function jsonEncode(value: TfValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(jsonEncode).join(',')}]`;
  return `{${sortedKeys(value)
    .map((k) => `${quote(k)}:${jsonEncode(value[k] ?? null)}`)
    .join(',')}}`;
}

function quote(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
