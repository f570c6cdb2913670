import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closed,
  connect,
  fixtureFunction,
  httpIntegration,
  lambdaIntegration,
  nextMessage,
  startRecorder,
  startWebSocketGateway,
  webSocketApi,
  webSocketConfig,
  wsRoute,
  type Recorder,
  type WebSocketGatewayUnderTest,
} from '../../../test/data-plane/websocket-gateway.js';
import { echoUpstream, type Listening } from '../../../test/data-plane/servers.js';

const API = 'wsmsg00001';
const ID = /^[A-Za-z0-9+/]{15}=$/;

describe('WebSocket messages: route selection, route responses, error frames (docs/reference/dataplane.md §12)', () => {
  let gw: WebSocketGatewayUnderTest;
  let recorder: Recorder;
  let upstream: Listening;

  beforeAll(async () => {
    recorder = await startRecorder();
    upstream = await echoUpstream('backend');
    const env = { RECORDER_URL: recorder.url };
    gw = await startWebSocketGateway([
      fixtureFunction('recorder', env),
      fixtureFunction('echo'),
      fixtureFunction('reply'),
      fixtureFunction('fails'),
    ]);
    gw.gateway.setConfig(
      webSocketConfig([
        webSocketApi({
          apiId: API,
          routes: [
            wsRoute('$disconnect', 'record'),
            wsRoute('$default', 'echo'),
            wsRoute('sendmessage', 'echo'),
            wsRoute('oneway', 'echo'),
            wsRoute('reply', 'reply'),
            wsRoute('fails', 'fails'),
            wsRoute('nested', 'echo'),
            wsRoute('http', 'http'),
            wsRoute('nointegration'),
            wsRoute('limited', 'echo'),
          ],
          integrations: [
            lambdaIntegration('record', 'recorder'),
            lambdaIntegration('echo', 'echo'),
            lambdaIntegration('reply', 'reply'),
            lambdaIntegration('fails', 'fails'),
            httpIntegration('http', `${upstream.url}/messages?src=ws`, {
              requestParameters: { 'integration.request.header.x-connection': 'context.connectionId' },
            }),
          ],
          twoWay: ['$default', 'sendmessage', 'reply', 'fails', 'nested', 'http', 'nointegration'],
          stageSettings: { routeSettings: { limited: { throttlingBurstLimit: 0, throttlingRateLimit: 0 } } },
        }),
      ]),
    );
  });

  afterAll(async () => {
    await gw?.close();
    await recorder?.close();
    await upstream?.close();
  });

  it('sends a two-way route the MESSAGE event AWS sends and the function body back', async () => {
    const ws = await connect(gw.url(API));
    const body = JSON.stringify({ action: 'sendmessage', text: 'hi' });
    ws.send(body);
    const event = JSON.parse(await nextMessage(ws)) as { requestContext: Record<string, unknown>; body: string; isBase64Encoded: boolean };
    expect(Object.keys(event)).toEqual(['requestContext', 'body', 'isBase64Encoded']);
    expect(event.body).toBe(body);
    expect(event.isBase64Encoded).toBe(false);
    const rc = event.requestContext;
    expect(Object.keys(rc)).toEqual([
      'routeKey',
      'messageId',
      'eventType',
      'extendedRequestId',
      'requestTime',
      'messageDirection',
      'stage',
      'connectedAt',
      'requestTimeEpoch',
      'identity',
      'requestId',
      'domainName',
      'connectionId',
      'apiId',
    ]);
    expect(rc).toMatchObject({
      routeKey: 'sendmessage',
      eventType: 'MESSAGE',
      messageDirection: 'IN',
      stage: 'prod',
      apiId: API,
      requestTime: '12/Mar/2026:19:03:58 +0000',
      domainName: `${API}.execute-api.us-east-2.amazonaws.com`,
      identity: { sourceIp: '127.0.0.1' },
    });
    expect(rc['messageId']).toMatch(ID);
    expect(rc['connectionId']).toMatch(ID);
    expect(rc['requestId']).toBe(rc['extendedRequestId']);
    expect(rc['messageId']).not.toBe(rc['requestId']);
    ws.close();
  });

  it('selects by a nested path, sends non-JSON and unmatched keys to $default, and answers nothing on a one-way route', async () => {
    const ws = await connect(gw.url(API));
    ws.send(JSON.stringify({ action: 'oneway' }));
    ws.send('not json at all');
    const viaDefault = JSON.parse(await nextMessage(ws)) as { requestContext: { routeKey: string }; body: string };
    expect(viaDefault.requestContext.routeKey).toBe('$default');
    expect(viaDefault.body).toBe('not json at all');
    ws.send(JSON.stringify({ action: 'nosuchroute' }));
    expect((JSON.parse(await nextMessage(ws)) as { requestContext: { routeKey: string } }).requestContext.routeKey).toBe('$default');
    ws.close();
  });

  it('sends the body whatever the status, and the "Internal server error" frame for a failed function', async () => {
    const ws = await connect(gw.url(API));
    ws.send(JSON.stringify({ action: 'reply', status: 500, reply: 'still sent' }));
    expect(await nextMessage(ws)).toBe('still sent');
    ws.send(JSON.stringify({ action: 'fails' }));
    const frame = await nextMessage(ws);
    expect(frame).toMatch(
      /^\{"message": "Internal server error", "connectionId":"[A-Za-z0-9+/]{15}=", "requestId":"[A-Za-z0-9+/]{15}="\}$/,
    );
    ws.close();
  });

  it('sends an HTTP_PROXY integration the message as the body, with mapped headers', async () => {
    const ws = await connect(gw.url(API));
    ws.send(JSON.stringify({ action: 'http', n: 1 }));
    const seen = JSON.parse(await nextMessage(ws)) as { method: string; url: string; body: string; headers: Record<string, string> };
    expect(seen).toMatchObject({ method: 'POST', url: '/messages?src=ws', body: '{"action":"http","n":1}' });
    expect(seen.headers['x-connection']).toMatch(ID);
    ws.close();
  });

  it('answers a route without integration with the Internal server error frame, a throttled route with Too Many Requests', async () => {
    const ws = await connect(gw.url(API));
    ws.send(JSON.stringify({ action: 'nointegration' }));
    expect(await nextMessage(ws)).toMatch(/^\{"message": "Internal server error", "connectionId"/);
    ws.send(JSON.stringify({ action: 'limited' }));
    expect(await nextMessage(ws)).toMatch(/^\{"message": "Too Many Requests", "connectionId":"[A-Za-z0-9+/]{15}=", "requestId"/);
    ws.close();
  });

  it('runs $disconnect with the client close code and reason', async () => {
    const ws = await connect(gw.url(API));
    ws.send(JSON.stringify({ action: 'sendmessage' }));
    const connectionId = (JSON.parse(await nextMessage(ws)) as { requestContext: { connectionId: string } }).requestContext.connectionId;
    ws.close(4001, 'bye now');
    const event = await recorder.next(
      (e) =>
        (e['requestContext'] as Record<string, unknown>)['connectionId'] === connectionId &&
        (e['requestContext'] as Record<string, unknown>)['eventType'] === 'DISCONNECT',
    );
    expect(event).toMatchObject({
      headers: { Host: `${API}.execute-api.us-east-2.amazonaws.com`, 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' },
      requestContext: { routeKey: '$disconnect', disconnectStatusCode: 4001, disconnectReason: 'bye now', eventType: 'DISCONNECT' },
      isBase64Encoded: false,
    });
  });

  it('closes with 1003 on a binary frame, as AWS does', async () => {
    const ws = await connect(gw.url(API));
    const done = closed(ws);
    ws.send(Buffer.from([1, 2, 3]));
    expect(await done).toMatchObject({ code: 1003 });
  });
});
