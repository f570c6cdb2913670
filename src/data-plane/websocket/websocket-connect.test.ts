import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Authorizer } from '../../model/index.js';
import {
  connect,
  fixtureFunction,
  lambdaIntegration,
  listenApiPort,
  startRecorder,
  startWebSocketGateway,
  webSocketApi,
  webSocketConfig,
  wsRoute,
  type Recorder,
  type WebSocketGatewayUnderTest,
} from '../../../test/data-plane/websocket-gateway.js';
import { httpProxy, route, servedApi } from '../../../test/data-plane/serving-config.js';
import { echoUpstream, type Listening } from '../../../test/data-plane/servers.js';

const OPEN = 'wsopen0001';
const GUARDED = 'wsauth0001';
const HTTP_API = 'httpapi001';

interface Refusal {
  status: number;
  body: string;
  headers: Record<string, string>;
}

function refusal(promise: Promise<unknown>): Promise<Refusal> {
  return promise.then(
    () => {
      throw new Error('the handshake was accepted');
    },
    (error: Refusal) => error,
  );
}

const authorizer: Authorizer = {
  authorizerId: 'auth1',
  name: 'connect-auth',
  authorizerType: 'REQUEST',
  authorizerUri:
    'arn:aws:apigateway:us-east-2:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-2:123456789012:function:authorizer/invocations',
  identitySource: ['route.request.header.Auth'],
  authorizerResultTtlInSeconds: 0,
};

