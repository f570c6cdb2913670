/**
 * Broken copies of a Terraform configuration, made deterministically from a seed: truncated files,
 * swapped tokens, values of the wrong type, references to nothing, dependency cycles. Each is a
 * configuration `terraform plan` refuses, so `portico up` must refuse it too.
 */
export type MutantKind = 'truncated' | 'swapped' | 'wrong-type' | 'unknown-reference' | 'cycle';

export interface Mutant {
  readonly kind: MutantKind;
  /** The file replaced (by name in the configuration directory) and its new text. */
  readonly file: string;
  readonly text: string;
  /** What was done, for failure messages. */
  readonly change: string;
}

/** mulberry32: a small seeded PRNG, the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const suffix = (random: Random): string => Math.floor(random() * 36 ** 4).toString(36);

/** Cut a file at an offset inside a block (brace depth > 0), so that it cannot parse. */
function truncated(random: Random, files: Record<string, string>): Mutant {
  const file = pick(
    random,
    Object.keys(files).filter((name) => name.endsWith('.tf')),
  );
  const text = files[file] as string;
  const inside: number[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}') depth--;
    if (depth > 0) inside.push(i + 1);
  }
  const at = pick(random, inside);
  return { kind: 'truncated', file, text: text.slice(0, at), change: `${file} cut at byte ${at} of ${text.length}` };
}

const ATTRIBUTE = /^(\s*)([a-z_]+)(\s*=\s*)(.+)$/;
const BLOCK_HEAD = /^(resource|module|variable|provider)( "[^"]+")( "[^"]+")? \{$/;

/** Tokens of one line out of order: `value = name`, `name value =`, or a block's keyword after its labels. */
function swapped(random: Random, files: Record<string, string>): Mutant {
  const file = 'main.tf';
  const lines = (files[file] as string).split('\n');
  const candidates = lines.flatMap((line, index) => (ATTRIBUTE.test(line) || BLOCK_HEAD.test(line) ? [index] : []));
  const index = pick(random, candidates);
  const line = lines[index] as string;
  const block = BLOCK_HEAD.exec(line);
  let changed: string;
  if (block) changed = `${block[2]!.trim()} ${block[1]}${block[3] ?? ''} {`;
  else {
    const [, indent, name, , value] = ATTRIBUTE.exec(line) as RegExpExecArray;
    changed = random() < 0.5 ? `${indent}${value} = ${name}` : `${indent}${name} ${value} =`;
  }
  lines[index] = changed;
  return { kind: 'swapped', file, text: lines.join('\n'), change: `main.tf:${index + 1}: ${line.trim()} → ${changed.trim()}` };
}

/** Arguments of the seed's resources and values of a type they cannot take. */
const WRONG_TYPES: { file: string; argument: RegExp; values: string[] }[] = [
  { file: 'main.tf', argument: /^(\s*protocol_type\s*=\s*).+$/m, values: ['["HTTP"]', '{ type = "HTTP" }', 'null'] },
  { file: 'main.tf', argument: /^(\s*auto_deploy\s*=\s*).+$/m, values: ['"maybe"', '[true]', '{ on = true }'] },
  { file: 'main.tf', argument: /^(\s*route_key\s*=\s*).+$/m, values: ['["$default"]', '{ key = "$default" }', '42'] },
  { file: 'main.tf', argument: /^(\s*integration_type\s*=\s*).+$/m, values: ['["HTTP_PROXY"]', '{}', 'true'] },
  { file: 'main.tf', argument: /^(\s*connection_type\s*=\s*).+$/m, values: ['["VPC_LINK"]', '{ a = 1 }'] },
  { file: 'main.tf', argument: /^(\s*tags\s*=\s*).+$/m, values: ['"not a map"', '["a", "b"]', '42'] },
  { file: 'main.tf', argument: /^(\s*name\s*=\s*)"\$default"$/m, values: ['[]', '{ stage = "$default" }'] },
  { file: 'variables.tf', argument: /^(\s*default\s*=\s*)\{[^}]*\}/m, values: ['"not a map"', '["a"]', 'true'] },
];

function wrongType(random: Random, files: Record<string, string>): Mutant {
  const target = pick(random, WRONG_TYPES);
  const value = pick(random, target.values);
  const text = files[target.file] as string;
  const match = target.argument.exec(text) as RegExpExecArray;
  const mutated = text.slice(0, match.index) + match[1] + value + text.slice(match.index + match[0].length);
  return { kind: 'wrong-type', file: target.file, text: mutated, change: `${target.file}: ${match[1]!.trim()} ${value}` };
}

/** References of the seed and how each can be made to name nothing. */
const REFERENCE = /\b(aws_apigatewayv2_[a-z_]+|var|module|local)\.([a-z_]+)/g;

