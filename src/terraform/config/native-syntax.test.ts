import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Body, Expr } from '../expr/ast.js';
import { loadTerraform } from '../load-terraform.js';
import { compileValue } from './compile.js';
import { parseWithHashicorpParser, type HashicorpReading } from './hashicorp-parser.js';
import { NativeExpr, parseNativeSyntax } from './native-syntax.js';

const REPO = join(import.meta.dirname, '..', '..', '..');

function configFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return configFiles(path);
    return name.endsWith('.tf') || name.endsWith('.tfvars') ? [path] : [];
  });
}

/**
 * Both readings compiled, then made comparable: nested blocks and lists of objects are the same
 * value once evaluated (hcl2json cannot tell `x = [{...}]` from `x {...}`), and order, lines and
 * files do not matter.
 */
function canonical(expr: Expr): unknown {
  switch (expr.kind) {
    case 'blocks':
      return { tuple: expr.bodies.map(canonicalBody) };
    case 'tuple':
      return { tuple: expr.items.map(canonical) };
    case 'object':
      return {
        object: expr.items
          .map((i) => [canonical(i.key), canonical(i.value)])
          .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
      };
    default:
      return JSON.parse(JSON.stringify(expr, (key, value: unknown) => (key === 'line' || key === 'file' ? undefined : value)));
  }
}

function canonicalBody(body: Body): unknown {
  const items = body.items.map((i) => [{ kind: 'literal', value: i.name }, canonical(i.value)]);
  const dynamics = body.dynamics.map((d) =>
    JSON.parse(JSON.stringify(d, (key, value: unknown) => (key === 'line' || key === 'file' || key === 'forEachLine' ? undefined : value))),
  );
  const object = items.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return dynamics.length > 0 ? { object, dynamics } : { object };
}

const at = { file: 'main.tf', line: 1 };
const read = (text: string) => canonical(compileValue(parseNativeSyntax(text), at));

/** Syntax HashiCorp's parser and ours must read the same way. */
const SNIPPETS: Record<string, string> = {
  'comments everywhere': '# a\n// b\n/* c\n d */ resource "a" "b" { # e\n  x = 1 // f\n  /* g */ y = "z" /* h */\n}\n',
  'one-line blocks': 'resource "a" "b" {}\nresource "a" "c" { x = 1 }\nlocals { y = [1, 2] }\n',
  'labels as identifiers and escapes': 'resource a "b\\"c" {\n  x = "tab\\tnewline\\nquote\\"unicode\\u00e9"\n}\n',
  'expressions across lines':
    'locals {\n  a = [\n    1,\n    2,\n  ]\n  b = {\n    c = 1\n    "d" = 2,\n    (local.k) = 3\n  }\n  e = f(\n    1,\n    2\n  )\n  g = local.a == null ? 1 : (\n    2\n  )\n  h = [for x in local.a : x * 2 if x > 1]\n  i = { for k, v in local.b : k => v... }\n  j = local.a[*].id\n  k = local.b.*.c\n  l = -1\n  m = !true\n  n = 1.5e3\n}\n',
  templates:
    'locals {\n  a = "x-${var.y}-${upper("z")}"\n  b = "${var.only}"\n  c = "%{ if var.on }yes%{ else }no%{ endif }"\n  d = "%{ for x in var.xs ~} ${x} %{ endfor ~}"\n}\n',
  heredocs:
    'locals {\n  a = <<EOT\nhello ${var.name}\n  world\nEOT\n  b = <<-EOT\n    indented\n      more\n    EOT\n  c = jsonencode({\n    x = <<EOT\nraw\nEOT\n  })\n}\n',
  'blocks in blocks and dynamic blocks':
    'resource "a" "b" {\n  setting {\n    name = "x"\n  }\n  setting {\n    name = "y"\n  }\n  dynamic "rule" {\n    for_each = var.rules\n    iterator = r\n    content {\n      port = r.value\n    }\n  }\n  lifecycle {\n    ignore_changes = [tags]\n  }\n}\n',
  'CRLF line endings': 'variable "x" {\r\n  type    = string\r\n  default = "y"\r\n}\r\n',
  'tfvars-like arguments': 'region = "us-east-2"\ncount_of = 3\ntags = { a = "b" }\nlist = ["x", "y"]\n',
  'no newline at the end': 'output "x" {\n  value = 1\n}',
  'unicode and dashes in names': 'locals {\n  naïve-name = "ü"\n}\n',
};

