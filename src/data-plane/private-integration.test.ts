import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTargetMap } from '../integrations/index.js';
import { createLogger } from '../observability/index.js';
import { echoUpstream, send, startGateway, type Echo, type GatewayUnderTest, type Listening } from '../../test/data-plane/servers.js';
import { privateProxy, route, servingConfig, vpcLink } from '../../test/data-plane/serving-config.js';

/** The seed's system: `$default` route → HTTP_PROXY over a VPC link to an ALB listener (examples/seed). */
const LISTENER = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:listener/app/my-load-balancer/50dc6c495c0c9188/0467ef3c8400ae65';
const OTHER_LISTENER = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:listener/net/internal-nlb/1111111111111111/2222222222222222';
const UNMAPPED = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:listener/app/nobody-mapped-me/3333333333333333/4444444444444444';

let a: Listening;
let b: Listening;
let gateway: GatewayUnderTest;
const logLines: { level: number; msg: string }[] = [];

beforeAll(async () => {
  a = await echoUpstream('a');
  b = await echoUpstream('b');
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line !== '') logLines.push(JSON.parse(line) as { level: number; msg: string });
      done();
    },
  });
  gateway = await startGateway({
    logger: createLogger({ level: 'warn', destination }),
    targets: createTargetMap({ [LISTENER]: [a.url, b.url], 'internal-nlb': [`${b.url}/base`] }),
  });
});
afterAll(async () => {
  await gateway.close();
  await a.close();
  await b.close();
});

let deployments = 0;
/** Deploy `$default` → the private integration; a new deployment id each time unless one is given. */
function serve(
  uri: string,
  linkStatus: Parameters<typeof vpcLink>[0] = 'AVAILABLE',
  stages: Record<string, boolean> = { $default: true },
  deploymentId = `d${++deployments}`,
): void {
  gateway.gateway.setConfig(
    servingConfig(
      [
        {
          apiId: 'seed000001',
          deploymentId,
          routes: [route('$default', 'vpc')],
          integrations: [privateProxy('vpc', uri, 'vl0001')],
          stages,
        },
      ],
      { vl0001: vpcLink(linkStatus) },
    ),
  );
}

async function get(path: string): Promise<{ status: number; echo?: Echo; body: string }> {
  const reply = await send(gateway.port, { path, headers: { host: gateway.host('seed000001') } });
  return reply.status === 200
    ? { status: 200, echo: JSON.parse(reply.body) as Echo, body: reply.body }
    : { status: reply.status, body: reply.body };
}

describe('private integrations over a VPC link', () => {
  it('round-robins over the URLs mapped to the listener, forwarding path and query as sent', async () => {
    serve(LISTENER);
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push((await get(`/orders/${i}?q=${i}`)).echo);
    expect(seen.map((e) => e?.name)).toEqual(['a', 'b', 'a', 'b']);
    expect(seen.map((e) => e?.url)).toEqual(['/orders/0?q=0', '/orders/1?q=1', '/orders/2?q=2', '/orders/3?q=3']);
    expect(seen[0]?.headers.host).toBe(`127.0.0.1:${a.port}`);
  });

  it('keeps a named stage segment in the forwarded path (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-private.html)', async () => {
    serve(LISTENER, 'AVAILABLE', { test: true });
    expect((await get('/test/route-path')).echo?.url).toBe('/test/route-path');
  });

  it('finds a target by load-balancer name and prefixes the target URL path', async () => {
    serve(OTHER_LISTENER);
    const { echo } = await get('/x');
    expect(echo?.name).toBe('b');
    expect(echo?.url).toBe('/base/x');
  });

  it('an unmapped target → 503 and one warning naming the --target to add', async () => {
    serve(UNMAPPED);
    const before = logLines.length;
    for (let i = 0; i < 3; i++) {
      const reply = await get('/x');
      expect({ status: reply.status, body: JSON.parse(reply.body) as unknown }).toEqual({
        status: 503,
        body: { message: 'Service Unavailable' },
      });
    }
    const warnings = logLines.slice(before).filter((line) => line.msg.includes(UNMAPPED));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.msg).toContain(`--target '${UNMAPPED}=http://`);
  });

  it('a VPC link that is not AVAILABLE → 503 and a log line why; AVAILABLE again → served, same deployment', async () => {
    serve(LISTENER, 'PENDING', { $default: true }, 'linkdep');
    const before = logLines.length;
    expect((await get('/x')).status).toBe(503);
    expect((await get('/x')).status).toBe(503);
    const why = logLines.slice(before).filter((line) => line.msg.includes('PENDING'));
    expect(why).toHaveLength(1);
    serve(LISTENER, 'AVAILABLE', { $default: true }, 'linkdep');
    expect((await get('/x')).status).toBe(200);
  });
});
