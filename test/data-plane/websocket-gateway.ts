import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { Gateway, type GatewayOptions } from '../../src/data-plane/index.js';
import { createTargetMap } from '../../src/integrations/index.js';
import { LambdaRuntime, type NodeFunctionDefinition } from '../../src/integrations/lambda/index.js';
import {
  ManualClock,
  type Authorizer,
  type DeploymentSnapshot,
  type Integration,
  type Route,
  type ServedApi,
  type ServingConfig,
  type Stage,
} from '../../src/model/index.js';
import { silentLogger } from '../../src/observability/index.js';
import { listen, type Listening } from '../../src/server/listen.js';
import { stage } from './serving-config.js';

/** Hand-built WebSocket APIs and a Gateway serving them on a real port, with the local Lambda runtime. */

export const REGION = 'us-east-2';
export const ACCOUNT = '123456789012';
const HANDLERS = join(import.meta.dirname, '..', 'fixtures', 'lambda', 'websocket');

/** A function of test/fixtures/lambda/websocket/handlers.mjs, by its export name. */
export function fixtureFunction(name: string, environment: Record<string, string> = {}): NodeFunctionDefinition {
  return {
    kind: 'node',
    functionName: name,
    source: 'test',
    code: { kind: 'directory', path: HANDLERS },
    handler: `handlers.${name}`,
    runtime: 'nodejs20.x',
    timeoutSeconds: 5,
    memorySizeMb: 128,
    environment,
  };
}

