import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTargetMap } from '../../src/integrations/index.js';
import type { VpcLinkStatus } from '../../src/model/index.js';
import { createLogger } from '../../src/observability/index.js';
import { startPortico, type Portico } from '../../src/server/index.js';
import { startGateway, type GatewayUnderTest } from '../data-plane/servers.js';
import { privateProxy, route, servingConfig, vpcLink, type ApiSpec } from '../data-plane/serving-config.js';
import { startBackend, type Backend } from './backend.js';
import { checkRow, GATEWAY_ERROR, itRows, type ConformanceTarget, type Row } from './conformance.js';

const PRIVATE = 'docs/reference/dataplane.md §3.1';
const PATH = 'docs/reference/dataplane.md §3.2';
const FAILURES = 'docs/reference/dataplane.md §3.5';
const LINKS = 'docs/reference/dataplane.md §11';
const LISTENER = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:listener/app';
const UNAVAILABLE = {
  status: 503,
  body: GATEWAY_ERROR.ServiceUnavailable,
  headers: { 'content-type': 'application/json' },
  upstream: 'not reached',
} as const;

/** The backend path shows which target answered: each mapping prefixes its own base path. */
const reached = (url: string, extra: Partial<NonNullable<Exclude<Row['expect']['upstream'], 'not reached'>>> = {}): Row['expect'] => ({
  status: 200,
  upstream: { url, ...extra },
});

const rows: Row[] = [
  {
    ref: PRIVATE,
    name: 'a listener ARN mapped exactly reaches its target, path and query as sent',
    request: { path: '/exact/orders/1?q=a%20b' },
    expect: reached('/exact/orders/1?q=a%20b'),
  },
  {
    ref: PRIVATE,
    name: 'a listener ARN resolves through its load balancer ARN',
    request: { path: '/lb-arn/x' },
    expect: reached('/via-lb-arn/lb-arn/x'),
  },
  {
    ref: PRIVATE,
    name: 'a listener ARN resolves through its load balancer name',
    request: { path: '/lb-name/x' },
    expect: reached('/via-lb-name/lb-name/x'),
  },
  {
    ref: PRIVATE,
    name: 'a Terraform address reaches the listener ARN Portico invented for it',
    request: { path: '/address/x' },
    expect: reached('/via-address/address/x'),
  },
  {
    ref: PRIVATE,
    name: 'Host is rewritten to the target (the ALB DNS name on AWS is [NOT FOUND]: the local target stands in)',
    request: { path: '/exact/host', headers: { 'x-custom': 'kept' } },
    expect: { status: 200, upstream: { url: '/exact/host', headers: { host: /^127\.0\.0\.1:\d+$/, 'x-custom': 'kept' } } },
  },
  {
    ref: PRIVATE,
    name: 'a concrete integration method is used whatever the client sent',
    request: { method: 'POST', path: '/method/x', body: 'b' },
    expect: reached('/method/x', { method: 'GET' }),
  },
  {
    ref: PRIVATE,
    name: 'Cloud Map: without filters every instance is in the rotation (first one first)',
    request: { path: '/map-all/x' },
    expect: reached('/test-blue/map-all/x'),
  },
  {
    ref: PRIVATE,
    name: 'Cloud Map: ?stage=prod selects the instances whose stage attribute is prod',
    request: { path: '/map-prod/x' },
    expect: reached('/prod-blue/map-prod/x'),
  },
  {
    ref: PRIVATE,
    name: 'Cloud Map: every filter must match (?stage=prod&color=green)',
    request: { path: '/map-both/x' },
    expect: reached('/prod-green/map-both/x'),
  },
  { ref: PRIVATE, name: 'Cloud Map: no instance matches the filters → 503', request: { path: '/map-none/x' }, expect: UNAVAILABLE },
  {
    ref: PRIVATE,
    name: 'tls_config on an http:// target: plain HTTP, as the target URL says (AWS would use HTTPS; pinned choice)',
    request: { path: '/plain-tls/x' },
    expect: reached('/plain-tls/x'),
  },
  {
    ref: PATH,
    name: 'a named stage keeps its segment in the forwarded path',
    request: { path: '/prod/exact/x' },
    expect: reached('/prod/exact/x'),
  },
  { ref: PATH, name: '$default forwards the path without a stage segment', request: { path: '/exact/x' }, expect: reached('/exact/x') },
  { ref: FAILURES, name: 'a listener no target maps → 503 Service Unavailable', request: { path: '/unmapped/x' }, expect: UNAVAILABLE },
  {
    ref: FAILURES,
    name: 'a target that refuses the connection → 503 Service Unavailable',
    request: { path: '/refused/x' },
    expect: UNAVAILABLE,
  },
  {
    ref: FAILURES,
    name: 'a target slower than timeout_milliseconds → 503 Service Unavailable',
    request: { path: '/timeout/slow' },
    expect: { ...UNAVAILABLE, upstream: undefined },
  },
];

