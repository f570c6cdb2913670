import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PayloadTooLargeException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closed,
  connect,
  fixtureFunction,
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
import { send } from '../../../test/data-plane/servers.js';
import { awsSigner } from '../../../test/e2e/control-plane/aws-signer.js';

const API = 'wsmgmt0001';
const IAM_API = 'wsiam00001';
// SigV4 signatures carry the real time: the gateway's clock starts there.
const START = Date.now();
const KEYS = { accessKeyId: 'AKIDWEBSOCKET', secretAccessKey: 'websocket-secret' };

describe('@connections management API and connection limits (docs/reference/dataplane.md §12)', () => {
  let gw: WebSocketGatewayUnderTest;
  let recorder: Recorder;
  let client: ApiGatewayManagementApiClient;

  beforeAll(async () => {
    recorder = await startRecorder();
    gw = await startWebSocketGateway(
      [fixtureFunction('recorder', { RECORDER_URL: recorder.url }), fixtureFunction('echo')],
      { credentials: [KEYS] },
      START,
    );
    gw.gateway.setConfig(
      webSocketConfig([
        webSocketApi({
          apiId: API,
          routes: [wsRoute('$disconnect', 'record'), wsRoute('$default', 'echo')],
          integrations: [lambdaIntegration('record', 'recorder'), lambdaIntegration('echo', 'echo')],
          twoWay: ['$default'],
        }),
        webSocketApi({
          apiId: IAM_API,
          routes: [wsRoute('$connect', undefined, { authorizationType: 'AWS_IAM' }), wsRoute('$default', 'echo')],
          integrations: [lambdaIntegration('echo', 'echo')],
          twoWay: ['$default'],
        }),
      ]),
    );
    client = new ApiGatewayManagementApiClient({
      endpoint: `http://127.0.0.1:${gw.port}/_aws/execute-api/${API}/prod`,
      region: 'us-east-2',
      credentials: KEYS,
    });
  });

  afterAll(async () => {
    client?.destroy();
    await gw?.close();
    await recorder?.close();
  });

  async function open(): Promise<{ ws: Awaited<ReturnType<typeof connect>>; connectionId: string }> {
    const ws = await connect(gw.url(API), { headers: { 'User-Agent': 'test-client/1' } });
    ws.send('who am i');
    const event = JSON.parse(await nextMessage(ws)) as { requestContext: { connectionId: string } };
    return { ws, connectionId: event.requestContext.connectionId };
  }

  it('posts to, describes and deletes a connection with the AWS SDK; a closed id is GoneException', async () => {
    const { ws, connectionId } = await open();
    const received = nextMessage(ws);
    await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: new TextEncoder().encode('from the backend') }));
    expect(await received).toBe('from the backend');
    const info = await client.send(new GetConnectionCommand({ ConnectionId: connectionId }));
    expect(info.Identity).toEqual({ SourceIp: '127.0.0.1', UserAgent: 'test-client/1' });
    expect(info.ConnectedAt?.getTime()).toBe(START);
    expect(info.LastActiveAt).toBeInstanceOf(Date);
    const gone = closed(ws);
    await client.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
    expect((await gone).code).toBe(1000);
    await expect(
      client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: new Uint8Array([65]) })),
    ).rejects.toBeInstanceOf(GoneException);
    await expect(client.send(new GetConnectionCommand({ ConnectionId: 'AAAAAAAAAAAAAAA=' }))).rejects.toBeInstanceOf(GoneException);
  });

  it('refuses more than 128 KB (PayloadTooLargeException), unsigned or badly signed requests and other paths', async () => {
    const { ws, connectionId } = await open();
    await expect(
      client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: new Uint8Array(128 * 1024 + 1) })),
    ).rejects.toBeInstanceOf(PayloadTooLargeException);
    const path = `/_aws/execute-api/${API}/prod/@connections/${encodeURIComponent(connectionId)}`;
    const unsigned = await send(gw.port, { method: 'POST', path, body: 'x' });
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers['x-amzn-errortype']).toBe('MissingAuthenticationTokenException');
    const stranger = new ApiGatewayManagementApiClient({
      endpoint: `http://127.0.0.1:${gw.port}/_aws/execute-api/${API}/prod`,
      region: 'us-east-2',
      credentials: { accessKeyId: 'AKIDSTRANGER', secretAccessKey: 'nope' },
    });
    await expect(stranger.send(new GetConnectionCommand({ ConnectionId: connectionId }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 403 },
    });
    stranger.destroy();
    const elsewhere = await send(gw.port, {
      method: 'GET',
      path: `/_aws/execute-api/${API}/@connections/${encodeURIComponent(connectionId)}`,
    });
    expect(elsewhere).toMatchObject({ status: 403, body: '{"message":"Forbidden"}' });
    ws.close();
  });

  it('authorizes an AWS_IAM $connect by the SigV4 signature of the upgrade request: 403 unsigned or unknown keys', async () => {
    const path = `/_aws/execute-api/${IAM_API}/prod`;
    const host = `127.0.0.1:${gw.port}`;
    const sign = async (keys: { accessKeyId: string; secretAccessKey: string }) =>
      (
        await awsSigner({ ...keys, region: 'us-east-2', service: 'execute-api' }).sign({
          method: 'GET',
          protocol: 'http:',
          hostname: '127.0.0.1',
          port: gw.port,
          path,
          headers: { host },
        })
      ).headers as Record<string, string>;
    const unsigned = await connect(gw.url(IAM_API)).then(
      () => undefined,
      (error: { status: number; headers: Record<string, string> }) => error,
    );
    expect(unsigned?.status).toBe(403);
    expect(unsigned?.headers['x-amzn-errortype']).toBe('IncompleteSignatureException');
    const stranger = await connect(gw.url(IAM_API), { headers: await sign({ accessKeyId: 'AKIDSTRANGER', secretAccessKey: 'x' }) }).then(
      () => undefined,
      (error: { status: number }) => error,
    );
    expect(stranger?.status).toBe(403);
    const ws = await connect(gw.url(IAM_API), { headers: await sign(KEYS) });
    ws.send('signed in');
    expect(
      (JSON.parse(await nextMessage(ws)) as { requestContext: { identity: Record<string, unknown> } }).requestContext.identity,
    ).toMatchObject({
      accessKey: KEYS.accessKeyId,
      accountId: '123456789012',
      sourceIp: '127.0.0.1',
    });
    ws.close();
  });

  it('closes a connection idle for 10 minutes and one open for 2 hours with 1001, and runs $disconnect with that code', async () => {
    const { ws, connectionId } = await open();
    const idle = closed(ws);
    gw.clock.advance(9 * 60_000);
    gw.sweep.tick();
    ws.send('still here');
    await nextMessage(ws);
    gw.clock.advance(9 * 60_000);
    gw.sweep.tick();
    expect(ws.readyState).toBe(ws.OPEN);
    gw.clock.advance(60_000);
    gw.sweep.tick();
    expect(await idle).toEqual({ code: 1001, reason: 'Going away' });
    const event = await recorder.next((e) => (e['requestContext'] as { connectionId?: string }).connectionId === connectionId);
    expect(event['requestContext']).toMatchObject({ disconnectStatusCode: 1001, disconnectReason: 'Going away' });

    const busy = await open();
    const old = closed(busy.ws);
    for (let minute = 0; minute < 120; minute += 5) {
      gw.clock.advance(5 * 60_000);
      busy.ws.send('keep alive');
      await nextMessage(busy.ws);
      gw.sweep.tick();
    }
    expect((await old).code).toBe(1001);
  });

  it('closes with 1009 on a frame over 32 KB and a message over 128 KB; 128 KB in 32 KB frames passes', async () => {
    const { ws } = await open();
    const fragments = [0, 1, 2, 3].map(() => 'a'.repeat(32 * 1024));
    fragments.forEach((fragment, i) => ws.send(fragment, { fin: i === fragments.length - 1 }));
    const echoed = JSON.parse(await nextMessage(ws)) as { body: string };
    expect(echoed.body.length).toBe(128 * 1024);
    const bigFrame = closed(ws);
    ws.send('b'.repeat(32 * 1024 + 1));
    expect((await bigFrame).code).toBe(1009);

    const second = await open();
    const tooLong = closed(second.ws);
    for (let i = 0; i < 5; i++) second.ws.send('c'.repeat(30 * 1024), { fin: i === 4 });
    expect((await tooLong).code).toBe(1009);
  });
});
