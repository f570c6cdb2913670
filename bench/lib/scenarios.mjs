// What is measured. Every throughput scenario runs every contender against the same backend;
// the routes scenario runs Portico alone at several route-table sizes; the workers scenario
// (Portico with --workers 1 and 2, unpinned) runs once the CLI has that flag.

/** The Node gateway a user would pick instead of Portico (the target is against it). */
export const NODE_GATEWAYS = ['fastify-http-proxy'];
/** More Node gateways, measured with `--all-gateways` (earlier runs had them in every run). */
export const MORE_GATEWAYS = ['fast-gateway', 'http-proxy'];
/** Not a gateway: node:http + an undici Pool and nothing else, the floor a Node proxy starts from. */
export const NODE_REFERENCE = 'undici-bare';
export const ALL_CONTENDERS = ['direct', 'portico', 'nginx', ...NODE_GATEWAYS, NODE_REFERENCE];

const SMALL_PATH = '/orders/42';

export const SCENARIO_IDS = [
  'get-small',
  'get-16k',
  'post-64k',
  'latency',
  'latency-shared',
  'routes',
  'workers',
  'console',
  'cold-start',
  'websocket',
];

/** `routes`: route counts of the routes scenario; `routePath(n)`: the path that hits one of n routes. */
export function buildScenarios({ routes, routePath, allGateways = false }) {
  const ALL = allGateways ? [...ALL_CONTENDERS, ...MORE_GATEWAYS] : ALL_CONTENDERS;
  return [
    {
      id: 'get-small',
      title: 'GET, small body (3 B), 50 connections',
      connections: 50,
      contenders: ALL,
      path: () => SMALL_PATH,
    },
    {
      id: 'get-16k',
      title: 'GET, 16 KiB body, 50 connections',
      connections: 50,
      contenders: ALL,
      path: () => '/16k',
    },
    {
      id: 'post-64k',
      title: 'POST 64 KiB, 64 KiB back, 50 connections',
      connections: 50,
      contenders: ALL,
      path: () => '/echo',
      postBytes: 64 * 1024,
    },
    {
      id: 'latency',
      title: 'GET, small body, 1 connection, proxy on its own core (added latency)',
      connections: 1,
      contenders: ALL,
      path: () => SMALL_PATH,
    },
    {
      // A developer's laptop: proxy, load and backend on one core. Busy-polling here takes CPU
      // from the backend and the load generator instead of saving a wake-up.
      id: 'latency-shared',
      title: 'GET, small body, 1 connection, everything on one core (added latency)',
      connections: 1,
      contenders: ALL,
      path: () => SMALL_PATH,
      sharedCore: true,
    },
    {
      id: 'routes',
      title: `Portico with ${routes.map((n) => n.toLocaleString('en-US')).join(', ')} routes (GET small, 50 connections)`,
      connections: 50,
      contenders: ['direct', ...routes.map((n) => `portico-routes-${n}`)],
      path: (contender) => {
        const n = /^portico-routes-(\d+)$/.exec(contender);
        return n ? routePath(Number(n[1])) : routePath(routes[0]);
      },
    },
    {
      id: 'workers',
      title: 'Portico with --workers 1 and 2, nothing pinned (GET small, 50 connections)',
      connections: 50,
      contenders: ['direct', 'portico-workers-1', 'portico-workers-2'],
      path: () => SMALL_PATH,
      unpinned: true,
      requiresFlag: '--workers',
    },
    {
      id: 'console',
      title: 'Portico with no console open and with a live view open (GET small, 50 connections)',
      connections: 50,
      contenders: ['direct', 'portico-no-console', 'portico-console-closed', 'portico-console-open'],
      path: () => SMALL_PATH,
      requiresFlag: '--console-history',
    },
  ];
}