/** A port nothing listens on: connections to it are refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('conformance: private integrations over a VPC link (startPortico, fixtures/vpc-links)', () => {
  let backend: Backend;
  let portico: Portico;
  let target: ConformanceTarget;

  beforeAll(async () => {
    backend = await startBackend();
    const refused = await closedPort();
    portico = await startPortico({
      dir: new URL('./fixtures/vpc-links', import.meta.url).pathname,
      port: 0,
      state: ':memory:',
      logLevel: 'silent',
      targets: {
        [`${LISTENER}/exact-lb/1111111111111111/2222222222222222`]: [backend.url],
        'arn:aws:elasticloadbalancing:us-east-2:123456789012:loadbalancer/app/arn-lb/3333333333333333': [`${backend.url}/via-lb-arn`],
        'named-lb': [`${backend.url}/via-lb-name`],
        'aws_lb_listener.front': [`${backend.url}/via-address`],
        'refused-lb': [`http://127.0.0.1:${refused}`],
        'aws_service_discovery_service.orders': [
          { url: `${backend.url}/test-blue`, attributes: { stage: 'test', color: 'blue' } },
          { url: `${backend.url}/prod-blue`, attributes: { stage: 'prod', color: 'blue' } },
          { url: `${backend.url}/prod-green`, attributes: { stage: 'prod', color: 'green' } },
        ],
      },
    });
    target = { port: portico.port, backend, apiId: () => portico.apis[0]?.apiId ?? '' };
  });

  afterAll(async () => {
    await portico?.stop();
    await backend?.close();
  });

  itRows(rows, () => target);
});

/** A VPC link that is not AVAILABLE, or missing: 503 and one log line saying why (docs/compatibility.md "Decided where AWS is silent"; §11 is [NOT FOUND]). */
interface LinkRow extends Row {
  readonly log?: RegExp;
}

