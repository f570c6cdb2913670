import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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
  GetStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../support/http.js';
import { startUpstream, type Upstream } from '../support/upstream.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'portico.js');
const LISTENER = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:listener/app/my-load-balancer/50dc6c495c0c9188/0467ef3c8400ae65';

interface Running {
  child: ChildProcess;
  endpoint: string;
  stdout: () => string;
}

/** Starts the built CLI and waits for its start-up table, which names the edge endpoint. */
function startCli(args: string[]): Promise<Running> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does)`);
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`portico did not start: ${out}${err}`)), 15_000);
    child.stdout?.on('data', () => {
      const match = /Portico is serving on (http:\/\/[0-9.]+:\d+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, endpoint: match[1], stdout: () => out });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`portico exited with ${code}: ${out}${err}`));
    });
  });
}

/** The start-up table may arrive in several chunks: wait for the part a test reads. */
function outputContaining(running: Running, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!running.stdout().includes(text)) return;
      running.child.stdout?.off('data', check);
      clearTimeout(timer);
      resolve(running.stdout());
    };
    const timer = setTimeout(() => reject(new Error(`no "${text}" in: ${running.stdout()}`)), 10_000);
    running.child.stdout?.on('data', check);
    check();
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('the portico command', () => {
  let upstream: Upstream;
  const dir = mkdtempSync(join(tmpdir(), 'portico-cli-'));

  beforeAll(async () => {
    upstream = await startUpstream();
  });

  afterAll(async () => {
    await upstream.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("builds the seed's system through the AWS SDK alone, serves it, and keeps every acknowledged write across a SIGKILL", async () => {
    const state = join(dir, 'state.db');
    const args = ['serve', '--port', '0', '--state', state, '--log-level', 'silent', '--target', `${LISTENER}=${upstream.url}`];
    const first = await startCli(args);
    const client = new ApiGatewayV2Client({
      endpoint: first.endpoint,
      region: 'us-east-2',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
    const api = await client.send(new CreateApiCommand({ Name: 'development-api-gatewayv2', ProtocolType: 'HTTP' }));
    const link = await client.send(new CreateVpcLinkCommand({ Name: 'development-vpclink', SubnetIds: ['subnet-1'] }));
    const integration = await client.send(
      new CreateIntegrationCommand({
        ApiId: api.ApiId,
        IntegrationType: 'HTTP_PROXY',
        ConnectionType: 'VPC_LINK',
        ConnectionId: link.VpcLinkId,
        IntegrationMethod: 'ANY',
        IntegrationUri: LISTENER,
      }),
    );
    await client.send(
      new CreateRouteCommand({ ApiId: api.ApiId, RouteKey: '$default', Target: `integrations/${integration.IntegrationId}` }),
    );
    await client.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: '$default', AutoDeploy: true }));
    // apiEndpoint is a URL that reaches the API from any client.
    expect(api.ApiEndpoint).toBe(`${first.endpoint}/_aws/execute-api/${api.ApiId}`);
    const before = await send(`${api.ApiEndpoint}/orders/42?x=1`);
    expect(before.status).toBe(200);
    expect(upstream.seen.at(-1)?.url).toBe('/orders/42?x=1');

    first.child.kill('SIGKILL');
    await exited(first.child);
    const second = await startCli(args);
    const secondClient = new ApiGatewayV2Client({
      endpoint: second.endpoint,
      region: 'us-east-2',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
    const apis = await secondClient.send(new GetApisCommand({}));
    expect(apis.Items?.map((a) => a.ApiId)).toEqual([api.ApiId]);
    const stage = await secondClient.send(new GetStageCommand({ ApiId: api.ApiId, StageName: '$default' }));
    expect(stage.DeploymentId).toBeDefined();
    const after = await send(`${second.endpoint}/_aws/execute-api/${api.ApiId}/after/restart`);
    expect(after.status).toBe(200);
    expect(upstream.seen.at(-1)?.url).toBe('/after/restart');

    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
    client.destroy();
    secondClient.destroy();
  });

  it('runs the seed Terraform with `up`, prints the table, and exits non-zero naming file:line on a broken config', async () => {
    const running = await startCli([
      'up',
      'examples/seed',
      '--port',
      '0',
      '--state',
      ':memory:',
      '--log-level',
      'silent',
      '--target',
      `${LISTENER}=${upstream.url}`,
    ]);
    const table = await outputContaining(running, 'module.vpc.private_subnets');
    expect(table).toMatch(/API development-api-gatewayv2 {2}\(id [a-z0-9]{10}\)/);
    expect(table).toContain('stage $default');
    expect(table).toContain(`→ ${upstream.url}`);
    expect(table).toContain('module.vpc.private_subnets');
    running.child.kill('SIGINT');
    expect(await exited(running.child)).toBe(0);

    const broken = spawn(
      process.execPath,
      [CLI, 'up', join(ROOT, 'test', 'fixtures', 'e2e', 'routes'), '--port', '0', '--state', ':memory:'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let err = '';
    broken.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    expect(await exited(broken)).toBe(1);
    // The fixture's required variable "upstream" is not given.
    expect(err).toMatch(/main\.tf:\d+: .*upstream/);
  });
});
