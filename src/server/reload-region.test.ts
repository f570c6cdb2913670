import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { writeConfig } from '../../test/fixtures/terraform/temp-config.js';
import { startPortico } from './start-portico.js';
import type { Portico } from './portico.js';

/**
 * The values computed while a configuration is evaluated (ARNs that other resources can read) are
 * in the region it is served in. They used to take the control plane's region before the
 * configuration: at start-up the default (us-east-1) although the provider block said otherwise,
 * then the right one from the first reload on.
 */
const TERRAFORM = `
provider "aws" {
  region = "eu-north-1"
}

resource "aws_apigatewayv2_api" "api" {
  name          = "regional"
  protocol_type = "HTTP"
}

output "arn" {
  value = aws_apigatewayv2_api.api.execution_arn
}
`;

let portico: Portico | undefined;
let dir: string | undefined;
afterEach(async () => {
  await portico?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  portico = undefined;
  dir = undefined;
});

const computedArns = (p: Portico): unknown[] => p.controlPlane.terraformRecords().map((record) => record.computed['execution_arn']);

describe('the region of computed values', () => {
  it("is the provider block's from start-up on, and a reload changes nothing", async () => {
    dir = writeConfig({ 'main.tf': TERRAFORM });
    portico = await startPortico({ dir, port: 0, state: ':memory:', logLevel: 'silent', env: {} });
    expect(portico.controlPlane.region).toBe('eu-north-1');
    const [arn] = computedArns(portico);
    expect(arn).toMatch(/^arn:aws:execute-api:eu-north-1:\d{12}:[a-z0-9]+$/);
    expect(await portico.reload()).toMatchObject({ ok: true, created: [], changed: [], deleted: [] });
    expect(computedArns(portico)).toEqual([arn]);
  });

  it('is the one --region fixes, whatever the provider block says', async () => {
    dir = writeConfig({ 'main.tf': TERRAFORM });
    portico = await startPortico({ dir, port: 0, state: ':memory:', logLevel: 'silent', env: {}, region: 'ap-south-1' });
    expect(portico.controlPlane.region).toBe('ap-south-1');
    expect(computedArns(portico)).toEqual([expect.stringMatching(/^arn:aws:execute-api:ap-south-1:/)]);
  });
});
