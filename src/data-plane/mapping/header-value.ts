import { isHeader } from '../../integrations/index.js';

/** Values of a raw header list for one name, comma-joined as AWS joins repeated headers (docs/reference/dataplane.md §4). */
export function headerValue(raw: readonly string[], name: string): string | undefined {
  const lower = name.toLowerCase();
  let found: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const key = raw[i] as string;
    if (key.length === lower.length && isHeader(key, lower)) {
      const value = raw[i + 1] as string;
      found = found === undefined ? value : `${found},${value}`;
    }
  }
  return found;
}
