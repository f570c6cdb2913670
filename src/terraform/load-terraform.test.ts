import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { load } from '../../test/fixtures/terraform/temp-config.js';
import { loadTerraform, type ResourceHandler, type ResourceInstance } from './index.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../../test/fixtures/terraform/${name}`, import.meta.url));
const seedDir = fileURLToPath(new URL('../../examples/seed', import.meta.url));

/** A handler that records what it saw and returns an id derived from the address. */
function recording(
  seen: ResourceInstance[],
  computed: (i: ResourceInstance) => Record<string, string> = (i) => ({ id: `id-of-${i.address}` }),
): ResourceHandler {
  return { apply: (instance) => (seen.push(instance), computed(instance)) };
}

describe('loadTerraform', () => {
  it('loads the seed system with stub handlers', async () => {
    const seen: ResourceInstance[] = [];
    const types = [
      'aws_apigatewayv2_api',
      'aws_apigatewayv2_vpc_link',
      'aws_apigatewayv2_integration',
      'aws_apigatewayv2_route',
      'aws_apigatewayv2_stage',
    ];
    const result = await loadTerraform({ dir: seedDir, env: {}, handlers: Object.fromEntries(types.map((t) => [t, recording(seen)])) });

    expect(result.region).toBe('us-east-2');
    expect(result.accountId).toBe('000000000000');
    expect(result.files).toEqual(['main.tf', 'network.tf', 'providers.tf', 'variables.tf']);
    expect(seen.map((i) => i.address)).toEqual([
      'aws_apigatewayv2_api.api',
      'aws_apigatewayv2_vpc_link.vpc_link',
      'aws_apigatewayv2_integration.api_integration',
      'aws_apigatewayv2_route.default_route',
      'aws_apigatewayv2_stage.default_stage',
    ]);
    const byAddress = Object.fromEntries(result.resources.map((r) => [r.address, r]));
    expect(byAddress['aws_apigatewayv2_integration.api_integration']?.attributes).toMatchObject({
      api_id: 'id-of-aws_apigatewayv2_api.api',
      connection_id: 'id-of-aws_apigatewayv2_vpc_link.vpc_link',
      connection_type: 'VPC_LINK',
      integration_uri:
        'arn:aws:elasticloadbalancing:us-east-2:123456789012:listener/app/my-load-balancer/50dc6c495c0c9188/0467ef3c8400ae65',
    });
    const route = byAddress['aws_apigatewayv2_route.default_route'];
    expect(route?.attributes).toEqual({
      api_id: 'id-of-aws_apigatewayv2_api.api',
      route_key: '$default',
      target: 'integrations/id-of-aws_apigatewayv2_integration.api_integration',
    });
    expect(route?.location).toEqual({ file: 'main.tf', line: 32 });
    expect(route?.attributeLocation('route_key')).toEqual({ file: 'main.tf', line: 34 });
    expect(route?.attributeLocation('nope')).toEqual({ file: 'main.tf', line: 32 });
    expect(byAddress['aws_apigatewayv2_api.api']?.attributes.tags).toEqual({ Environment: 'development', ManagedBy: 'terraform' });

    const link = byAddress['aws_apigatewayv2_vpc_link.vpc_link']?.attributes;
    expect(link?.subnet_ids).toEqual([expect.stringMatching(/^subnet-[0-9a-f]{17}$/), expect.stringMatching(/^subnet-[0-9a-f]{17}$/)]);
    expect(link?.security_group_ids).toEqual([expect.stringMatching(/^sg-[0-9a-f]{17}$/)]);
    expect(result.standIns.map((s) => [s.address, s.attribute, s.location])).toEqual([
      // module.vpclink_sg's inputs are evaluated when a stand-in needs them, the rest after everything else.
      ['module.vpclink_sg', 'this_security_group_id', { file: 'main.tf', line: 16 }],
      ['module.vpc', 'private_subnets', { file: 'main.tf', line: 17 }],
      ['module.vpc', 'vpc_id', { file: 'network.tf', line: 24 }],
    ]);
  });

  it('expands count and for_each with Terraform addresses', async () => {
    const result = await load({
      'main.tf': `
resource "aws_x" "counted" {
  count = 2
  name  = "c-\${count.index}"
}
resource "aws_x" "keyed" {
  for_each = toset(["b", "a"])
  name     = "k-\${each.key}-\${each.value}"
}
resource "aws_x" "mapped" {
  for_each = { one = 1, two = 2 }
  size     = each.value * 10
  after    = aws_x.counted[1].name
}
resource "aws_x" "none" {
  count = 0
}
output "names" {
  value = concat(aws_x.counted[*].name, [for k, v in aws_x.keyed : v.name], [aws_x.mapped["two"].size], aws_x.none[*].id)
}
`,
    });
    expect(result.resources.map((r) => [r.address, r.index])).toEqual([
      ['aws_x.counted[0]', 0],
      ['aws_x.counted[1]', 1],
      ['aws_x.keyed["a"]', 'a'],
      ['aws_x.keyed["b"]', 'b'],
      ['aws_x.mapped["one"]', 'one'],
      ['aws_x.mapped["two"]', 'two'],
    ]);
    expect(result.outputs.names).toEqual(['c-0', 'c-1', 'k-a-a', 'k-b-b', 20]);
    expect(result.resources[4]?.attributes).toEqual({ size: 10, after: 'c-1' });
  });

  it('evaluates local modules with inputs, outputs, nesting and count/for_each', async () => {
    const result = await loadTerraform({ dir: fixture('modules'), env: {} });
    expect(result.outputs).toEqual({
      urls: { orders: 'http://orders.internal:9090', users: 'http://users.internal:8080' },
      route_keys: ['GET /orders', 'GET /carts', 'GET /'],
      counted_ports: [1000, 1001],
    });
    const addresses = result.resources.map((r) => r.address);
    expect(addresses).toContain('module.service["orders"].module.route[1].aws_route_thing.this');
    expect(addresses).toContain('module.counted[1].aws_thing.svc');
    const nested = result.resources.find((r) => r.address === 'module.service["orders"].module.route[1].aws_route_thing.this');
    expect(nested).toMatchObject({
      modulePath: 'module.service["orders"].module.route[1]',
      type: 'aws_route_thing',
      name: 'this',
      location: { file: 'modules/route/main.tf', line: 9 },
    });
    expect(nested?.attributeLocation('target')).toEqual({ file: 'modules/route/main.tf', line: 11 });
    expect(result.files).toEqual(['main.tf', 'modules/service/main.tf', 'modules/route/main.tf']);
  });

  it('calls handlers in dependency order and gives references their computed attributes', async () => {
    const seen: ResourceInstance[] = [];
    const result = await load(
      {
        'main.tf': `
resource "aws_apigatewayv2_route" "r" {
  api_id    = aws_apigatewayv2_api.api.id
  route_key = "GET /"
  target    = "integrations/\${aws_apigatewayv2_integration.i.id}"
}
resource "aws_apigatewayv2_integration" "i" {
  api_id           = aws_apigatewayv2_api.api.id
  integration_type = "HTTP_PROXY"
}
resource "aws_apigatewayv2_api" "api" {
  name          = "x"
  protocol_type = "HTTP"
  depends_on    = [aws_other.first]
}
resource "aws_other" "first" {
  name = "first"
}
output "endpoint" {
  value = aws_apigatewayv2_api.api.api_endpoint
}
`,
      },
      {
        handlers: {
          aws_apigatewayv2_api: recording(seen, (i) => ({
            id: 'a1b2c3',
            api_endpoint: `https://a1b2c3.example/${String(i.attributes.name)}`,
          })),
          aws_apigatewayv2_integration: recording(seen, () => ({ id: 'int7' })),
          aws_apigatewayv2_route: recording(seen),
        },
      },
    );
    expect(result.resources.map((r) => r.address)).toEqual([
      'aws_other.first',
      'aws_apigatewayv2_api.api',
      'aws_apigatewayv2_integration.i',
      'aws_apigatewayv2_route.r',
    ]);
    expect(seen[2]?.attributes).toEqual({ api_id: 'a1b2c3', route_key: 'GET /', target: 'integrations/int7' });
    expect(result.outputs.endpoint).toBe('https://a1b2c3.example/x');
  });

  it('expands dynamic blocks, nested, with iterators, and drops meta-arguments', async () => {
    const result = await load({
      'main.tf': `
locals {
  rules = { http = 80, https = 443 }
}
resource "aws_sg" "s" {
  name = "sg"
  ingress {
    port = 22
  }
  dynamic "ingress" {
    for_each = local.rules
    iterator = rule
    content {
      port = rule.value
      desc = rule.key
      dynamic "cidr" {
        for_each = ["10.0.0.0/8", "192.168.0.0/16"]
        content {
          block = cidr.value
          index = cidr.key
        }
      }
    }
  }
  lifecycle {
    ignore_changes = [name]
  }
  provider = aws.other
}
`,
    });
    expect(result.resources[0]?.attributes).toEqual({
      name: 'sg',
      ingress: [
        { port: 22 },
        {
          port: 80,
          desc: 'http',
          cidr: [
            { block: '10.0.0.0/8', index: 0 },
            { block: '192.168.0.0/16', index: 1 },
          ],
        },
        {
          port: 443,
          desc: 'https',
          cidr: [
            { block: '10.0.0.0/8', index: 0 },
            { block: '192.168.0.0/16', index: 1 },
          ],
        },
      ],
    });
  });

  it('reads .tf.json files, path values and terraform.workspace', async () => {
    const result = await load({
      'main.tf.json': JSON.stringify({
        variable: { who: { default: 'json' }, names: { type: 'list(string)', default: ['a', 1] } },
        resource: { aws_x: { j: { name: '${var.who}-${terraform.workspace}', tags: { k: 'v' } } } },
        output: { where: { value: '${path.module}|${path.root}' }, names: { value: '${var.names}' } },
      }),
    });
    expect(result.resources[0]).toMatchObject({ address: 'aws_x.j', attributes: { name: 'json-default', tags: { k: 'v' } } });
    expect(result.outputs.where).toBe('.|.');
    expect(result.outputs.names).toEqual(['a', '1']);
  });

  it('uses the region given when no provider region is configured, and data sources know it', async () => {
    const result = await load(
      {
        'main.tf':
          'data "aws_region" "current" {}\ndata "aws_caller_identity" "me" {}\noutput "where" {\n  value = "${data.aws_region.current.name}/${data.aws_caller_identity.me.account_id}"\n}\n',
      },
      { region: 'eu-west-1', accountId: '123456789012' },
    );
    expect(result.outputs.where).toBe('eu-west-1/123456789012');
    expect(result.region).toBe('eu-west-1');
    expect(result.resources.map((r) => [r.mode, r.address])).toEqual([
      ['data', 'data.aws_region.current'],
      ['data', 'data.aws_caller_identity.me'],
    ]);
  });
});
