import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractZip } from '../../src/integrations/lambda/index.js';
import { type Portico, startPortico } from '../../src/server/index.js';
import { loadTerraform } from '../../src/terraform/index.js';
import { send } from '../support/http.js';

const DIR = join(import.meta.dirname, 'learn-lambda-api-gateway');

/** HashiCorp's tutorial shape: archive_file → aws_s3_object (etag = filemd5 of the zip) → the function runs from S3. */
describe('real-world shape: Lambda code zipped by archive_file and uploaded to S3', () => {
  let portico: Portico;

  beforeAll(async () => {
    portico = await startPortico({ dir: DIR, port: 0, state: ':memory:', logLevel: 'silent' });
  });
  afterAll(async () => {
    await portico?.stop();
  });

  it('serves GET /hello from the function the S3 object uploads', async () => {
    const base = `${portico.endpoint}/_aws/execute-api/${portico.apis[0]?.apiId ?? ''}`;
    const reply = await send(`${base}/serverless_lambda_stage/hello?Name=Terraform`);
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ message: 'Hello, Terraform!' });
    expect(portico.functions.map((f) => [f.functionName, f.kind])).toEqual([['HelloWorld', 'node']]);
  });

  it('writes the zip Terraform would, whose hashes the output_* attributes and file functions agree on', async () => {
    const result = await loadTerraform({ dir: DIR, env: {} });
    const pkg = result.outputs.package as Record<string, unknown>;
    const zip = readFileSync(join(DIR, String(pkg.path)));
    expect(pkg.md5).toBe(createHash('md5').update(zip).digest('hex'));
    expect(pkg.etag).toBe(pkg.md5);
    expect(pkg.filesha).toBe(pkg.sha256);
    expect(pkg.base64len).toBe(zip.toString('base64').length);
    const unpacked = mkdtempSync(join(tmpdir(), 'portico-zip-'));
    extractZip(zip, unpacked);
    expect(readFileSync(join(unpacked, 'hello.mjs'), 'utf8')).toBe(readFileSync(join(DIR, 'hello-world/hello.mjs'), 'utf8'));
  });
});
