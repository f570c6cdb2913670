import { basename, sep } from 'node:path';

/**
 * Which changed files make `--watch` reload. Terraform reads `*.tf`, `*.tf.json`, `*.tfvars`,
 * `*.tfvars.json` (and their modules); Portico reads `portico.json` and CA files; `file()` and
 * `templatefile()` commonly read OpenAPI bodies and templates (`.json`, `.yaml`, `.yml`, `.tpl`,
 * `.tftpl`). Anything else (logs, build output) is ignored so that it cannot cause a reload loop.
 */
const INPUT_SUFFIXES = ['.tf', '.tf.json', '.tfvars', '.tfvars.json', '.json', '.yaml', '.yml', '.tpl', '.tftpl', '.pem', '.crt'];

/**
 * Hidden files and folders (`.portico/` holds the state database, which every apply writes;
 * `.terraform/`, `.git/`), `node_modules`, and the temporary and backup files editors write
 * beside the one being saved (`main.tf~`, `.main.tf.swp`, `#main.tf#`, `main.tf___jb_tmp___`).
 */
function isIgnored(relativePath: string): boolean {
  const segments = relativePath.split(sep);
  if (segments.some((segment) => segment.startsWith('.') || segment === 'node_modules')) return true;
  const name = basename(relativePath);
  return name.endsWith('~') || (name.startsWith('#') && name.endsWith('#')) || name.endsWith('.swp') || name.includes('___jb_');
}

/** `relativePath` is a path inside the watched directory; `known` holds the absolute inputs last read. */
export function isConfigurationInput(relativePath: string, absolutePath: string, known: ReadonlySet<string>): boolean {
  if (known.has(absolutePath)) return true;
  if (isIgnored(relativePath)) return false;
  return INPUT_SUFFIXES.some((suffix) => relativePath.endsWith(suffix));
}