const LINK_LISTENER = `${LISTENER}/seed-lb/50dc6c495c0c9188/0467ef3c8400ae65`;
const link = (status: VpcLinkStatus | 'missing'): LinkRow['request'] => ({ api: status, path: '/x' });
const linkRows: LinkRow[] = [
  { ref: LINKS, name: 'AVAILABLE: served', request: link('AVAILABLE'), expect: reached('/x') },
  {
    ref: LINKS,
    name: 'PENDING (being provisioned) → 503, logged with the status',
    request: link('PENDING'),
    expect: UNAVAILABLE,
    log: /VPC link vlpending1 \(development-vpclink\) is PENDING, not AVAILABLE/,
  },
  { ref: LINKS, name: 'FAILED → 503, logged', request: link('FAILED'), expect: UNAVAILABLE, log: /is FAILED, not AVAILABLE/ },
  { ref: LINKS, name: 'DELETING → 503, logged', request: link('DELETING'), expect: UNAVAILABLE, log: /is DELETING, not AVAILABLE/ },
  {
    ref: LINKS,
    name: 'INACTIVE (idle 60 days) → 503, logged',
    request: link('INACTIVE'),
    expect: UNAVAILABLE,
    log: /is INACTIVE, not AVAILABLE/,
  },
  {
    ref: LINKS,
    name: 'a VPC link that does not exist → 503, logged',
    request: link('missing'),
    expect: UNAVAILABLE,
    log: /uses VPC link "vlmissing1", which does not exist/,
  },
  {
    ref: LINKS,
    name: 'an unmapped target → 503, logged with the --target to add',
    request: { api: 'unmapped', path: '/x' },
    expect: UNAVAILABLE,
    log: /No local target for private integration .*--target '.*nobody-lb.*=http:\/\/127\.0\.0\.1:PORT'/,
  },
  {
    ref: LINKS,
    name: 'Cloud Map filters no instance matches → 503, logged with the filters and the instances',
    request: { api: 'filtered', path: '/x' },
    expect: UNAVAILABLE,
    log: /No Cloud Map instance of .*srv-0123456789abcdef matches \?stage=qa: answering 503\. Instances here: http:\/\/127\.0\.0\.1:\d+ \{"stage":"prod"\}/,
  },
];

describe('conformance: VPC link status (Gateway with a hand-built serving config)', () => {
  const SERVICE = 'arn:aws:servicediscovery:us-east-2:123456789012:service/srv-0123456789abcdef';
  const lines: string[] = [];
  let backend: Backend;
  let gateway: GatewayUnderTest;
  const ids: Record<string, string> = {
    AVAILABLE: 'linkavail1',
    PENDING: 'linkpend01',
    FAILED: 'linkfail01',
    DELETING: 'linkdel001',
    INACTIVE: 'linkinact1',
    missing: 'linkmiss01',
    unmapped: 'linkunmap1',
    filtered: 'linkfilt01',
  };

  beforeAll(async () => {
    backend = await startBackend();
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n')) if (line !== '') lines.push((JSON.parse(line) as { msg: string }).msg);
        done();
      },
    });
    gateway = await startGateway({
      logger: createLogger({ level: 'warn', destination }),
      targets: createTargetMap({ [LINK_LISTENER]: [backend.url], [SERVICE]: [{ url: backend.url, attributes: { stage: 'prod' } }] }),
    });
    const api = (key: string, uri: string, linkId: string): ApiSpec => ({
      apiId: ids[key] ?? '',
      routes: [route('$default', 'vpc')],
      integrations: [privateProxy('vpc', uri, linkId)],
    });
    const statuses = ['AVAILABLE', 'PENDING', 'FAILED', 'DELETING', 'INACTIVE'] as const;
    gateway.gateway.setConfig(
      servingConfig(
        [
          ...statuses.map((status) => api(status, LINK_LISTENER, `vl${status.toLowerCase().slice(0, 7)}1`)),
          api('missing', LINK_LISTENER, 'vlmissing1'),
          api('unmapped', `${LISTENER}/nobody-lb/1/2`, 'vlavailab1'),
          api('filtered', `${SERVICE}?stage=qa`, 'vlavailab1'),
        ],
        Object.fromEntries(statuses.map((status) => [`vl${status.toLowerCase().slice(0, 7)}1`, vpcLink(status)])),
      ),
    );
  });

  afterAll(async () => {
    await gateway?.close();
    await backend?.close();
  });

  const target = (): ConformanceTarget => ({ port: gateway.port, backend, apiId: (name) => ids[name ?? 'AVAILABLE'] ?? '' });

  for (const row of linkRows)
    it(`${row.ref}: ${row.name}`, async () => {
      const before = lines.length;
      await checkRow(target(), row);
      if (row.log) expect(lines.slice(before).join('\n')).toMatch(row.log);
      // Logged once per cause, not once per request.
      await checkRow(target(), { ...row, expect: { ...row.expect, upstream: undefined } });
      if (row.log) expect(lines.slice(before).filter((line) => row.log?.test(line))).toHaveLength(1);
    });
});
