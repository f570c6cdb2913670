import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  GetApiCommand,
  NotFoundException,
  UpdateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { describe, expect, it } from 'vitest';
import { send } from '../../support/http.js';
import { alive, startCli, workersSuite, type WorkersJson } from './harness.js';

/** Both workers serve one gateway: requests, metrics, access logs, reloads and control-plane writes. */
describe('portico up --workers 2', () => {
  const suite = workersSuite();
  const { up, work, track } = suite;

  it("serves from both processes; metrics, access logs and reloads are the whole gateway's; SIGTERM stops everything", async () => {
    const { cli, dir } = await up('whole', ['--state', ':memory:', '--log-level', 'info', '--log-to-stdout', '--watch']);
    expect(cli.pids).toHaveLength(2);
    const base = `${cli.endpoint}/_aws/execute-api/${cli.apiId}`;
    // Each request on a connection of its own: node:cluster hands connections to the workers in turn.
    for (let i = 0; i < 20; i++) expect((await send(`${base}/orders/${i}`)).status).toBe(200);
    // Whichever worker answers, the counters are the gateway's.
    for (let i = 0; i < 4; i++) {
      const metrics = (await send(`${cli.endpoint}/_portico/metrics.json`)).json<WorkersJson>();
      expect(metrics.stages[0]?.metrics.Count).toBe(20);
      expect(metrics.stages[0]?.routes.map((r) => [r.route, r.metrics.Count])).toEqual([['GET /orders/{proxy+}', 20]]);
      expect(metrics.workers.map((w) => w.pid).sort()).toEqual([...cli.pids].sort());
      expect(metrics.workers.every((w) => w.Count > 0)).toBe(true);
      expect(metrics.workers.reduce((sum, w) => sum + w.Count, 0)).toBe(20);
    }
    const prometheus = (await send(`${cli.endpoint}/_portico/metrics`)).body;
    expect(prometheus).toContain(`apigateway_count_total{api_id="${cli.apiId}",stage="$default"} 20\n`);
    expect(prometheus).toMatch(/portico_worker_requests_total\{pid="\d+"\} \d+\n/);

    // A reload (--watch) is the primary's: reported once, followed by both workers.
    appendFileSync(
      join(dir, 'main.tf'),
      `\nresource "aws_apigatewayv2_route" "added" {\n  api_id    = aws_apigatewayv2_api.orders.id\n  route_key = "GET /added"\n  target    = "integrations/\${aws_apigatewayv2_integration.plain.id}"\n}\n`,
    );
    await cli.untilStderr(/portico: reloaded in \d+ ms: 1 created/);
    expect([(await send(`${base}/added`)).status, (await send(`${base}/added`)).status]).toEqual([200, 200]);
    expect(cli.stderr().match(/portico: reloaded/g)).toHaveLength(1);

    const temporary = (await cli.untilStderr(/"stateFile":"([^"]+)"/))[1] ?? '';
    expect(existsSync(temporary)).toBe(true);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(cli.pids.filter(alive)).toEqual([]);
    // --state :memory: stood in for by a temporary file, gone with the gateway.
    expect(existsSync(temporary)).toBe(false);
    // One access-log line a request from both processes, none cut by the other's, in the file and on stdout.
    const file = readFileSync(join(dir, '.portico', 'logs', 'aws', 'http-api', 'orders.log'), 'utf8')
      .split('\n')
      .filter(Boolean);
    const paths = file.map((line) => (JSON.parse(line) as { path: string }).path).sort();
    expect(paths).toEqual([...[...Array(20).keys()].map((i) => `/orders/${i}`), '/added', '/added'].sort());
    const stdoutLines = cli
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith('{') && line.includes('"requestId"'));
    expect(stdoutLines.map((line) => (JSON.parse(line) as { status: string }).status)).toEqual(new Array(22).fill('200'));
  });

  it("takes control-plane writes through any worker: the SDK's answer comes once both workers serve the change", async () => {
    const state = join(work, 'sdk.db');
    const cli = await startCli(['serve', '--port', '0', '--workers', '2', '--state', state, '--log-level', 'silent']);
    track(cli);
    const client = new ApiGatewayV2Client({
      endpoint: cli.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
    try {
      const api = await client.send(new CreateApiCommand({ Name: 'written', ProtocolType: 'HTTP' }));
      const integration = await client.send(
        new CreateIntegrationCommand({
          ApiId: api.ApiId,
          IntegrationType: 'HTTP_PROXY',
          IntegrationMethod: 'ANY',
          IntegrationUri: `${suite.backend.url}/a`,
          PayloadFormatVersion: '1.0',
        }),
      );
      await client.send(
        new CreateRouteCommand({ ApiId: api.ApiId, RouteKey: 'GET /a', Target: `integrations/${integration.IntegrationId}` }),
      );
      await client.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: '$default', AutoDeploy: true }));
      // Two new connections, one to each worker: both serve the new route at once.
      const url = `${cli.endpoint}/_aws/execute-api/${api.ApiId}/a`;
      expect([(await send(url)).status, (await send(url)).status]).toEqual([200, 200]);
      const metrics = (await send(`${cli.endpoint}/_portico/metrics.json`)).json<WorkersJson>();
      expect(metrics.workers.map((w) => w.Count)).toEqual([1, 1]);
      // Throttling settings are live on both workers as soon as UpdateStage answers.
      await client.send(
        new UpdateStageCommand({
          ApiId: api.ApiId,
          StageName: '$default',
          RouteSettings: { 'GET /a': { ThrottlingBurstLimit: 0, ThrottlingRateLimit: 0 } },
        }),
      );
      expect([(await send(url)).status, (await send(url)).status]).toEqual([429, 429]);
      // The service's errors come back through the worker unchanged.
      await expect(client.send(new GetApiCommand({ ApiId: 'nosuchapi0' }))).rejects.toBeInstanceOf(NotFoundException);
    } finally {
      client.destroy();
    }
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    expect(existsSync(state)).toBe(true);
  });
});
