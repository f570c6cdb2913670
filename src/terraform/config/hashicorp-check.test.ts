import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { refusedByHashicorpParser } from './hashicorp-check.js';
import { parseNativeSyntax } from './native-syntax.js';

describe("HashiCorp's parser as the reference", () => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-hcl-check-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a file our reader accepts but HashiCorp refuses, with its file:line diagnostic', async () => {
    // A conditional continued on the next line outside brackets: HCL ends the expression at the newline.
    const lenient = 'locals {\n  x = true ? "a"\n    : "b"\n}\n';
    expect(() => parseNativeSyntax(lenient)).not.toThrow();
    writeFileSync(join(dir, 'lenient.tf'), lenient);
    writeFileSync(join(dir, 'fine.tf'), 'locals {\n  y = 1\n}\n');
    writeFileSync(join(dir, 'terraform.tfvars'), 'a = "b"\n');
    const refused = await refusedByHashicorpParser(dir, ['fine.tf', 'lenient.tf', 'terraform.tfvars', 'portico.json']);
    expect(refused.map((error) => error.message)).toEqual([
      expect.stringMatching(/^lenient\.tf:2: Missing false expression in conditional/),
    ]);
  });
});
