import { Gateway } from '../../src/data-plane/index.js';
import { createTargetMap } from '../../src/integrations/index.js';
import { type Clock, type Integration, ManualClock } from '../../src/model/index.js';
import { silentLogger } from '../../src/observability/index.js';
import { type ClientLimits, listen } from '../../src/server/listen.js';
import { httpProxy, route, servingConfig } from '../data-plane/serving-config.js';

export interface EdgeServer {
  readonly port: number;
  /** Host header for the API: `{apiId}.execute-api.localhost:{port}`. */
  readonly host: string;
  readonly url: string;
  close(): Promise<void>;
}

/** The client side's server: Portico's own HTTP/1.1 server (what `portico up` runs), or node:http's (PORTICO_EDGE_SERVER=node, TLS ports). */
export type EdgeKind = 'own' | 'node';

export interface EdgeOptions {
  /** Which server the edge port runs; the own one (as `portico up`) by default. */
  kind?: EdgeKind;
  /** The edge port's client limits (`--headers-timeout`, `--request-timeout`, …); the CLI's defaults otherwise. */
  limits?: Partial<ClientLimits>;
  /** Members of the one integration to change, such as a short `timeoutInMillis`. */
  integration?: Partial<Integration>;
  /**
   * The gateway's clock; a fixed one by default. Tests sending more than the account burst (5,000
   * requests) need `systemClock`, or the throttle's bucket never refills.
   */
  clock?: Clock;
}

/**
 * One HTTP API (`ANY /{proxy+}` → HTTP_PROXY to `backendUrl`) behind the server `portico up` runs
 * (src/server/listen.ts), wired as the edge port is, upgrades included.
 */
export async function startEdge(apiId: string, backendUrl: string, options: EdgeOptions = {}): Promise<EdgeServer> {
  const gateway = new Gateway({
    clock: options.clock ?? new ManualClock(Date.UTC(2026, 2, 12)),
    logger: silentLogger(),
    targets: createTargetMap({}),
  });
  gateway.setConfig(
    servingConfig([
      { apiId, routes: [route('ANY /{proxy+}', 'backend')], integrations: [httpProxy('backend', backendUrl, options.integration)] },
    ]),
  );
  const server = await listen(
    '127.0.0.1',
    0,
    (req, res) => {
      if (!gateway.handleEdge(req, res)) res.writeHead(418).end('not an API');
    },
    options.limits ?? {},
    undefined,
    (req, socket, head) => gateway.handleUpgrade(req, socket, head),
    (options.kind ?? 'own') === 'own' ? (request) => gateway.edgeRoute(request) : undefined,
  );
  return {
    port: server.port,
    host: `${apiId}.execute-api.localhost:${server.port}`,
    url: `http://127.0.0.1:${server.port}/_aws/execute-api/${apiId}`,
    close: async () => {
      await server.close();
      await gateway.close();
    },
  };
}
