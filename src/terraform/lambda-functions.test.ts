import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeConfig } from '../../test/fixtures/terraform/temp-config.js';
import { lambdaFunctionsFrom } from './lambda-functions.js';
import { loadTerraform } from './load-terraform.js';

const fn = (name: string, body: string) =>
  `resource "aws_lambda_function" "${name}" {\n  function_name = "${name}"\n  role = "arn:aws:iam::1:role/r"\n${body}\n}\n`;

describe('aws_lambda_function resources as local functions', () => {
  it('reads code from archive_file (source_dir, source_file), a zip or a directory, with handler, timeout, memory and environment', async () => {
    const dir = writeConfig({
      'main.tf': `
data "archive_file" "dir" {
  type        = "zip"
  source_dir  = "\${path.module}/src"
  output_path = "\${path.module}/build/dir.zip"
}
data "archive_file" "file" {
  type        = "zip"
  source_file = "lib/one.js"
  output_path = "build/one.zip"
}
${fn('from_dir', '  runtime = "nodejs20.x"\n  handler = "index.handler"\n  filename = data.archive_file.dir.output_path\n  timeout = 10\n  memory_size = 512\n  environment {\n    variables = { A = "1", N = 2 }\n  }')}
${fn('from_file', '  runtime = "nodejs18.x"\n  handler = "one.main"\n  filename = data.archive_file.file.output_path')}
${fn('from_zip', '  runtime = "nodejs22.x"\n  handler = "app.handler"\n  filename = "package.zip"')}
`,
      'package.zip': 'not really a zip, but a file',
      'src/index.js': '',
      'lib/one.js': '',
    });
    const functions = lambdaFunctionsFrom(await loadTerraform({ dir, env: {} }), dir);
    expect(functions).toEqual([
      {
        kind: 'node',
        functionName: 'from_dir',
        source: 'aws_lambda_function.from_dir (main.tf:12)',
        code: { kind: 'directory', path: join(dir, 'src') },
        handler: 'index.handler',
        runtime: 'nodejs20.x',
        timeoutSeconds: 10,
        memorySizeMb: 512,
        environment: { A: '1', N: '2' },
      },
      expect.objectContaining({
        functionName: 'from_file',
        code: { kind: 'directory', path: join(dir, 'lib') },
        timeoutSeconds: 3,
        memorySizeMb: 128,
      }),
      expect.objectContaining({ functionName: 'from_zip', code: { kind: 'zip', path: join(dir, 'package.zip') } }),
    ]);
  });

  it('says how to map functions it cannot run: other runtimes, images, S3 code, missing packages', async () => {
    const dir = writeConfig({
      'main.tf': [
        fn('py', '  runtime = "python3.12"\n  handler = "app.handler"\n  filename = "x.zip"'),
        fn('img', '  package_type = "Image"\n  image_uri = "1.dkr.ecr.us-east-1.amazonaws.com/app:1"'),
        fn('s3', '  runtime = "nodejs20.x"\n  handler = "index.handler"\n  s3_bucket = "b"\n  s3_key = "k"'),
        fn('missing', '  runtime = "nodejs20.x"\n  handler = "index.handler"\n  filename = "build/nothing.zip"'),
      ].join('\n'),
    });
    const functions = lambdaFunctionsFrom(await loadTerraform({ dir, env: {} }), dir);
    expect(functions.map((f) => f.kind)).toEqual(['unrunnable', 'unrunnable', 'unrunnable', 'unrunnable']);
    const reasons = functions.map((f) => (f.kind === 'unrunnable' ? f.reason : ''));
    expect(reasons[0]).toMatch(
      /^aws_lambda_function\.py \(main\.tf:1\): runtime python3\.12 is not run locally by Portico.*--function py=http:\/\/127\.0\.0\.1:9000/,
    );
    expect(reasons[1]).toContain('container image functions are not run locally');
    expect(reasons[2]).toContain('s3_bucket');
    expect(reasons[3]).toContain('the package build/nothing.zip does not exist');
  });
});
