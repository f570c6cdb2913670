import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Portico, startPortico } from '../../src/server/index.js';
import { send } from '../support/http.js';
import { startUpstream, type Upstream } from '../support/upstream.js';

/**
 * docs/reference/dataplane.md §8: stage and route limits "cannot exceed account limits". The account limit is
 * Portico's own setting (--account-rate/--account-burst), so the control plane accepts any
 * non-negative stage limit and the data plane takes a token from both buckets: the smaller wins.
 */
const config = (rate: number, burst: number) => `
variable "backend" {
  type = string
}

resource "aws_apigatewayv2_api" "api" {
  name          = "limits"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_integration" "backend" {
  api_id             = aws_apigatewayv2_api.api.id
  integration_type   = "HTTP_PROXY"
  integration_method = "ANY"
  integration_uri    = var.backend
}

resource "aws_apigatewayv2_route" "items" {
  api_id    = aws_apigatewayv2_api.api.id
  route_key = "GET /items"
  target    = "integrations/\${aws_apigatewayv2_integration.backend.id}"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.api.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_rate_limit  = ${rate}
    throttling_burst_limit = ${burst}
  }
}
`;

describe('stage throttling limits above the default account limit', () => {
  let upstream: Upstream | undefined;
  let portico: Portico | undefined;
  let dir: string | undefined;

  afterEach(async () => {
    await portico?.stop();
    await upstream?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function start(rate: number, burst: number, account: { accountRateLimit: number; accountBurstLimit: number }): Promise<string> {
    upstream = await startUpstream();
    dir = mkdtempSync(join(tmpdir(), 'portico-stage-limits-'));
    writeFileSync(join(dir, 'main.tf'), config(rate, burst));
    portico = await startPortico({ dir, port: 0, state: ':memory:', logLevel: 'silent', vars: { backend: upstream.url }, ...account });
    return `${portico.endpoint}/_aws/execute-api/${portico.apis[0]?.apiId ?? ''}/items`;
  }

  it('are accepted from Terraform, and the account bucket still bounds them', async () => {
    const url = await start(1_000_000, 50_000, { accountRateLimit: 0, accountBurstLimit: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await send(url)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const stage = portico?.controlPlane.run('GetStage', { apiId: portico.apis[0]?.apiId ?? '', stageName: '$default' });
    expect(stage?.defaultRouteSettings).toMatchObject({ throttlingRateLimit: 1_000_000, throttlingBurstLimit: 50_000 });
  });

  it('bound the account bucket in turn when they are the smaller', async () => {
    const url = await start(0, 1, { accountRateLimit: 0, accountBurstLimit: 100 });
    const statuses = [];
    for (let i = 0; i < 2; i++) statuses.push((await send(url)).status);
    expect(statuses).toEqual([200, 429]);
  });
});
