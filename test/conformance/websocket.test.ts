import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
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
} from '../data-plane/websocket-gateway.js';

const S121 = 'docs/reference/dataplane.md §12.1';
const S122 = 'docs/reference/dataplane.md §12.2';
const S123 = 'docs/reference/dataplane.md §12.3';
const S124 = 'docs/reference/dataplane.md §12.4';
const S126 = 'docs/reference/dataplane.md §12.6';

/**
 * The WebSocket conformance table: each row is a client's session — the upgrade (its path and
 * query), the messages it sends — and what AWS answers: the handshake's refusal, the frames the client
 * receives (exact text, a pattern, or a JSON value a frame must contain), or the close code. The
 * fixture API below is what every row runs against; `ref` is where the behaviour comes from.
 */
interface WsRow {
  readonly ref: string;
  readonly name: string;
  /** Path after the API (default `/prod`), query included. */
  readonly path?: string;
  readonly headers?: Record<string, string>;
  /** Frames to send: text, or a Buffer sent as a binary frame. */
  readonly send?: readonly (string | Buffer)[];
  readonly expect:
    | { readonly refused: number; readonly body?: string }
    | { readonly frames: readonly (string | RegExp | Record<string, unknown>)[] }
    | { readonly close: number };
}

const ERROR_FRAME = (message: string): RegExp =>
  new RegExp(`^\\{"message": "${message}", "connectionId":"[A-Za-z0-9+/]{15}=", "requestId":"[A-Za-z0-9+/]{15}="\\}$`);

const rows: WsRow[] = [
  {
    ref: S121,
    name: 'a stage that does not exist: 403 before any upgrade',
    path: '/beta',
    expect: { refused: 403, body: '{"message":"Forbidden"}' },
  },
  { ref: S121, name: 'a path below the stage: 403', path: '/prod/chat', expect: { refused: 403 } },
  {
    ref: S121,
    name: '$request.body.action selects the route',
    send: ['{"action":"echo","n":1}'],
    expect: { frames: [{ requestContext: { routeKey: 'echo' } }] },
  },
  {
    ref: S121,
    name: 'a nested path: ${request.body.a.b} on the second API',
    path: '/nested',
    send: ['{"a":{"b":"echo"}}'],
    expect: { frames: [{ requestContext: { routeKey: 'echo' } }] },
  },
  {
    ref: S121,
    name: 'an unmatched key goes to $default',
    send: ['{"action":"nothing"}'],
    expect: { frames: [{ requestContext: { routeKey: '$default' } }] },
  },
  {
    ref: S121,
    name: 'a message that is not JSON goes to $default',
    send: ['hello'],
    expect: { frames: [{ requestContext: { routeKey: '$default' }, body: 'hello' }] },
  },
  {
    ref: S124,
    name: 'no route and no $default: the Forbidden error frame',
    path: '/nested',
    send: ['{"a":{"b":"none"}}'],
    expect: { frames: [ERROR_FRAME('Forbidden')] },
  },
  { ref: S122, name: '$connect answering 401: the handshake gets 401', path: '/prod?status=401', expect: { refused: 401 } },
  { ref: S122, name: '$connect answering 301: the handshake gets 301', path: '/prod?status=301', expect: { refused: 301 } },
  { ref: S122, name: '$connect throwing: 502', path: '/prod?throw=1', expect: { refused: 502 } },
  {
    ref: S123,
    name: 'MESSAGE event: eventType, messageDirection, stage, domainName',
    send: ['{"action":"echo"}'],
    expect: {
      frames: [
        {
          requestContext: {
            eventType: 'MESSAGE',
            messageDirection: 'IN',
            stage: 'prod',
            domainName: 'wsconf0001.execute-api.us-east-2.amazonaws.com',
          },
          isBase64Encoded: false,
        },
      ],
    },
  },
  {
    ref: S124,
    name: 'a two-way route sends the body whatever the status',
    send: ['{"action":"reply","status":401,"reply":"no"}'],
    expect: { frames: ['no'] },
  },
  {
    ref: S124,
    name: 'a one-way route sends nothing back (the next frame answers the next message)',
    send: ['{"action":"oneway"}', 'after'],
    expect: { frames: [{ body: 'after' }] },
  },
  {
    ref: S124,
    name: 'a failed integration: the Internal server error frame',
    send: ['{"action":"fails"}'],
    expect: { frames: [ERROR_FRAME('Internal server error')] },
  },
  { ref: S124, name: 'a binary frame: close 1003', send: [Buffer.from([0, 1, 2])], expect: { close: 1003 } },
  { ref: S126, name: 'a frame over 32 KB: close 1009', send: ['x'.repeat(32 * 1024 + 1)], expect: { close: 1009 } },
  {
    ref: S126,
    name: 'a message of 32 KB passes',
    send: [`{"action":"echo","pad":"${'p'.repeat(32 * 1024 - 30)}"}`],
    expect: { frames: [{ requestContext: { routeKey: 'echo' } }] },
  },
];

