import type { ServingConfig } from '../model/index.js';

/** The host clients use to reach a server bound to `host` (0.0.0.0 and :: are reached on loopback). */
export function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * The URL that reaches an API from any client on this machine. `{apiId}.execute-api.localhost`
 * needs a resolver that maps *.localhost to loopback (curl and browsers do, Node's getaddrinfo
 * usually does not), so the path-style form is what the control plane returns as apiEndpoint.
 */
export function pathStyleEndpoint(host: string, port: number, apiId: string): string {
  return `http://${reachableHost(host)}:${port}/_aws/execute-api/${apiId}`;
}

export function hostStyleEndpoint(port: number, apiId: string): string {
  return `http://${apiId}.execute-api.localhost:${port}`;
}

export interface StageUrls {
  stageName: string;
  urls: string[];
}

export interface ApiUrls {
  apiId: string;
  name: string;
  /** Set when the API also has a dedicated --api-port. */
  apiPort?: number;
  stages: StageUrls[];
}

/**
 * Every URL of every stage, for the start-up table and for library users: `ws://` for WebSocket APIs,
 * whose clients connect to the stage URL itself (`wss://{api-id}.execute-api.{region}.amazonaws.com/{stage}`).
 */
export function describeUrls(
  config: ServingConfig,
  edge: { host: string; port: number },
  apiPorts: ReadonlyMap<string, number>,
): ApiUrls[] {
  return config.apis.map((api) => {
    const apiPort = apiPorts.get(api.apiId);
    const bases = [
      ...(apiPort !== undefined ? [`http://${reachableHost(edge.host)}:${apiPort}`] : []),
      pathStyleEndpoint(edge.host, edge.port, api.apiId),
      hostStyleEndpoint(edge.port, api.apiId),
    ];
    const webSocket = api.protocolType === 'WEBSOCKET';
    const stageUrl = (base: string, stageName: string): string => {
      if (!webSocket) return stageName === '$default' ? `${base}/` : `${base}/${stageName}/`;
      return `ws${base.slice('http'.length)}${stageName === '$default' ? '' : `/${stageName}`}`;
    };
    return {
      apiId: api.apiId,
      name: api.name,
      ...(apiPort !== undefined ? { apiPort } : {}),
      stages: api.stages.map(({ stage }) => ({ stageName: stage.stageName, urls: bases.map((base) => stageUrl(base, stage.stageName)) })),
    };
  });
}
