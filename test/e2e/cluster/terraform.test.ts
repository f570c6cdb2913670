import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Portico, startPortico } from '../../../src/index.js';
import { postgresAvailable, testSchema } from '../../support/services.js';
import { startUpstream, type Upstream } from '../../support/upstream.js';

const available = await postgresAvailable();

function terraform(routes: string[]): string {
  return `
variable "backend" { type = string }
resource "aws_apigatewayv2_api" "shop" {
  name          = "shop"
  protocol_type = "HTTP"
}
resource "aws_apigatewayv2_integration" "backend" {
  api_id             = aws_apigatewayv2_api.shop.id
  integration_type   = "HTTP_PROXY"
  integration_method = "ANY"
  integration_uri    = var.backend
}
${routes
  .map(
    (path, i) => `resource "aws_apigatewayv2_route" "r${i}" {
  api_id    = aws_apigatewayv2_api.shop.id
  route_key = "GET ${path}"
  target    = "integrations/\${aws_apigatewayv2_integration.backend.id}"
}`,
  )
  .join('\n')}
resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.shop.id
  name        = "$default"
  auto_deploy = true
}
`;
}

/** `portico up ./infra --store …` on several nodes: the first apply wins, the others find nothing to change and serve it. */
describe.skipIf(!available)('cluster mode: portico up on several nodes with one store', () => {
  const schema = testSchema();
  const dir = mkdtempSync(join(tmpdir(), 'portico-cluster-tf-'));
  const nodes: Portico[] = [];
  let upstream: Upstream | undefined;
  afterAll(async () => {
    for (const node of nodes) await node.stop();
    await upstream?.close();
    await schema.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies the .tf once for every node starting at the same time, and a reload on one is served by all', async () => {
    upstream = await startUpstream('backend');
    writeFileSync(join(dir, 'main.tf'), terraform(['/a']));
    const options = { dir, store: schema.url, port: 0, logLevel: 'silent', vars: { backend: upstream.url } };
    nodes.push(...(await Promise.all([startPortico({ ...options, node: 'one' }), startPortico({ ...options, node: 'two' })])));
    const [one, two] = nodes as [Portico, Portico];
    expect(one.apis.map((api) => api.apiId)).toEqual(two.apis.map((api) => api.apiId));
    expect(one.controlPlane.run('GetApis', {}).items).toHaveLength(1);
    const apiId = one.apis[0]?.apiId ?? '';
    const get = async (node: Portico, path: string) => (await fetch(`${node.endpoint}/_aws/execute-api/${apiId}${path}`)).status;
    expect(await get(two, '/a')).toBe(200);

    writeFileSync(join(dir, 'main.tf'), terraform(['/a', '/b']));
    const applied = await one.reload();
    expect(applied).toMatchObject({ ok: true });
    const started = performance.now();
    while ((await get(two, '/b')) !== 200) {
      if (performance.now() - started > 1_000) throw new Error('node two does not serve the reloaded route within 1 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // The other node's own reload of the same files finds everything applied already.
    const followed = await two.reload();
    expect(followed).toMatchObject({ ok: true, created: [], changed: [], deleted: [] });
  });
});
