import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TerraformError } from '../terraform-error.js';
import { parseWithHashicorpParser } from './hashicorp-parser.js';
import { syntaxError } from './hcl-parse.js';

/**
 * Portico reads HCL with its own parser for speed (hcl-parse.ts), and HashiCorp's parser is the
 * reference: this asks it about every HCL file of a loaded configuration and returns what it
 * refuses, so a file Terraform would reject is reported even where our reader was lenient.
 * Meant to run in the background after a configuration is applied (its process costs ~0.3 s of CPU).
 */
export async function refusedByHashicorpParser(dir: string, files: readonly string[]): Promise<TerraformError[]> {
  const hcl = files.filter((file) => file.endsWith('.tf') || file.endsWith('.tfvars'));
  if (hcl.length === 0) return [];
  const inputs = await Promise.all(hcl.map(async (file) => ({ file, text: await readFile(join(dir, file), 'utf8') })));
  const readings = await parseWithHashicorpParser(inputs, { background: true });
  const refused: TerraformError[] = [];
  readings.forEach((reading, i) => {
    if (!reading.ok) refused.push(syntaxError(inputs[i]?.file ?? '', reading.message));
  });
  return refused;
}