function contains(actual: unknown, expected: unknown): void {
  expect(actual).toMatchObject(expected as Record<string, unknown>);
}

describe('conformance: WebSocket APIs', () => {
  let gw: WebSocketGatewayUnderTest;
  const API = 'wsconf0001';
  const NESTED = 'wsconf0002';

  beforeAll(async () => {
    gw = await startWebSocketGateway(['connect', 'echo', 'reply', 'fails'].map((name) => fixtureFunction(name)));
    const integrations = ['connect', 'echo', 'reply', 'fails'].map((name) => lambdaIntegration(name, name));
    gw.gateway.setConfig(
      webSocketConfig([
        webSocketApi({
          apiId: API,
          routes: [
            wsRoute('$connect', 'connect'),
            wsRoute('$default', 'echo'),
            wsRoute('echo', 'echo'),
            wsRoute('reply', 'reply'),
            wsRoute('fails', 'fails'),
            wsRoute('oneway', 'echo'),
          ],
          integrations,
          twoWay: ['$default', 'echo', 'reply', 'fails'],
        }),
        webSocketApi({
          apiId: NESTED,
          routes: [wsRoute('echo', 'echo')],
          integrations,
          twoWay: ['echo'],
          routeSelectionExpression: '${request.body.a.b}',
          stages: ['nested'],
        }),
      ]),
    );
  });

  afterAll(async () => {
    await gw?.close();
  });

  for (const row of rows)
    it(`${row.ref}: ${row.name}`, async () => {
      const path = row.path ?? '/prod';
      const apiId = path.startsWith('/nested') ? NESTED : API;
      const attempt = connect(gw.url(apiId, path), { headers: row.headers ?? {} });
      if ('refused' in row.expect) {
        const refusal = (await attempt.then(
          () => undefined,
          (error: { status: number; body: string }) => error,
        )) as { status: number; body: string } | undefined;
        expect(refusal?.status).toBe(row.expect.refused);
        if (row.expect.body !== undefined) expect(refusal?.body).toBe(row.expect.body);
        return;
      }
      const ws: WebSocket = await attempt;
      const frames: string[] = [];
      const wanted = 'frames' in row.expect ? row.expect.frames.length : 0;
      const allFrames = new Promise<void>((resolve) => {
        if (wanted === 0) resolve();
        ws.on('message', (data: Buffer) => {
          frames.push(data.toString());
          if (frames.length === wanted) resolve();
        });
      });
      const end = closed(ws);
      for (const frame of row.send ?? []) ws.send(frame);
      if ('close' in row.expect) {
        expect((await end).code).toBe(row.expect.close);
        return;
      }
      if ('frames' in row.expect) {
        await allFrames;
        row.expect.frames.forEach((expected, i) => {
          const frame = frames[i] ?? '';
          if (typeof expected === 'string') expect(frame).toBe(expected);
          else if (expected instanceof RegExp) expect(frame).toMatch(expected);
          else contains(JSON.parse(frame), expected);
        });
      }
      ws.close();
    });

  it(`${S124}: after the Internal server error frame the connection stays open`, async () => {
    const ws = await connect(gw.url(API));
    ws.send('{"action":"fails"}');
    expect(await nextMessage(ws)).toMatch(ERROR_FRAME('Internal server error'));
    ws.send('{"action":"reply","reply":"still open"}');
    expect(await nextMessage(ws)).toBe('still open');
    ws.close();
  });
});
