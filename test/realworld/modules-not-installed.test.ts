import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portico, startPortico } from '../../src/server/index.js';
import { send } from '../support/http.js';
import { startUpstream, type Upstream } from '../support/upstream.js';

const DIR = join(import.meta.dirname, 'modules-not-installed');
const HANDLER = `${join(DIR, 'handler.mjs')}#handler`;

/**
 * Before `terraform init`: Lambda, ALB and VPC modules are stand-ins. The function is mapped by
 * the module that defines it, the load balancer by the name given to the ALB module; the
 * explicit deployment's triggers and the Lambda module's allowed_triggers make no false cycle.
 */
describe('real-world shape: registry modules not installed, mapped with --function and --target', () => {
  let portico: Portico;
  let upstream: Upstream;

  beforeAll(async () => {
    upstream = await startUpstream('catalog');
    portico = await startPortico({
      dir: DIR,
      port: 0,
      state: ':memory:',
      logLevel: 'silent',
      functions: [`module.lambda_function=${HANDLER}`],
      targets: { catalog: [upstream.url] },
    });
  });
  afterAll(async () => {
    await portico?.stop();
    await upstream?.close();
  });

  it('serves the API, with requests reaching the mapped function and the mapped load balancer', async () => {
    const base = `${portico.endpoint}/_aws/execute-api/${portico.apis[0]?.apiId ?? ''}`;
    const checkout = await send(`${base}/live/checkout`, {
      method: 'POST',
      body: '{"cart":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(checkout.status).toBe(201);
    expect(checkout.json()).toEqual({ routeKey: 'POST /checkout', stage: 'live', functionName: 'checkout-handler', body: '{"cart":1}' });
    const catalog = await send(`${base}/live/catalog/items?page=2`);
    expect(catalog.status).toBe(200);
    expect(upstream.seen.at(-1)?.url).toBe('/live/catalog/items?page=2');
  });

  it('says which modules are not installed and how to install them', () => {
    expect(portico.warnings.map((w) => w.split(':')[0] + ':' + w.split(':')[1])).toEqual(['main.tf:10', 'main.tf:20', 'main.tf:38']);
    expect(portico.warnings.join('\n')).toContain('terraform init -backend=false');
    const listener = portico.standIns.find((s) => s.attribute === 'listeners["http"].arn');
    expect(listener?.value).toMatch(
      /^arn:aws:elasticloadbalancing:us-east-2:000000000000:listener\/app\/catalog\/[0-9a-f]{16}\/[0-9a-f]{16}$/,
    );
  });

  it('refuses --function and --target keys that match nothing, listing the ones that would', async () => {
    await expect(
      startPortico({ dir: DIR, port: 0, state: ':memory:', logLevel: 'silent', functions: [`checkout=${HANDLER}`] }),
    ).rejects.toThrow(
      /--function checkout=.*no function of this configuration goes by "checkout"[\s\S]*checkout-handler \(or module\.lambda_function/,
    );
    await expect(
      startPortico({ dir: DIR, port: 0, state: ':memory:', logLevel: 'silent', targets: { catalgo: ['http://127.0.0.1:9'] } }),
    ).rejects.toThrow(/--target catalgo: no private integration[\s\S]*listener\/app\/catalog\/.* \(or catalog/);
  });
});
