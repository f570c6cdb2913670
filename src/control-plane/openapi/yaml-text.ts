import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

/**
 * YAML for ImportApi/ReimportApi/ExportApi, loaded on first use: the package (some sixty modules)
 * is not needed to serve, and most configurations never import or export YAML.
 */
let yaml: typeof Yaml | undefined;

function load(): typeof Yaml {
  // Synchronous on purpose: the operations that need it run inside one store transaction.
  yaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return yaml;
}

export function parseYaml(text: string): unknown {
  return load().parse(text);
}

export function toYaml(value: unknown): string {
  return load().stringify(value);
}
