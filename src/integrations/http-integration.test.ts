import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManualClock } from '../model/index.js';
import { httpIntegration } from './http-integration.js';
import type { HttpIntegrationRequest } from './http-request.js';
import { runIntegrationContract, type EndpointScript, type IntegrationFixture } from './integration.contract.js';
import { TargetGroup } from './target-group.js';
import { TargetHealth } from './target-health.js';
import { UpstreamPools, type Upstream } from './upstream-pools.js';

/** An HTTP endpoint that does what the request's `x-script` header says. */
async function scriptedEndpoint(): Promise<{ url: string; server: Server }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const script = JSON.parse(String(req.headers['x-script'])) as EndpointScript;
    if (script.kind === 'hang') return;
    if (script.kind === 'malformed') {
      res.socket?.end('this is not HTTP\r\n\r\n');
      return;
    }
    res.writeHead(script.status, script.headers);
    res.end(script.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** A port nothing listens on (taken, then released). */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

function request(upstream: Upstream, script: EndpointScript, timeoutMs: number, targets?: TargetGroup): HttpIntegrationRequest {
  return {
    upstream,
    method: 'GET',
    path: '/',
    headers: ['host', upstream.host, 'x-script', JSON.stringify(script)],
    body: null,
    timeoutMs,
    collectResponse: false,
    targets,
  };
}

async function fixture(viaVpcLink: boolean): Promise<IntegrationFixture<HttpIntegrationRequest>> {
  const pools = new UpstreamPools();
  const endpoint = await scriptedEndpoint();
  const live = pools.upstream(endpoint.url);
  const dead = pools.upstream(await closedPortUrl());
  const health = new TargetHealth({ clock: new ManualClock(), quarantineMs: 10_000 });
  // Through a VPC link the first target refuses connections: every request must move on to the live one.
  const group = viaVpcLink ? new TargetGroup([dead, live], health) : undefined;
  const first = (): Upstream => group?.pick() ?? live;
  return {
    integration: httpIntegration,
    request: (script, timeoutMs = 5_000) => request(first(), script, timeoutMs, group),
    missing: {
      request: () => request(dead, { kind: 'hang' }, 5_000, viaVpcLink ? new TargetGroup([dead], health) : undefined),
      failure: 'unreachable',
    },
    close: async () => {
      endpoint.server.closeAllConnections();
      await new Promise<void>((resolve) => endpoint.server.close(() => resolve()));
      await pools.close();
    },
  };
}

runIntegrationContract('HTTP_PROXY to a URL', () => fixture(false));
runIntegrationContract('HTTP_PROXY through a VPC link whose first target refuses', () => fixture(true));
