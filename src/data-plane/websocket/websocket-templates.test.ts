import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Integration } from '../../model/index.js';
import {
  connect,
  nextMessage,
  startWebSocketGateway,
  webSocketApi,
  webSocketConfig,
  wsRoute,
  type WebSocketGatewayUnderTest,
} from '../../../test/data-plane/websocket-gateway.js';
import { echoUpstream, type Listening } from '../../../test/data-plane/servers.js';

const API = 'wsvtl00001';

function mock(integrationId: string, requestTemplates: Record<string, string>, extra: Partial<Integration> = {}): Integration {
  return {
    integrationId,
    integrationType: 'MOCK',
    connectionType: 'INTERNET',
    payloadFormatVersion: '1.0',
    timeoutInMillis: 29_000,
    requestTemplates,
    ...extra,
  };
}

/** MOCK and HTTP (non-proxy) integrations with mapping templates (https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-data-transformations.html). */
describe('WebSocket integrations with mapping templates', () => {
  let gw: WebSocketGatewayUnderTest;
  let upstream: Listening;

  beforeAll(async () => {
    upstream = await echoUpstream('templated');
    gw = await startWebSocketGateway([]);
    const api = webSocketApi({
      apiId: API,
      routes: [wsRoute('mock', 'mock'), wsRoute('status', 'status'), wsRoute('http', 'http'), wsRoute('never', 'never')],
      integrations: [
        mock('mock', { $default: '{"statusCode": 200}' }),
        mock('status', { $default: '{"statusCode": $input.json(\'$.code\')}' }),
        {
          integrationId: 'http',
          integrationType: 'HTTP',
          integrationUri: `${upstream.url}/templated`,
          integrationMethod: 'POST',
          connectionType: 'INTERNET',
          payloadFormatVersion: '1.0',
          timeoutInMillis: 29_000,
          requestTemplates: { 'application/json': '{"wrapped": $input.body, "who": "$context.connectionId"}' },
        },
        mock('never', { 'text/plain': '{"statusCode": 200}' }, { passthroughBehavior: 'NEVER' }),
      ],
      twoWay: ['mock', 'status', 'http', 'never'],
    });
    const snapshot = api.stages[0]?.deployment?.snapshot();
    if (snapshot?.webSocket === undefined) throw new Error('no snapshot');
    snapshot.webSocket.integrationResponses = {
      mock: [
        {
          integrationResponseId: 'ir1',
          integrationResponseKey: '$default',
          responseTemplates: { $default: '{"route":"$context.routeKey","connection":"$context.connectionId"}' },
        },
      ],
      status: [
        {
          integrationResponseId: 'ir2',
          integrationResponseKey: '/5\\d\\d/',
          responseTemplates: { $default: 'failed with $context.routeKey' },
        },
        { integrationResponseId: 'ir3', integrationResponseKey: '$default', responseTemplates: { $default: 'fine' } },
      ],
      http: [{ integrationResponseId: 'ir4', integrationResponseKey: '$default' }],
    };
    const frozen = snapshot;
    const served = api.stages[0];
    if (served?.deployment !== undefined) served.deployment = { deploymentId: 'vtl1', snapshot: () => frozen };
    gw.gateway.setConfig(webSocketConfig([api]));
  });

  afterAll(async () => {
    await gw?.close();
    await upstream?.close();
  });

  it('answers a MOCK route with its integration response template, rendered with $context', async () => {
    const ws = await connect(gw.url(API));
    ws.send('{"action":"mock"}');
    const frame = JSON.parse(await nextMessage(ws)) as { route: string; connection: string };
    expect(frame.route).toBe('mock');
    expect(frame.connection).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    ws.close();
  });

  it('selects the integration response by the MOCK status: /5\\d\\d/ or $default', async () => {
    const ws = await connect(gw.url(API));
    ws.send('{"action":"status","code":503}');
    expect(await nextMessage(ws)).toBe('failed with status');
    ws.send('{"action":"status","code":201}');
    expect(await nextMessage(ws)).toBe('fine');
    ws.close();
  });

  it('sends an HTTP integration the rendered request template and passes its response through', async () => {
    const ws = await connect(gw.url(API));
    ws.send('{"action":"http","n":7}');
    const echoed = JSON.parse(await nextMessage(ws)) as { body: string; url: string };
    expect(echoed.url).toBe('/templated');
    expect(JSON.parse(echoed.body)).toMatchObject({ wrapped: { action: 'http', n: 7 }, who: expect.stringMatching(/=$/) });
    ws.close();
  });

  it('refuses a message no template takes under passthroughBehavior NEVER with the Internal server error frame', async () => {
    const ws = await connect(gw.url(API));
    ws.send('{"action":"never"}');
    expect(await nextMessage(ws)).toMatch(/^\{"message": "Internal server error"/);
    ws.close();
  });
});
