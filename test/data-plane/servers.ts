import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { Gateway, type GatewayOptions } from '../../src/data-plane/index.js';
import { createTargetMap } from '../../src/integrations/index.js';
import { ManualClock } from '../../src/model/index.js';
import { silentLogger } from '../../src/observability/index.js';

export interface Listening {
  readonly server: Server;
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/** A node:http server on 127.0.0.1, port 0. */
export async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Listening> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Echo {
  name: string;
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: string;
  bodyBytes: number;
}

/** An upstream that answers every request with what it received, as JSON. */
export function echoUpstream(name = 'echo'): Promise<Listening> {
  return listen((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const echo: Echo = {
        name,
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body: body.length > 1000 ? '' : body.toString(),
        bodyBytes: body.length,
      };
      res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': name });
      res.end(JSON.stringify(echo));
    });
  });
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SendOptions {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  /** A string or Buffer is sent with Content-Length; an array is written chunk by chunk (chunked). */
  body?: string | Buffer | (string | Buffer)[];
}

/** One request over a fresh connection; resolves with the response, even when the server closes early. */
export function send(port: number, options: SendOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (Array.isArray(options.body)) {
      for (const chunk of options.body) req.write(chunk);
      req.end();
    } else req.end(options.body);
  });
}

export interface GatewayUnderTest extends Listening {
  readonly gateway: Gateway;
  /** Host header for an API on this gateway: `{apiId}.execute-api.localhost:{port}`. */
  host(apiId: string): string;
}

/** A Gateway behind a node:http server; requests that are not for an API get 418 "not an API". */
export async function startGateway(options: Partial<GatewayOptions> = {}): Promise<GatewayUnderTest> {
  const gateway = new Gateway({
    clock: new ManualClock(Date.UTC(2026, 2, 12, 19, 3, 58)),
    logger: silentLogger(),
    targets: createTargetMap({}),
    ...options,
  });
  const listening = await listen((req, res) => {
    if (!gateway.handleEdge(req, res)) {
      res.writeHead(418, { 'content-type': 'text/plain' });
      res.end('not an API');
    }
  });
  return {
    ...listening,
    gateway,
    host: (apiId) => `${apiId}.execute-api.localhost:${listening.port}`,
    close: async () => {
      await listening.close();
      await gateway.close();
    },
  };
}

/**
 * The same request as `send`, served in process (`Gateway.handle`): no client socket, the response
 * exactly as the respond step wrote it. Requests that are not for an API get 418 "not an API", as
 * from `startGateway`'s server. Chunked bodies (arrays) are sent whole.
 */
export async function handle(gateway: Gateway, options: SendOptions = {}): Promise<Reply> {
  const body = Array.isArray(options.body) ? Buffer.concat(options.body.map((chunk) => Buffer.from(chunk))) : options.body;
  const response = await gateway.handle({
    method: options.method ?? 'GET',
    url: options.path ?? '/',
    headers: options.headers ?? {},
    ...(body === undefined ? {} : { body }),
  });
  if (response === undefined) return { status: 418, headers: { 'content-type': 'text/plain' }, body: 'not an API' };
  return { status: response.status, headers: response.headers, body: response.body.toString() };
}
