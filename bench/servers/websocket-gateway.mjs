// The WebSocket scenario's gateway: Portico's data plane (the built dist/) serving one WebSocket API
// with a `$default` Lambda route and an `http` route to the echo backend, both two-way, on its own
// port; GET /rss answers the process's resident set size.
//
// Usage: node bench/servers/websocket-gateway.mjs PORT BACKEND_URL   (prints "listening PORT" when ready)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Gateway } from '../../dist/data-plane/index.js';
import { createTargetMap } from '../../dist/integrations/index.js';
import { LambdaRuntime } from '../../dist/integrations/lambda/index.js';
import { systemClock } from '../../dist/model/index.js';
import { silentLogger } from '../../dist/observability/index.js';
import { listen } from '../../dist/server/listen.js';

const [port, backend] = [Number(process.argv[2]), process.argv[3]];
const API = 'wsbench001';
const runtime = new LambdaRuntime(
  { region: 'us-east-1', accountId: '000000000000', cacheDir: mkdtempSync(join(tmpdir(), 'portico-bench-ws-')), env: process.env },
  [
    {
      kind: 'node',
      functionName: 'echo',
      source: 'bench',
      code: { kind: 'directory', path: join(import.meta.dirname, '..', 'fixtures', 'websocket') },
      handler: 'echo.handler',
      runtime: 'nodejs20.x',
      timeoutSeconds: 5,
      memorySizeMb: 256,
      environment: {},
    },
  ],
);
const gateway = new Gateway({ clock: systemClock, logger: silentLogger(), targets: createTargetMap({}), lambda: runtime });
const integration = (integrationId, type, uri) => ({
  integrationId,
  integrationType: type,
  integrationUri: uri,
  integrationMethod: 'POST',
  connectionType: 'INTERNET',
  payloadFormatVersion: '1.0',
  timeoutInMillis: 29000,
});
const route = (routeKey, integrationId) => ({
  routeId: `r${integrationId}`,
  routeKey,
  target: `integrations/${integrationId}`,
  authorizationType: 'NONE',
  apiKeyRequired: false,
});
const snapshot = {
  apiId: API,
  protocolType: 'WEBSOCKET',
  disableExecuteApiEndpoint: false,
  routes: [route('$default', 'lambda'), route('http', 'http')],
  integrations: [
    integration('lambda', 'AWS_PROXY', 'arn:aws:lambda:us-east-1:000000000000:function:echo'),
    integration('http', 'HTTP_PROXY', `${backend}/echo`),
  ],
  authorizers: [],
  webSocket: {
    routeSelectionExpression: '$request.body.action',
    apiKeySelectionExpression: '$request.header.x-api-key',
    routeResponses: {
      rlambda: [{ routeResponseId: 'a', routeResponseKey: '$default' }],
      rhttp: [{ routeResponseId: 'b', routeResponseKey: '$default' }],
    },
    integrationResponses: {},
    models: [],
  },
};
const stage = {
  stageName: 'bench',
  autoDeploy: true,
  defaultRouteSettings: {},
  routeSettings: {},
  stageVariables: {},
  tags: {},
  createdDate: '2026-01-01T00:00:00Z',
  lastUpdatedDate: '2026-01-01T00:00:00Z',
};
gateway.setConfig({
  region: 'us-east-1',
  accountId: '000000000000',
  vpcLinks: {},
  domainNames: [],
  apis: [
    { apiId: API, name: API, protocolType: 'WEBSOCKET', stages: [{ stage, deployment: { deploymentId: 'd1', snapshot: () => snapshot } }] },
  ],
});
const server = await listen(
  '127.0.0.1',
  port,
  (req, res) => {
    if (req.url === '/rss') {
      globalThis.gc?.();
      return void res.end(JSON.stringify({ rss: process.memoryUsage().rss, connections: gateway.webSocketConnections }));
    }
    if (!gateway.handleEdge(req, res)) res.writeHead(404).end();
  },
  {},
  undefined,
  (req, socket, head) => gateway.handleUpgrade(req, socket, head),
);
process.stdout.write(`listening ${server.port}\n`);
process.on(
  'SIGTERM',
  () =>
    void gateway
      .close()
      .then(() => server.close())
      .then(() => runtime.close())
      .then(() => process.exit(0)),
);
