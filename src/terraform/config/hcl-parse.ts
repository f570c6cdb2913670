import { TerraformError } from '../terraform-error.js';
import { parseWithHashicorpParser } from './hashicorp-parser.js';
import { parseNativeSyntax } from './native-syntax.js';

/**
 * HCL → JSON. Our own native-syntax reader (native-syntax.ts) reads every file: it starts in no
 * time and keeps nothing alive. HashiCorp's parser (hcl2json, in a child process: see
 * hashicorp-parser.ts) is asked only when ours refuses a file: then it gives HashiCorp's own
 * diagnostic (the message Terraform prints), or, should it accept what we refused, its reading
 * of the file, so a configuration Terraform reads is never refused for our parser's sake.
 */

/** Parses one HCL file; `file` is the path relative to the loaded directory, used in messages. */
export async function parseHcl(file: string, text: string): Promise<Record<string, unknown>> {
  try {
    return parseNativeSyntax(text);
  } catch {
    return parseWithHashicorp(file, text);
  }
}

/** HashiCorp's parser: its result, or its first diagnostic as a located error. */
export async function parseWithHashicorp(file: string, text: string): Promise<Record<string, unknown>> {
  const [reading] = await parseWithHashicorpParser([{ file, text }]);
  if (!reading) throw new TerraformError({ file, line: 0 }, "Invalid HCL: HashiCorp's parser gave no answer");
  if (!reading.ok) throw syntaxError(file, reading.message);
  return reading.value;
}

/**
 * hcl2json reports "parse config: [main.tf:2,7-3,1: Invalid expression; Expected the start of an
 * expression, but found an invalid expression token. main.tf:...]"; we keep the first diagnostic
 * as "main.tf:2: Invalid expression: Expected the start of an expression, ...".
 */
export function syntaxError(file: string, message: string): TerraformError {
  const inner = /^parse config: \[([\s\S]*)\]$/.exec(message)?.[1] ?? message;
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const diagnostic = new RegExp(`(?:^|\\s)${escaped}:(\\d+),(\\d+)(?:-\\d+(?:,\\d+)?)?: `, 'g');
  const matches = [...inner.matchAll(diagnostic)];
  const first = matches[0];
  if (!first) return new TerraformError({ file, line: 0 }, `Invalid HCL: ${inner}`);
  const end = matches[1]?.index ?? inner.length;
  const text = inner.slice((first.index ?? 0) + first[0].length, end).trim();
  const separator = text.indexOf('; ');
  const readable = separator < 0 ? text : `${text.slice(0, separator)}: ${text.slice(separator + 2)}`;
  return new TerraformError({ file, line: Number(first[1]), column: Number(first[2]) }, readable);
}
