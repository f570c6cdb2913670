import { describe, expect, it } from 'vitest';
import { load, loadError } from '../../../test/fixtures/terraform/temp-config.js';

const manifest = (modules: { Key: string; Source: string; Dir: string; Version?: string }[]): string =>
  JSON.stringify({ Modules: [{ Key: '', Source: '', Dir: '.' }, ...modules] });

describe('remote modules', () => {
  it('are read from where terraform init installed them, with their own local children', async () => {
    const result = await load({
      'main.tf': `
module "api" {
  source  = "terraform-aws-modules/apigateway-v2/aws"
  version = "~> 5.0"
  name    = "orders"
}
output "id" {
  value = module.api.api_id
}
`,
      '.terraform/modules/modules.json': manifest([
        {
          Key: 'api',
          Source: 'registry.terraform.io/terraform-aws-modules/apigateway-v2/aws',
          Version: '5.2.1',
          Dir: '.terraform/modules/api',
        },
        { Key: 'api.naming', Source: './modules/naming', Dir: '.terraform/modules/api/modules/naming' },
      ]),
      '.terraform/modules/api/main.tf': `
variable "name" {}
module "naming" {
  source = "./modules/naming"
  base   = var.name
}
resource "aws_x" "api" {
  name = module.naming.full
}
output "api_id" {
  value = "id-\${aws_x.api.name}"
}
`,
      '.terraform/modules/api/modules/naming/main.tf': 'variable "base" {}\noutput "full" {\n  value = "${var.base}-api"\n}\n',
    });
    expect(result.outputs.id).toBe('id-orders-api');
    expect(result.resources.map((r) => [r.address, r.location.file])).toEqual([['module.api.aws_x.api', '.terraform/modules/api/main.tf']]);
    expect(result.warnings).toEqual([]);
    expect(result.standIns).toEqual([]);
  });

  it('read from a git source through the manifest too, and refuse arguments the module does not declare', async () => {
    const files = {
      'main.tf': 'module "svc" {\n  source = "git::https://example.com/svc.git?ref=v1"\n  nmae   = "x"\n}\n',
      '.terraform/modules/modules.json': manifest([
        { Key: 'svc', Source: 'git::https://example.com/svc.git?ref=v1', Dir: '.terraform/modules/svc' },
      ]),
      '.terraform/modules/svc/main.tf': 'variable "name" {\n  default = "a"\n}\n',
    };
    expect(await loadError(files)).toContain(
      'main.tf:3: Unsupported argument: module "svc" (git::https://example.com/svc.git?ref=v1) has no variable named "nmae". Did you mean "name"?',
    );
  });

  it('without terraform init say which module calls may hold APIs, and how to install them', async () => {
    const result = await load({
      'main.tf':
        'module "api_gateway" {\n  source = "terraform-aws-modules/apigateway-v2/aws"\n}\nmodule "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n',
    });
    expect(result.warnings).toEqual([
      expect.stringMatching(
        /^main\.tf:2: module\.api_gateway \(terraform-aws-modules\/apigateway-v2\/aws\): it is not installed .*Portico cannot see the aws_apigatewayv2_\* resources it defines.*terraform init -backend=false/,
      ),
      expect.stringMatching(/^main\.tf:5: module\.vpc .*its outputs are stand-ins/),
    ]);
  });

  it('whose source changed since init are not read (their outputs are stand-ins), with a warning', async () => {
    const result = await load({
      'main.tf':
        'module "api" {\n  source = "terraform-aws-modules/apigateway-v2/aws"\n}\noutput "arn" {\n  value = module.api.api_execution_arn\n}\n',
      '.terraform/modules/modules.json': manifest([
        { Key: 'api', Source: 'registry.terraform.io/acme/api/aws', Dir: '.terraform/modules/api' },
      ]),
      '.terraform/modules/api/main.tf': 'output "api_execution_arn" {\n  value = "real"\n}\n',
    });
    expect(result.outputs.arn).toMatch(/^arn:aws:execute-api:us-east-1:000000000000:[a-z0-9]{10}$/);
    expect(result.warnings[0]).toContain('its source changed since terraform init installed "registry.terraform.io/acme/api/aws"');
  });

  it('that are not installed feed each other outputs without a false cycle (Terraform links each output to what it uses)', async () => {
    const result = await load({
      'main.tf': `
module "api" {
  source = "terraform-aws-modules/apigateway-v2/aws"
  name   = "shop"
  routes = {
    "POST /" = { integration = { uri = module.lambda.lambda_function_arn } }
  }
}
module "lambda" {
  source        = "terraform-aws-modules/lambda/aws"
  function_name = "shop-handler"
  allowed_triggers = {
    api = { service = "apigateway", source_arn = "\${module.api.api_execution_arn}/*/*" }
  }
}
output "o" {
  value = [module.api.api_execution_arn, module.lambda.lambda_function_invoke_arn, module.lambda.lambda_function_name]
}
`,
    });
    const [execution, invoke, name] = result.outputs.o as string[];
    expect(execution).toMatch(/^arn:aws:execute-api:us-east-1:000000000000:[a-z0-9]{10}$/);
    expect(invoke).toBe(
      'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:shop-handler/invocations',
    );
    expect(name).toBe('shop-handler');
  });

  it('still report a mistake in an argument no stand-in needed', async () => {
    expect(await loadError({ 'main.tf': 'module "m" {\n  source = "acme/m/aws"\n  x      = var.nope\n}\n' })).toContain(
      'main.tf:3: Reference to undeclared input variable "nope"',
    );
    expect(await loadError({ 'main.tf': 'module "m" {\n  source = "acme/m/aws"\n  x      = 1 + "a"\n}\n' })).toMatch(
      /^TerraformError: main\.tf:3: /,
    );
  });
});

