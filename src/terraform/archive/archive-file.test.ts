import { createHash } from 'node:crypto';
import { existsSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTerraform } from '../index.js';
import { loadError, writeConfig } from '../../../test/fixtures/terraform/temp-config.js';

const files = {
  'src/index.js': 'exports.handler = async () => ({ statusCode: 200 });\n',
  'src/lib/util.js': 'module.exports = 1;\n',
  'src/lib/util.test.js': 'test\n',
  'src/node_modules/x/index.js': 'x\n',
  'main.tf': `
data "archive_file" "lambda" {
  type        = "zip"
  source_dir  = "\${path.module}/src"
  output_path = "\${path.module}/build/lambda.zip"
  excludes    = ["node_modules", "**/*.test.js"]
}
output "o" {
  value = {
    md5        = data.archive_file.lambda.output_md5
    filemd5    = filemd5(data.archive_file.lambda.output_path)
    b64sha256  = data.archive_file.lambda.output_base64sha256
    fileb64256 = filebase64sha256(data.archive_file.lambda.output_path)
    size       = data.archive_file.lambda.output_size
    filebase64 = filebase64(data.archive_file.lambda.output_path)
  }
}
`,
};

describe('data "archive_file"', () => {
  it('writes the zip where output_path says, and its output_* attributes hash the bytes written', async () => {
    const dir = writeConfig(files);
    const result = await loadTerraform({ dir, env: {} });
    const o = result.outputs.o as Record<string, unknown>;
    const zip = readFileSync(join(dir, 'build/lambda.zip'));
    expect(o.md5).toBe(createHash('md5').update(zip).digest('hex'));
    expect(o.filemd5).toBe(o.md5);
    expect(o.fileb64256).toBe(o.b64sha256);
    expect(o.size).toBe(zip.length);
    expect(o.filebase64).toBe(zip.toString('base64'));
    expect(result.standIns).toEqual([]);
    // Only the files not excluded, in Go's walk order.
    expect(zip.toString('latin1')).toContain('lib/util.js');
    expect(zip.toString('latin1')).not.toContain('node_modules');
    expect(zip.toString('latin1')).not.toContain('util.test.js');
  });

  it('gives the same bytes whatever the files\u2019 modification times', async () => {
    const dir = writeConfig(files);
    const first = (await loadTerraform({ dir, env: {} })).outputs.o as Record<string, unknown>;
    utimesSync(join(dir, 'src/index.js'), new Date('2001-01-01'), new Date('2001-01-01'));
    const second = (await loadTerraform({ dir, env: {} })).outputs.o as Record<string, unknown>;
    expect(second.b64sha256).toBe(first.b64sha256);
    expect(existsSync(join(dir, 'build/lambda.zip'))).toBe(true);
  });

  it('refuses what the provider refuses, at the argument', async () => {
    expect(
      await loadError({
        'main.tf': 'data "archive_file" "a" {\n  type        = "zip"\n  source_dir  = "nope"\n  output_path = "a.zip"\n}\n',
      }),
    ).toBe('TerraformError: main.tf:3: data.archive_file.a: could not archive missing directory: nope');
  });
});