function unknownReference(random: Random, files: Record<string, string>): Mutant {
  const file = pick(random, ['main.tf', 'main.tf', 'main.tf', 'network.tf']);
  const text = files[file] as string;
  const found = [...text.matchAll(REFERENCE)].filter((m) => !/^\s*#/.test(text.slice(text.lastIndexOf('\n', m.index) + 1, m.index)));
  const name = `missing_${suffix(random)}`;
  const choice = random();
  let text2: string;
  let change: string;
  if (found.length === 0 || choice < 0.2) {
    // A reference to a kind of thing the configuration has none of.
    const reference = pick(random, [`local.${name}`, `data.aws_caller_identity.${name}.account_id`, `aws_apigatewayv2_api.${name}.id`]);
    const at = text.indexOf('= "', text.indexOf('{')) + 2;
    text2 = `${text.slice(0, at)}${reference}${text.slice(text.indexOf('\n', at))}`;
    change = `${file}: a value replaced by ${reference}`;
  } else {
    const match = pick(random, found);
    const replacement = `${match[1]}.${name}`;
    text2 = text.slice(0, match.index) + replacement + text.slice((match.index ?? 0) + match[0].length);
    change = `${file}: ${match[0]} → ${replacement}`;
  }
  return { kind: 'unknown-reference', file, text: text2, change };
}

/** Resource addresses of main.tf in dependency order, and an argument each can take that refers to another. */
const CYCLE_PAIRS: { into: string; argument: string; refersTo: string }[] = [
  { into: 'aws_apigatewayv2_api.api', argument: 'description', refersTo: 'aws_apigatewayv2_stage.default_stage.id' },
  { into: 'aws_apigatewayv2_api.api', argument: 'description', refersTo: 'aws_apigatewayv2_route.default_route.id' },
  { into: 'aws_apigatewayv2_api.api', argument: 'description', refersTo: 'aws_apigatewayv2_integration.api_integration.id' },
  { into: 'aws_apigatewayv2_api.api', argument: 'description', refersTo: 'aws_apigatewayv2_api.api.name' },
  { into: 'aws_apigatewayv2_integration.api_integration', argument: 'description', refersTo: 'aws_apigatewayv2_route.default_route.id' },
  { into: 'aws_apigatewayv2_vpc_link.vpc_link', argument: 'name', refersTo: 'aws_apigatewayv2_integration.api_integration.id' },
  { into: 'aws_apigatewayv2_vpc_link.vpc_link', argument: 'name', refersTo: 'aws_apigatewayv2_route.default_route.target' },
  { into: 'aws_apigatewayv2_api.api', argument: 'description', refersTo: 'local.cycle_a' },
];

function cycle(random: Random, files: Record<string, string>): Mutant {
  const pair = pick(random, CYCLE_PAIRS);
  const [type, label] = pair.into.split('.') as [string, string];
  let text = files['main.tf'] as string;
  const head = `resource "${type}" "${label}" {\n`;
  const start = text.indexOf(head) + head.length;
  const end = text.indexOf('\n}', start);
  const body = text.slice(start, end);
  const existing = new RegExp(`^(\\s*${pair.argument}\\s*=\\s*).+$`, 'm');
  const newBody = existing.test(body) ? body.replace(existing, `$1${pair.refersTo}`) : `  ${pair.argument} = ${pair.refersTo}\n${body}`;
  text = text.slice(0, start) + newBody + text.slice(end);
  if (pair.refersTo.startsWith('local.')) text += '\nlocals {\n  cycle_a = local.cycle_b\n  cycle_b = "${local.cycle_a}-b"\n}\n';
  return { kind: 'cycle', file: 'main.tf', text, change: `${pair.into}.${pair.argument} = ${pair.refersTo}` };
}

const MAKERS: Record<MutantKind, (random: Random, files: Record<string, string>) => Mutant> = {
  truncated,
  swapped,
  'wrong-type': wrongType,
  'unknown-reference': unknownReference,
  cycle,
};

/**
 * The kinds in turn. Syntax errors (truncated, swapped) come half as often: each one costs a run of
 * HashiCorp's parser in a child process (hcl-parse.ts), about half a second on an idle core.
 */
const ROTATION: readonly MutantKind[] = [
  'wrong-type',
  'unknown-reference',
  'cycle',
  'truncated',
  'wrong-type',
  'unknown-reference',
  'cycle',
  'swapped',
];

/** `count` mutants of `files` (name → text), the kinds in turn (`ROTATION`), the details drawn from `seed`. */
export function mutants(files: Record<string, string>, count: number, seed: number): Mutant[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => MAKERS[ROTATION[i % ROTATION.length] as MutantKind](random, files));
}