describe('stand-ins take their shape from how they are used', () => {
  it('a module output indexed by key and read further is a map of objects, and the ARN names the load balancer', async () => {
    const result = await load({
      'main.tf': `
module "alb" {
  source = "terraform-aws-modules/alb/aws"
  name   = "front"
}
output "o" {
  value = {
    http    = module.alb.listeners["ex-http"].arn
    https   = module.alb.listeners["ex-https"].arn
    tg      = module.alb.target_groups["app"].arn
    splat   = module.alb.target_groups_list[*].id
    first   = module.alb.things[0].name
    subnets = module.alb.subnets
  }
}
resource "aws_x" "each" {
  for_each = module.alb.security_group_ids
  name     = each.key
}
`,
    });
    const o = result.outputs.o as Record<string, unknown>;
    expect(o.http).toMatch(/^arn:aws:elasticloadbalancing:us-east-1:000000000000:listener\/app\/front\/[0-9a-f]{16}\/[0-9a-f]{16}$/);
    expect(o.https).not.toBe(o.http);
    expect(o.tg).toMatch(/^arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup\/front\/[0-9a-f]{16}$/);
    expect(o.splat).toHaveLength(2);
    expect(typeof o.first).toBe('string');
    expect(o.subnets).toEqual([expect.stringMatching(/^subnet-/), expect.stringMatching(/^subnet-/)]);
    expect(result.resources.filter((r) => r.type === 'aws_x')).toHaveLength(2);
    expect(result.standIns.map((s) => s.attribute)).toContain('listeners["ex-http"].arn');
  });

  it('a resource attribute read as an object is one, and the remote state outputs too', async () => {
    const result = await load({
      'main.tf': `
resource "aws_thing" "t" {}
data "terraform_remote_state" "net" {
  backend = "s3"
}
output "o" {
  value = [aws_thing.t.endpoint_config.url, data.terraform_remote_state.net.outputs.alb.listener_arn]
}
`,
    });
    const [url, listener] = result.outputs.o as string[];
    expect(url).toMatch(/^https:\/\//);
    expect(listener).toMatch(/^arn:aws:elasticloadbalancing:.*:listener\/app\//);
  });
});