const REFUSED: [string, string][] = [
  ['an argument without a newline before the next', 'a = 1 b = 2\n'],
  ['an unclosed block', 'resource "a" "b" {\n  x = 1\n'],
  ['a redefined argument', 'a = 1\na = 2\n'],
  ['a stray closing brace', '}\n'],
  ['two arguments in a one-line block', 'resource "a" "b" { x = 1, y = 2 }\n'],
  ['a template in a block label', 'resource "a" "${var.b}" {}\n'],
  ['a missing value', 'a =\n'],
  ['a quoted argument name', 'locals {\n  "quoted key" = 1\n}\n'],
];

const REPO_FILES = [
  ...configFiles(join(REPO, 'examples')),
  ...configFiles(join(REPO, 'test')),
  ...configFiles(join(REPO, 'bench', 'fixtures')),
];

describe('HCL native syntax (our reader against HashiCorp parser)', () => {
  /** HashiCorp's readings of every text below, from one process (its Go runtime starts once). */
  const hashicorp = new Map<string, HashicorpReading>();
  const readByHashicorp = (text: string) => {
    const reading = hashicorp.get(text);
    if (!reading?.ok) throw new Error(`HashiCorp's parser refused: ${reading?.message ?? 'not read'}`);
    return canonical(compileValue(reading.value, at));
  };

  beforeAll(async () => {
    const texts = [
      ...new Set([...Object.values(SNIPPETS), ...REFUSED.map(([, text]) => text), ...REPO_FILES.map((file) => readFileSync(file, 'utf8'))]),
    ];
    const readings = await parseWithHashicorpParser(texts.map((text) => ({ file: 'main.tf', text })));
    texts.forEach((text, i) => hashicorp.set(text, readings[i] ?? { ok: false, message: 'no answer' }));
  }, 30_000);

  it.each(Object.entries(SNIPPETS))('reads %s as hcl2json does', (_name, text) => {
    expect(read(text)).toEqual(readByHashicorp(text));
  });

  it('reads every .tf and .tfvars file of the repository (examples, fixtures, bench) as hcl2json does', () => {
    expect(REPO_FILES.length).toBeGreaterThan(10);
    for (const file of REPO_FILES) {
      const text = readFileSync(file, 'utf8');
      expect({ file: relative(REPO, file), value: read(text) }).toEqual({ file: relative(REPO, file), value: readByHashicorp(text) });
    }
  });

  it('keeps literal values as JSON values and everything else parsed', () => {
    const body = parseNativeSyntax('a = 1\nb = "x"\nc = true\nd = null\ne = var.x\nf = "$${not} an interpolation"\ng = -2\nh = !true\n');
    expect(body).toMatchObject({ a: 1, b: 'x', c: true, d: null, g: -2, h: false });
    expect(body['e']).toBeInstanceOf(NativeExpr);
    // hcl2json turns "$${x}" into "${x}", which then reads as an interpolation; ours stays the literal text Terraform uses.
    expect(compileValue(body['f'], at)).toEqual({ kind: 'literal', value: '${not} an interpolation' });
  });

  it.each(REFUSED)('refuses %s, as HashiCorp parser does', (_name, text) => {
    expect(() => parseNativeSyntax(text)).toThrow();
    expect(hashicorp.get(text)).toMatchObject({ ok: false });
  });

  it("reports HashiCorp's own diagnostic, at its line, for a file it refuses", async () => {
    const broken = 'resource "aws_apigatewayv2_api" "api" {\n  name = \n  protocol_type = "HTTP"\n}\n';
    const tmp = mkdtempSync(join(tmpdir(), 'portico-native-syntax-'));
    try {
      writeFileSync(join(tmp, 'main.tf'), broken);
      await expect(loadTerraform({ dir: tmp })).rejects.toMatchObject({
        file: 'main.tf',
        line: 2,
        message: expect.stringMatching(/^main\.tf:2: Invalid expression: Expected the start of an expression/),
      });
      // It ran in a worker that has ended: its WebAssembly instance is not kept in this process.
      expect(Object.keys(createRequire(import.meta.url).cache).filter((path) => path.includes('hcl2json'))).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