export function lambdaIntegration(integrationId: string, functionName: string, extra: Partial<Integration> = {}): Integration {
  return {
    integrationId,
    integrationType: 'AWS_PROXY',
    integrationUri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:${functionName}/invocations`,
    connectionType: 'INTERNET',
    payloadFormatVersion: '1.0',
    timeoutInMillis: 29_000,
    ...extra,
  };
}

export function httpIntegration(integrationId: string, uri: string, extra: Partial<Integration> = {}): Integration {
  return {
    integrationId,
    integrationType: 'HTTP_PROXY',
    integrationUri: uri,
    integrationMethod: 'POST',
    connectionType: 'INTERNET',
    payloadFormatVersion: '1.0',
    timeoutInMillis: 29_000,
    ...extra,
  };
}

export function wsRoute(routeKey: string, integrationId?: string, extra: Partial<Route> = {}): Route {
  return {
    routeId: `r${routeKey.replace(/\W/g, '')}`,
    routeKey,
    ...(integrationId === undefined ? {} : { target: `integrations/${integrationId}` }),
    authorizationType: 'NONE',
    apiKeyRequired: false,
    ...extra,
  };
}

export interface WebSocketApiSpec {
  apiId: string;
  routes: Route[];
  integrations: Integration[];
  authorizers?: Authorizer[];
  /** Route keys with a `$default` route response (two-way). */
  twoWay?: string[];
  routeSelectionExpression?: string;
  stages?: string[];
  stageSettings?: Partial<Stage>;
  deploymentId?: string;
}

export function webSocketApi(spec: WebSocketApiSpec): ServedApi {
  const routeResponses: DeploymentSnapshot['webSocket'] = {
    routeSelectionExpression: spec.routeSelectionExpression ?? '$request.body.action',
    apiKeySelectionExpression: '$request.header.x-api-key',
    routeResponses: Object.fromEntries(
      spec.routes
        .filter((r) => spec.twoWay?.includes(r.routeKey))
        .map((r) => [r.routeId, [{ routeResponseId: `rr${r.routeId}`, routeResponseKey: '$default' }]]),
    ),
    integrationResponses: {},
    models: [],
  };
  const snapshot: DeploymentSnapshot = {
    apiId: spec.apiId,
    protocolType: 'WEBSOCKET',
    disableExecuteApiEndpoint: false,
    routes: spec.routes,
    integrations: spec.integrations,
    authorizers: spec.authorizers ?? [],
    webSocket: routeResponses,
  };
  return {
    apiId: spec.apiId,
    name: spec.apiId,
    protocolType: 'WEBSOCKET',
    stages: (spec.stages ?? ['prod']).map((name) => ({
      stage: { ...stage(name), ...spec.stageSettings },
      deployment: { deploymentId: spec.deploymentId ?? 'wsdep1', snapshot: () => snapshot },
    })),
  };
}

export function webSocketConfig(apis: ServedApi[]): ServingConfig {
  return { region: REGION, accountId: ACCOUNT, apis, vpcLinks: {}, domainNames: [] };
}

/** A test sweep timer: the test calls `tick()` after moving the clock. */
export class ManualSweep {
  #tick: (() => void) | undefined;
  every(_ms: number, tick: () => void): () => void {
    this.#tick = tick;
    return () => (this.#tick = undefined);
  }
  tick(): void {
    this.#tick?.();
  }
}

export interface WebSocketGatewayUnderTest {
  readonly gateway: Gateway;
  readonly runtime: LambdaRuntime;
  readonly port: number;
  readonly clock: ManualClock;
  readonly sweep: ManualSweep;
  /** `ws://{apiId}.execute-api.localhost:{port}{path}` is not resolvable everywhere: path-style URL instead. */
  url(apiId: string, path?: string): string;
  close(): Promise<void>;
}

/** A Gateway on the server's own listener (with its upgrade wiring), a Lambda runtime with the fixture functions. */
export async function startWebSocketGateway(
  functions: NodeFunctionDefinition[],
  options: Partial<GatewayOptions> = {},
  /** Where the gateway's clock starts (SigV4 checks signatures against it: tests that sign start it now). */
  start = Date.UTC(2026, 2, 12, 19, 3, 58, 250),
): Promise<WebSocketGatewayUnderTest> {
  const clock = new ManualClock(start);
  const sweep = new ManualSweep();
  // The runtime needs the port the gateway listens on, the gateway a Lambda service: filled in once listening.
  const late: { runtime?: LambdaRuntime } = {};
  const gateway = new Gateway({
    clock,
    logger: silentLogger(),
    targets: createTargetMap({}),
    lambda: { invoke: (name, event) => (late.runtime as LambdaRuntime).invoke(name, event) },
    webSocket: { sweep },
    ...options,
  });
  const server: Listening = await listen(
    '127.0.0.1',
    0,
    (req, res) => {
      if (!gateway.handleEdge(req, res)) res.writeHead(404).end('not an API');
    },
    {},
    undefined,
    (req, socket, head) => gateway.handleUpgrade(req, socket, head),
  );
  // As `portico up` sets it up: functions reach this gateway's @connections API at its execute-api host name.
  const started = new LambdaRuntime(
    {
      region: REGION,
      accountId: ACCOUNT,
      cacheDir: mkdtempSync(join(tmpdir(), 'portico-ws-')),
      executeApi: { host: '127.0.0.1', port: server.port },
      credentials: { accessKeyId: 'AKIDFUNCTION', secretAccessKey: 'function-secret' },
      env: {},
    },
    functions,
  );
  late.runtime = started;
  return {
    gateway,
    runtime: started,
    port: server.port,
    clock,
    sweep,
    url: (apiId, path = '/prod') => `ws://127.0.0.1:${server.port}/_aws/execute-api/${apiId}${path}`,
    close: async () => {
      await gateway.close();
      await server.close();
      await started.close();
    },
  };
}

/** A recorder the fixture functions POST their events to. */
export interface Recorder {
  readonly url: string;
  readonly events: Record<string, unknown>[];
  /** Resolves with the first recorded event matching `test` (now or later). */
  next(test: (event: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startRecorder(): Promise<Recorder> {
  const events: Record<string, unknown>[] = [];
  const waiting: { test: (event: Record<string, unknown>) => boolean; resolve: (event: Record<string, unknown>) => void }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const event = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
      events.push(event);
      for (const waiter of waiting.splice(0))
        if (waiter.test(event)) waiter.resolve(event);
        else waiting.push(waiter);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    events,
    next: (test) => {
      const found = events.find(test);
      return found !== undefined ? Promise.resolve(found) : new Promise((resolve) => waiting.push({ test, resolve }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Open a client; resolves once open, rejects with the HTTP status the handshake got. */
export function connect(url: string, options: { headers?: Record<string, string>; protocols?: string[] } = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options.protocols ?? [], { headers: options.headers ?? {} });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        reject(
          Object.assign(new Error(`handshake refused: ${res.statusCode}`), {
            status: res.statusCode,
            body: Buffer.concat(chunks).toString(),
            headers: res.headers,
          }),
        ),
      );
    });
    ws.once('error', reject);
  });
}

/** The next message the client receives, as text. */
export function nextMessage(ws: WebSocket): Promise<string> {
  return new Promise((resolve) => ws.once('message', (data: Buffer) => resolve(data.toString())));
}

/** Resolves with the close code and reason the client saw. */
export function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })));
}

/** A dedicated API port (`--api-port`) for one API of the gateway, wired as the server wires it. */
export function listenApiPort(gateway: Gateway, apiId: string): Promise<Listening> {
  return listen(
    '127.0.0.1',
    0,
    (req, res) => gateway.handleApi(apiId, req, res),
    {},
    undefined,
    (req, socket, head) => gateway.handleApiUpgrade(apiId, req, socket, head),
  );
}
