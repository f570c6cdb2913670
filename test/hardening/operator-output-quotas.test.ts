import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  CreateVpcLinkCommand,
  GetApisCommand,
} from '@aws-sdk/client-apigatewayv2';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type Harness, rejection, startControlPlane } from '../e2e/control-plane/harness.js';

/**
 * Issue #17, finding 7: an API named `\u001b[2J…` cleared the operator's terminal from the start-up
 * table, and none of AWS's HTTP API quotas applied (a 1 MB route key was stored and echoed).
 */
const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'portico.js');
const EVIL = '\u001b[2J\u001b[Hfake\nAPI trusted  (id x)\u009b31m\u202eevil';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("portico up's start-up table (issue #17)", () => {
  let child: ChildProcess | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'portico-evil-'));
  afterAll(() => {
    child?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints names with their control characters escaped, and --quota raises or lowers a quota', async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does)`);
    const hcl = (text: string): string =>
      JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    writeFileSync(
      join(dir, 'main.tf'),
      `resource "aws_apigatewayv2_api" "evil" {\n  name = ${hcl(EVIL)}\n  protocol_type = "HTTP"\n}\n` +
        `resource "aws_apigatewayv2_stage" "s" {\n  api_id = aws_apigatewayv2_api.evil.id\n  name = "$default"\n  auto_deploy = true\n}\n`,
    );
    const started = spawn(process.execPath, [CLI, 'up', dir, '--port', '0', '--state', ':memory:', '--quota', 'routesPerApi=1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    let out = '';
    let err = '';
    started.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const endpoint = await new Promise<string>((resolve, reject) => {
      started.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Portico is serving on (http:\/\/[0-9.]+:\d+)/.exec(out);
        if (match?.[1] && out.includes('stage $default')) resolve(match[1]);
      });
      started.on('exit', (code) => reject(new Error(`portico exited with ${code}: ${out}${err}`)));
    });
    // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(out).toContain('API \\u001b[2J\\u001b[Hfake\\nAPI trusted  (id x)\\u009b31m\\u202eevil  (id ');
    expect(out.split('\n').filter((line) => line.startsWith('API '))).toHaveLength(1);

    const client = new ApiGatewayV2Client({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      maxAttempts: 1,
    });
    const apiId = (await client.send(new GetApisCommand({}))).Items?.[0]?.ApiId;
    await client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /one' }));
    const error = await rejection(client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /two' })));
    client.destroy();
    expect(error.name).toBe('ConflictException');
    expect(error.$metadata.httpStatusCode).toBe(429);
    expect(error.message).toBe(
      "Maximum number of Routes for this API has been reached. Please contact AWS if you need additional Routes. Portico's quota is 1: raise it with --quota routesPerApi=N.",
    );
  });
});

describe("AWS's HTTP API quotas (issue #17)", () => {
  it('stages, integrations and VPC links stop at their quotas, in AWS words', async () => {
    h = await startControlPlane({ store: 'memory' });
    const client = h.client();
    const { ApiId } = await client.send(new CreateApiCommand({ Name: 'quotas', ProtocolType: 'HTTP' }));
    for (let i = 0; i < 10; i++) await client.send(new CreateStageCommand({ ApiId, StageName: `s${i}` }));
    const stage = await rejection(client.send(new CreateStageCommand({ ApiId, StageName: 's10' })));
    expect([stage.name, stage.$metadata.httpStatusCode, stage.message]).toEqual([
      'ConflictException',
      429,
      "Maximum number of Stages for this API has been reached. Please contact AWS if you need additional Stages. Portico's quota is 10: raise it with --quota stagesPerApi=N.",
    ]);
    const integration = { ApiId, IntegrationType: 'HTTP_PROXY' as const, IntegrationMethod: 'ANY', IntegrationUri: 'http://127.0.0.1:9/' };
    for (let i = 0; i < 300; i++) await client.send(new CreateIntegrationCommand(integration));
    const more = await rejection(client.send(new CreateIntegrationCommand(integration)));
    expect([more.name, more.message]).toEqual([
      'ConflictException',
      'Maximum number of Integrations for this API has been reached. Please contact AWS if you need additional Integrations.',
    ]);
    const link = { Name: 'link', SubnetIds: ['subnet-1'] };
    for (let i = 0; i < 10; i++) await client.send(new CreateVpcLinkCommand(link));
    expect((await rejection(client.send(new CreateVpcLinkCommand(link)))).message).toMatch(
      /^Maximum number of VPC links has been reached\./,
    );
  });

  it('bounds route keys, stage variables and counts characters, not UTF-16 units', async () => {
    h = await startControlPlane({ store: 'memory' });
    const client = h.client();
    // 128 emoji are 128 characters (256 UTF-16 units): a valid name; 129 are not.
    const emoji = '😀'.repeat(128);
    const { ApiId, Name } = await client.send(new CreateApiCommand({ Name: emoji, ProtocolType: 'HTTP' }));
    expect(Name).toBe(emoji);
    const long = await rejection(client.send(new CreateApiCommand({ Name: `${emoji}😀`, ProtocolType: 'HTTP' })));
    expect([long.name, long.message]).toEqual(['BadRequestException', 'Invalid value for name: must be 1 to 128 characters long.']);

    const huge = await rejection(client.send(new CreateRouteCommand({ ApiId, RouteKey: `GET /${'a'.repeat(1024 * 1024)}` })));
    expect([huge.name, huge.message]).toEqual(['BadRequestException', 'Invalid value for routeKey: must be 1 to 10240 characters long.']);

    const variables = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`v${i}`, 'x']));
    const tooMany = await rejection(client.send(new CreateStageCommand({ ApiId, StageName: 'a', StageVariables: variables })));
    expect(tooMany.message).toBe('A stage can have at most 100 stage variables.');
    const longValue = await rejection(
      client.send(new CreateStageCommand({ ApiId, StageName: 'b', StageVariables: { v: 'x'.repeat(513) } })),
    );
    expect(longValue.message).toMatch(/^Invalid value for stage variable "v": up to 512 characters/);
    await client.send(new CreateStageCommand({ ApiId, StageName: 'c', StageVariables: { v: 'x'.repeat(512) } }));
  });
});