describe('$connect: authorizer, integration, the upgrade (docs/reference/dataplane.md §12)', () => {
  let gw: WebSocketGatewayUnderTest;
  let recorder: Recorder;
  let backend: Listening;

  beforeAll(async () => {
    recorder = await startRecorder();
    backend = await echoUpstream('http-api');
    const env = { RECORDER_URL: recorder.url };
    gw = await startWebSocketGateway([
      fixtureFunction('connect', env),
      fixtureFunction('authorizer', env),
      fixtureFunction('recorder', env),
    ]);
    const config = webSocketConfig([
      webSocketApi({
        apiId: OPEN,
        routes: [wsRoute('$connect', 'connect'), wsRoute('$default', 'record')],
        integrations: [lambdaIntegration('connect', 'connect'), lambdaIntegration('record', 'recorder')],
      }),
      webSocketApi({
        apiId: GUARDED,
        routes: [wsRoute('$connect', 'connect', { authorizationType: 'CUSTOM', authorizerId: 'auth1' })],
        integrations: [lambdaIntegration('connect', 'connect')],
        authorizers: [authorizer],
      }),
    ]);
    config.apis.push(servedApi({ apiId: HTTP_API, routes: [route('GET /chat', 'b')], integrations: [httpProxy('b', backend.url)] }));
    config.domainNames = [
      { domainName: 'chat.example.com', mappings: [{ apiMappingId: 'm1', apiId: OPEN, stage: 'prod', apiMappingKey: 'live' }] },
    ];
    gw.gateway.setConfig(config);
  });

  afterAll(async () => {
    await gw?.close();
    await recorder?.close();
    await backend?.close();
  });

  it('sends the $connect function the CONNECT event with the upgrade request headers and query', async () => {
    const ws = await connect(`${gw.url(OPEN)}?room=blue&room=green`, { headers: { 'User-Agent': 'wscat/6', 'X-Custom': 'yes' } });
    const event = await recorder.next((e) => (e['requestContext'] as { eventType?: string }).eventType === 'CONNECT');
    expect(Object.keys(event)).toEqual([
      'headers',
      'multiValueHeaders',
      'queryStringParameters',
      'multiValueQueryStringParameters',
      'requestContext',
      'isBase64Encoded',
    ]);
    const headers = event['headers'] as Record<string, string>;
    expect(headers).toMatchObject({
      'User-Agent': 'wscat/6',
      'X-Custom': 'yes',
      'Sec-WebSocket-Version': '13',
      'X-Forwarded-Proto': 'http',
    });
    expect(headers['Connection']).toBeUndefined();
    expect(headers['Upgrade']).toBeUndefined();
    expect(headers['X-Amzn-Trace-Id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(event['queryStringParameters']).toEqual({ room: 'green' });
    expect(event['multiValueQueryStringParameters']).toEqual({ room: ['blue', 'green'] });
    expect(event['requestContext']).toMatchObject({
      routeKey: '$connect',
      eventType: 'CONNECT',
      messageDirection: 'IN',
      stage: 'prod',
      identity: { userAgent: 'wscat/6', sourceIp: '127.0.0.1' },
      domainName: `${OPEN}.execute-api.us-east-2.amazonaws.com`,
      apiId: OPEN,
    });
    expect(event['isBase64Encoded']).toBe(false);
    ws.close();
  });

  it('refuses the upgrade with the status a $connect function returns, 502 when it throws, and passes its subprotocol on', async () => {
    expect((await refusal(connect(`${gw.url(OPEN)}?status=401`))).status).toBe(401);
    expect((await refusal(connect(`${gw.url(OPEN)}?status=301`))).status).toBe(301);
    expect((await refusal(connect(`${gw.url(OPEN)}?throw=1`))).status).toBe(502);
    const ws = await connect(`${gw.url(OPEN)}?protocol=chat.v2`, { protocols: ['chat.v1', 'chat.v2'] });
    expect(ws.protocol).toBe('chat.v2');
    ws.close();
  });

  it('authorizes $connect with a Lambda REQUEST authorizer: 401 without the identity source, 401 Unauthorized, 403 deny, 500 error', async () => {
    const missing = await refusal(connect(gw.url(GUARDED)));
    expect(missing).toMatchObject({ status: 401, body: '{"message":"Unauthorized"}' });
    expect((await refusal(connect(gw.url(GUARDED), { headers: { Auth: 'unauthorized' } }))).status).toBe(401);
    expect(await refusal(connect(gw.url(GUARDED), { headers: { Auth: 'deny' } }))).toMatchObject({
      status: 403,
      body: '{"message":"Forbidden"}',
    });
    expect((await refusal(connect(gw.url(GUARDED), { headers: { Auth: 'garbage' } }))).status).toBe(500);
    const ws = await connect(gw.url(GUARDED), { headers: { Auth: 'allow-alice' } });
    const event = await recorder.next((e) => e['type'] === 'REQUEST' && (e['headers'] as Record<string, string>)['Auth'] === 'allow-alice');
    expect(event['methodArn']).toBe(`arn:aws:execute-api:us-east-2:123456789012:${GUARDED}/prod/$connect`);
    expect((event['headers'] as Record<string, string>)['Upgrade']).toBe('websocket');
    const connected = await recorder.next((e) => e['type'] === undefined && (e['requestContext'] as { apiId?: string }).apiId === GUARDED);
    expect((connected['requestContext'] as Record<string, unknown>)['authorizer']).toMatchObject({
      principalId: 'alice',
      team: 'chat',
      level: 3,
    });
    ws.close();
  });

  it('serves a custom domain (the mapping key instead of the stage) and a dedicated API port', async () => {
    const viaDomain = await connect(`ws://127.0.0.1:${gw.port}/live`, { headers: { Host: 'chat.example.com' } });
    const event = await recorder.next(
      (e) => (e['requestContext'] as { domainName?: string; eventType?: string }).domainName === 'chat.example.com',
    );
    expect(event['requestContext']).toMatchObject({ stage: 'prod', apiId: OPEN, eventType: 'CONNECT' });
    viaDomain.close();
    const apiPort = await listenApiPort(gw.gateway, OPEN);
    const viaPort = await connect(`ws://127.0.0.1:${apiPort.port}/prod`);
    expect(viaPort.readyState).toBe(viaPort.OPEN);
    viaPort.close();
    await apiPort.close();
  });

  it('answers 403 for a stage that does not exist and for a path below the stage', async () => {
    expect(await refusal(connect(gw.url(OPEN, '/nostage')))).toMatchObject({ status: 403, body: '{"message":"Forbidden"}' });
    expect((await refusal(connect(gw.url(OPEN, '/prod/extra')))).status).toBe(403);
  });

  it('answers a plain request to a WebSocket API 403, and an upgrade request to an HTTP API as that API answers it', async () => {
    const plain = await new Promise<number>((resolve, reject) => {
      const req = request(`http://127.0.0.1:${gw.port}/_aws/execute-api/${OPEN}/prod`, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject).end();
    });
    expect(plain).toBe(403);
    const viaHttpApi = await refusal(connect(`ws://127.0.0.1:${gw.port}/_aws/execute-api/${HTTP_API}/chat`));
    expect(viaHttpApi.status).toBe(200);
    expect(JSON.parse(viaHttpApi.body)).toMatchObject({ name: 'http-api', method: 'GET', url: '/chat' });
  });
});
