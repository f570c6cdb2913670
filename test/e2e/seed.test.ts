import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portico, startPortico } from '../../src/server/index.js';
import { send } from '../support/http.js';
import { startUpstream, type Upstream } from '../support/upstream.js';

const SEED = join(import.meta.dirname, '..', '..', 'examples', 'seed');
const LISTENER = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:listener/app/my-load-balancer/50dc6c495c0c9188/0467ef3c8400ae65';

describe("the seed's system, end to end", () => {
  let upstream: Upstream;
  let portico: Portico;
  let apiUrl: string;

  beforeAll(async () => {
    upstream = await startUpstream();
    portico = await startPortico({
      dir: SEED,
      port: 0,
      apiPorts: [{ api: '', port: 0 }],
      targets: { [LISTENER]: [upstream.url] },
      state: ':memory:',
      logLevel: 'silent',
    });
    const api = portico.apis[0];
    apiUrl = api?.stages[0]?.urls[0] ?? '';
  });

  afterAll(async () => {
    await portico?.stop();
    await upstream?.close();
  });

  it('loads the unchanged Terraform: one API with a $default stage and stand-ins for the registry modules', () => {
    expect(portico.apis).toHaveLength(1);
    expect(portico.apis[0]).toMatchObject({ name: 'development-api-gatewayv2', stages: [{ stageName: '$default' }] });
    expect(portico.controlPlane.region).toBe('us-east-2');
    const invented = portico.standIns.map((s) => `${s.address}.${s.attribute}`);
    expect(invented).toEqual(expect.arrayContaining(['module.vpc.private_subnets', 'module.vpclink_sg.this_security_group_id']));
  });

  it('forwards method, path, query, headers and body through the VPC link to the private target', async () => {
    const reply = await send(`${apiUrl.replace(/\/$/, '')}/orders/42?x=1&y=a%20b`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-custom': 'kept', 'x-forwarded-for': '10.1.2.3' },
      body: '{"order":42}',
    });
    expect(reply.status).toBe(200);
    expect(reply.headers['apigw-requestid']).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    const seen = upstream.seen.at(-1);
    expect(seen).toMatchObject({ method: 'POST', url: '/orders/42?x=1&y=a%20b', body: '{"order":42}' });
    expect(seen?.headers['x-custom']).toBe('kept');
    expect(seen?.headers['host']).toBe(`127.0.0.1:${upstream.port}`);
    expect(seen?.headers['x-forwarded-for']).toBe('10.1.2.3, 127.0.0.1');
    expect(seen?.headers['x-forwarded-proto']).toBe('http');
    expect(seen?.headers['forwarded']).toContain('for=');
  });

  it('serves the same API by Host header and by path on the edge port', async () => {
    const apiId = portico.apis[0]?.apiId ?? '';
    const byPath = await send(`${portico.endpoint}/_aws/execute-api/${apiId}/by/path`);
    expect(byPath.status).toBe(200);
    expect(upstream.seen.at(-1)?.url).toBe('/by/path');
    const byHost = await send(`${portico.endpoint}/by/host`, { headers: { host: `${apiId}.execute-api.localhost:${portico.port}` } });
    expect(byHost.status).toBe(200);
    expect(upstream.seen.at(-1)?.url).toBe('/by/host');
    const awsHost = await send(`${portico.endpoint}/aws/host`, { headers: { host: `${apiId}.execute-api.us-east-2.amazonaws.com` } });
    expect(awsHost.status).toBe(200);
  });

  it('answers 404 {"message":"Not Found"} for an unknown API', async () => {
    const reply = await send(`${portico.endpoint}/_aws/execute-api/nosuchapi0/x`);
    expect(reply.status).toBe(404);
    expect(reply.json()).toEqual({ message: 'Not Found' });
    expect(reply.headers['content-type']).toContain('application/json');
  });
});

