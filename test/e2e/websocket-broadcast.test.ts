import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connect,
  fixtureFunction,
  lambdaIntegration,
  nextMessage,
  startWebSocketGateway,
  webSocketApi,
  webSocketConfig,
  wsRoute,
  type WebSocketGatewayUnderTest,
} from '../data-plane/websocket-gateway.js';

const API = 'wschat0001';

/**
 * A local Node.js function running AWS's own `@connections` sample code — the SDK v3 client pointed
 * at `https://${event.requestContext.domainName}/${event.requestContext.stage}` — reaches this
 * gateway unchanged (docs/compatibility.md, "WebSocket APIs").
 */
describe('@connections from a local Lambda function with unchanged handler code', () => {
  let gw: WebSocketGatewayUnderTest;

  beforeAll(async () => {
    gw = await startWebSocketGateway([fixtureFunction('broadcast'), fixtureFunction('echo')]);
    gw.gateway.setConfig(
      webSocketConfig([
        webSocketApi({
          apiId: API,
          routes: [wsRoute('broadcast', 'broadcast'), wsRoute('whoami', 'echo')],
          integrations: [lambdaIntegration('broadcast', 'broadcast'), lambdaIntegration('echo', 'echo')],
          twoWay: ['whoami'],
        }),
      ]),
    );
  });

  afterAll(async () => {
    await gw?.close();
  });

  it('broadcasts to every connection through ApiGatewayManagementApiClient', async () => {
    const clients = await Promise.all([connect(gw.url(API)), connect(gw.url(API)), connect(gw.url(API))]);
    const ids: string[] = [];
    for (const ws of clients) {
      ws.send(JSON.stringify({ action: 'whoami' }));
      ids.push((JSON.parse(await nextMessage(ws)) as { requestContext: { connectionId: string } }).requestContext.connectionId);
    }
    const received = clients.map((ws) => nextMessage(ws));
    clients[0]?.send(JSON.stringify({ action: 'broadcast', to: ids, text: 'hello, room' }));
    expect(await Promise.all(received)).toEqual(['hello, room', 'hello, room', 'hello, room']);
    for (const ws of clients) ws.close();
  });
});
