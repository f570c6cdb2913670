import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessLogOutputs, MetricsRegistry, renderPrometheus, silentLogger } from '../../observability/index.js';
import {
  closed,
  connect,
  fixtureFunction,
  lambdaIntegration,
  nextMessage,
  startWebSocketGateway,
  webSocketApi,
  webSocketConfig,
  wsRoute,
  type WebSocketGatewayUnderTest,
} from '../../../test/data-plane/websocket-gateway.js';

const API = 'wslog00001';
const GROUP = 'arn:aws:logs:us-east-2:123456789012:log-group:/aws/websocket/chat';
const FORMAT =
  '$context.eventType $context.routeKey $context.status conn=$context.connectionId msg=$context.messageId ' +
  'at=$context.connectedAt api=$context.apiId stage=$context.stage ip=$context.identity.sourceIp ' +
  'il=$context.integrationLatency err="$context.error.message" nope=$context.httpMethod';

describe('WebSocket access logs and metrics (https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-logging.html)', () => {
  let gw: WebSocketGatewayUnderTest;
  let dir: string;
  let outputs: AccessLogOutputs;
  const metrics = new MetricsRegistry();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portico-ws-logs-'));
    outputs = new AccessLogOutputs({ dir, logger: silentLogger() });
    gw = await startWebSocketGateway([fixtureFunction('echo'), fixtureFunction('fails')], { accessLogs: outputs, metrics });
    gw.gateway.setConfig(
      webSocketConfig([
        webSocketApi({
          apiId: API,
          routes: [wsRoute('$default', 'echo'), wsRoute('fails', 'fails'), wsRoute('$disconnect', 'echo')],
          integrations: [lambdaIntegration('echo', 'echo'), lambdaIntegration('fails', 'fails')],
          twoWay: ['$default', 'fails'],
          routeSelectionExpression: '$request.body.action',
          stageSettings: {
            accessLogSettings: { destinationArn: GROUP, format: FORMAT },
            defaultRouteSettings: { detailedMetricsEnabled: true },
          },
        }),
      ]),
    );
  });

  afterAll(async () => {
    await gw?.close();
    await outputs?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes one line per CONNECT, MESSAGE and DISCONNECT event, and counts AWS’s WebSocket metrics', async () => {
    const ws = await connect(gw.url(API));
    ws.send('hello');
    const event = JSON.parse(await nextMessage(ws)) as { requestContext: { connectionId: string; messageId: string; connectedAt: number } };
    ws.send('{"action":"fails"}');
    await nextMessage(ws);
    const done = closed(ws);
    ws.close(1000);
    await done;
    // $disconnect runs after the close: wait until its line is there.
    const file = join(dir, 'aws', 'websocket', 'chat.log');
    let lines: string[] = [];
    for (let i = 0; i < 100 && lines.length < 4; i++) {
      await outputs.idle();
      try {
        lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
      } catch {
        lines = [];
      }
      if (lines.length < 4) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const { connectionId, messageId, connectedAt } = event.requestContext;
    const common = `conn=${connectionId}`;
    const tail = `at=${connectedAt} api=${API} stage=prod ip=127.0.0.1`;
    expect(lines[0]).toBe(`CONNECT $connect 200 ${common} msg=- ${tail} il=- err="-" nope=-`);
    expect(lines[1]).toMatch(
      new RegExp(`^MESSAGE \\$default 200 ${common.replace(/[+/]/g, '\\$&')} msg=${messageId.replace(/[+/]/g, '\\$&')} `),
    );
    expect(lines[2]).toMatch(/^MESSAGE fails 500 .* err="Internal server error"/);
    expect(lines[3]).toMatch(/^DISCONNECT \$disconnect 200 /);
    const snapshot = metrics.snapshot().webSocket?.find((s) => s.apiId === API);
    expect(snapshot?.metrics).toMatchObject({ ConnectCount: 1, ExecutionError: 1, IntegrationError: 0, ClientError: 0 });
    // Two client messages, and two answers sent back (the echo and the error frame).
    expect(snapshot?.metrics.MessageCount).toBe(4);
    expect(snapshot?.routes.map((r) => r.route).sort()).toEqual(['$connect', '$default', '$disconnect', 'fails']);
    expect(renderPrometheus(metrics.snapshot())).toContain(`apigateway_websocket_connect_count_total{api_id="${API}",stage="prod"} 1\n`);
  });
});