describe('routes, stages and failures through real HTTP', () => {
  let upstream: Upstream;
  let portico: Portico;
  let base: string;

  beforeAll(async () => {
    upstream = await startUpstream();
    portico = await startPortico({
      dir: join(import.meta.dirname, '..', 'fixtures', 'e2e', 'routes'),
      port: 0,
      vars: { upstream: upstream.url },
      state: ':memory:',
      logLevel: 'silent',
    });
    base = `${portico.endpoint}/_aws/execute-api/${portico.apis[0]?.apiId}`;
  });

  afterAll(async () => {
    await portico?.stop();
    await upstream?.close();
  });

  // AWS's worked example (docs/reference/dataplane.md §2) plus method-over-ANY and the greedy rules.
  it.each([
    ['GET', '/pets/dog/1', '/pets-dog-1'],
    ['GET', '/pets/dog/2', '/pets-dog-id'],
    ['GET', '/pets/cat/1', '/pets-greedy'],
    ['POST', '/test/5', '/any-greedy'],
    ['POST', '/orders', '/post-orders'],
    ['PUT', '/orders', '/any-orders'],
    ['GET', '/pets', '/any-greedy'],
    ['GET', '/items/7/', '/items-id'],
    ['GET', '/prod/pets/dog/1', '/pets-dog-1'],
  ])('%s %s is served by the route whose integration is %s', async (method, path, expected) => {
    const reply = await send(`${base}${path}`, { method });
    expect(reply.status).toBe(200);
    expect(upstream.seen.at(-1)?.url).toBe(expected);
  });

  it('answers 503 {"message":"Service Unavailable"} when the integration times out', async () => {
    const started = Date.now();
    const reply = await send(`${base}/slow`);
    expect(reply.status).toBe(503);
    expect(reply.json()).toEqual({ message: 'Service Unavailable' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('answers 503 when the target refuses the connection', async () => {
    const reply = await send(`${base}/refused`);
    expect(reply.status).toBe(503);
    expect(reply.json()).toEqual({ message: 'Service Unavailable' });
  });
});

describe('state and ids across runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-e2e-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same resource address the same API id, and a restart keeps what the control plane added', async () => {
    cpSync(SEED, dir, { recursive: true });
    const state = join(dir, 'state.db');
    const first = await startPortico({ dir, port: 0, state, logLevel: 'silent' });
    const apiId = first.apis[0]?.apiId;
    first.controlPlane.run('CreateApi', { name: 'made-through-the-control-plane', protocolType: 'HTTP' });
    await first.stop();
    const second = await startPortico({ dir, port: 0, state, logLevel: 'silent' });
    expect(second.apis.map((a) => a.name).sort()).toEqual(['development-api-gatewayv2', 'made-through-the-control-plane']);
    expect(second.apis.find((a) => a.name === 'development-api-gatewayv2')?.apiId).toBe(apiId);
    await second.stop();
    const fresh = await startPortico({ dir, port: 0, state: ':memory:', logLevel: 'silent' });
    expect(fresh.apis[0]?.apiId).toBe(apiId);
    await fresh.stop();
  });

  it('refuses a broken configuration with file and line, and serves nothing', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'portico-broken-'));
    writeFileSync(
      join(broken, 'main.tf'),
      [
        'resource "aws_apigatewayv2_api" "api" {',
        '  name          = "x"',
        '  protocol_type = "HTTP"',
        '}',
        'resource "aws_apigatewayv2_route" "r" {',
        '  api_id    = aws_apigatewayv2_api.api.id',
        '  route_key = "GET pets"',
        '}',
      ].join('\n'),
    );
    await expect(startPortico({ dir: broken, port: 0, state: ':memory:', logLevel: 'silent' })).rejects.toThrow(
      /^main\.tf:7: aws_apigatewayv2_route\.r: BadRequestException: Invalid route key "GET pets"/,
    );
    rmSync(broken, { recursive: true, force: true });
  });
});

describe('the seed with its committed portico.json and a --target for the same load balancer by name', () => {
  it("the command line wins: requests reach the target given as an option, not the file's", async () => {
    const upstream = await startUpstream();
    const dir = mkdtempSync(join(tmpdir(), 'portico-seed-layer-'));
    cpSync(SEED, dir, { recursive: true });
    // The file maps the listener ARN to a port nothing listens on; the option names the load balancer.
    writeFileSync(join(dir, 'portico.json'), JSON.stringify({ targets: { [LISTENER]: ['http://127.0.0.1:9'] } }));
    const portico = await startPortico({
      dir,
      port: 0,
      targets: { 'my-load-balancer': [upstream.url] },
      state: ':memory:',
      logLevel: 'silent',
    });
    try {
      expect(portico.targets).toEqual({ 'my-load-balancer': [upstream.url] });
      const url = portico.apis[0]?.stages[0]?.urls.find((u) => u.includes('/_aws/execute-api/')) ?? '';
      const reply = await send(`${url.replace(/\/$/, '')}/orders/1`);
      expect(reply.status).toBe(200);
      expect(upstream.seen.at(-1)?.url).toBe('/orders/1');
    } finally {
      await portico.stop();
      await upstream.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
