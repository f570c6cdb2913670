import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigV4Verifier } from '../../../src/control-plane/index.js';
import { type Harness, REGION, startControlPlane, TEST_KEYS } from './harness.js';
import { petstore } from './openapi-fixture.js';

/**
 * The AWS CLI (botocore: its own serializer and SigV4 signer) against the handler with
 * signatures verified. Skipped, saying why, where no `aws` binary is installed.
 */
const run = promisify(execFile);
function cliAvailable(): boolean {
  try {
    execFileSync('aws', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!cliAvailable())('the AWS CLI drives the control plane', () => {
  let h: Harness;
  let dir: string;
  beforeAll(async () => {
    h = await startControlPlane({ auth: createSigV4Verifier([{ ...TEST_KEYS }]) });
    dir = mkdtempSync(join(tmpdir(), 'portico-cli-'));
  });
  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function aws(...args: string[]): Promise<Record<string, unknown>> {
    const { stdout } = await run('aws', ['apigatewayv2', ...args, '--endpoint-url', h.endpoint, '--region', REGION, '--output', 'json'], {
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: TEST_KEYS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: TEST_KEYS.secretAccessKey,
        AWS_CONFIG_FILE: join(dir, 'none'),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
        AWS_EC2_METADATA_DISABLED: 'true',
      },
    });
    return stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
  }

  it('creates, reads, tags, imports and exports with botocore signing each request', async () => {
    const api = await aws('create-api', '--name', 'cli', '--protocol-type', 'HTTP', '--tags', 'team=cli');
    const apiId = String(api['ApiId']);
    expect(api['CreatedDate']).toMatch(/^2026-11-25T12:00:00/);
    await aws('create-route', '--api-id', apiId, '--route-key', 'GET /pets');
    await aws('create-stage', '--api-id', apiId, '--stage-name', '$default', '--route-settings', '{"GET /pets":{"ThrottlingRateLimit":5}}');
    expect((await aws('get-stage', '--api-id', apiId, '--stage-name', '$default'))['StageName']).toBe('$default');
    await aws('delete-route-settings', '--api-id', apiId, '--stage-name', '$default', '--route-key', 'GET /pets');
    const stageArn = `arn:aws:apigateway:${REGION}::/apis/${apiId}/stages/$default`;
    await aws('tag-resource', '--resource-arn', stageArn, '--tags', 'a=1,b=2');
    await aws('untag-resource', '--resource-arn', stageArn, '--tag-keys', 'a', 'b');
    expect((await aws('get-tags', '--resource-arn', stageArn))['Tags']).toEqual({});
    expect(((await aws('get-apis', '--max-results', '1'))['Items'] as unknown[]).length).toBe(1);

    const vpcLinkId = String((await aws('create-vpc-link', '--name', 'l', '--subnet-ids', 'subnet-1'))['VpcLinkId']);
    writeFileSync(join(dir, 'petstore.json'), JSON.stringify(petstore(vpcLinkId)));
    const imported = await aws('import-api', '--body', `file://${join(dir, 'petstore.json')}`);
    expect(imported['Name']).toBe('petstore');
    await aws(
      'export-api',
      '--api-id',
      String(imported['ApiId']),
      '--specification',
      'OAS30',
      '--output-type',
      'YAML',
      join(dir, 'out.yaml'),
    );
    expect(readFileSync(join(dir, 'out.yaml'), 'utf8')).toMatch(/^openapi: 3\.0\.1\n/);
  }, 180_000);

  it('shows AWS error codes for missing resources', async () => {
    const failure = await run('aws', ['apigatewayv2', 'get-api', '--api-id', 'missing', '--endpoint-url', h.endpoint, '--region', REGION], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: TEST_KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_KEYS.secretAccessKey },
    }).then(
      () => '',
      (error: { stderr: string }) => error.stderr,
    );
    expect(failure).toContain('An error occurred (NotFoundException) when calling the GetApi operation: Invalid API identifier specified');
  }, 90_000);
});
