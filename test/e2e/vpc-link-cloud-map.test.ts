import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portico, startPortico } from '../../src/server/index.js';
import { writeConfig } from '../fixtures/terraform/temp-config.js';
import { send } from '../support/http.js';
import { startUpstream, type Upstream } from '../support/upstream.js';

/**
 * docs/reference/dataplane.md §3.1: a private integration may name a Cloud Map service ARN with `?attr=value`
 * filters; only instances whose attributes match every filter get requests. The instances and
 * their attributes come from portico.json, keyed by the service's Terraform address.
 */
function integration(name: string, filters: string, routeKey: string): string {
  return `
resource "aws_apigatewayv2_integration" "${name}" {
  api_id             = aws_apigatewayv2_api.api.id
  integration_type   = "HTTP_PROXY"
  connection_type    = "VPC_LINK"
  connection_id      = aws_apigatewayv2_vpc_link.link.id
  integration_method = "ANY"
  integration_uri    = "\${aws_service_discovery_service.orders.arn}${filters}"
}

resource "aws_apigatewayv2_route" "${name}" {
  api_id    = aws_apigatewayv2_api.api.id
  route_key = "${routeKey}"
  target    = "integrations/\${aws_apigatewayv2_integration.${name}.id}"
}
`;
}

const TERRAFORM = `
resource "aws_service_discovery_service" "orders" {
  name = "orders"
}

resource "aws_apigatewayv2_api" "api" {
  name          = "cloud-map"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_vpc_link" "link" {
  name               = "link"
  security_group_ids = []
  subnet_ids         = ["subnet-1"]
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.api.id
  name        = "$default"
  auto_deploy = true
}
${integration('all', '', 'ANY /all/{proxy+}')}
${integration('prod', '?stage=prod', 'ANY /prod/{proxy+}')}
${integration('green', '?stage=prod&deployment=green', 'ANY /green/{proxy+}')}
${integration('test', '?stage=test', 'ANY /test/{proxy+}')}
`;

describe('Cloud Map service targets with ?attr=value filters', () => {
  let green: Upstream;
  let blue: Upstream;
  let plain: Upstream;
  let portico: Portico;
  let url: string;

  beforeAll(async () => {
    [green, blue, plain] = [await startUpstream('green'), await startUpstream('blue'), await startUpstream('plain')];
    const dir = writeConfig({ 'main.tf': TERRAFORM });
    writeFileSync(
      join(dir, 'portico.json'),
      JSON.stringify({
        targets: {
          'aws_service_discovery_service.orders': [
            { url: green.url, attributes: { stage: 'prod', deployment: 'green' } },
            { url: blue.url, attributes: { stage: 'prod', deployment: 'blue' } },
            plain.url,
          ],
        },
      }),
    );
    portico = await startPortico({ dir, port: 0, state: ':memory:', logLevel: 'silent' });
    url = `${portico.endpoint}/_aws/execute-api/${portico.apis[0]?.apiId ?? ''}`;
  });

  afterAll(async () => {
    await portico?.stop();
    for (const upstream of [green, blue, plain]) await upstream?.close();
  });

  async function answeredBy(path: string, count: number): Promise<string[]> {
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      const reply = await send(`${url}${path}`);
      names.push(reply.status === 200 ? String(reply.headers['x-upstream']) : String(reply.status));
    }
    return names;
  }

  it('without filters, every instance of the service gets requests in turn', async () => {
    expect(await answeredBy('/all/x', 3)).toEqual(['green', 'blue', 'plain']);
  });

  it('?stage=prod reaches only the instances whose stage attribute is prod', async () => {
    expect(await answeredBy('/prod/x', 4)).toEqual(['green', 'blue', 'green', 'blue']);
  });

  it('several filters must all match: ?stage=prod&deployment=green reaches one instance', async () => {
    expect(await answeredBy('/green/x', 3)).toEqual(['green', 'green', 'green']);
    expect(green.seen.at(-1)?.url).toBe('/green/x');
  });

  it('filters no instance matches → 503 Service Unavailable', async () => {
    const reply = await send(`${url}/test/x`);
    expect(reply.status).toBe(503);
    expect(reply.json()).toEqual({ message: 'Service Unavailable' });
  });

  it('resolveTarget shows what each filtered URI reaches on this machine', () => {
    const arn = portico.standIns.find((s) => s.address === 'aws_service_discovery_service.orders' && s.attribute === 'arn')?.value;
    expect(portico.resolveTarget(`${String(arn)}?deployment=blue`)).toEqual([blue.url]);
    expect(portico.resolveTarget(`${String(arn)}?stage=test`)).toBeUndefined();
  });
});
