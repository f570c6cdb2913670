import { describe, expect, it } from 'vitest';
import { load, loadError } from '../../../test/fixtures/terraform/temp-config.js';

describe('module calls', () => {
  it('evaluate a whole module first for depends_on = [module.x]', async () => {
    const result = await load({
      'main.tf': 'resource "aws_x" "after" {\n  depends_on = [module.net]\n}\nmodule "net" {\n  source = "./net"\n}\n',
      'net/main.tf': 'resource "aws_y" "a" {}\nresource "aws_y" "b" {}\n',
    });
    expect(result.resources.map((r) => r.address)).toEqual(['module.net.aws_y.a', 'module.net.aws_y.b', 'aws_x.after']);
  });

  it('let two modules feed each other different outputs, as Terraform does', async () => {
    const result = await load({
      'main.tf': `
module "a" {
  source = "./a"
  peer   = module.b.name
}
module "b" {
  source = "./b"
  peer   = module.a.id
}
output "pair" {
  value = [module.a.greeting, module.b.name]
}
`,
      'a/main.tf': 'variable "peer" {}\noutput "id" {\n  value = "a-id"\n}\noutput "greeting" {\n  value = "hello ${var.peer}"\n}\n',
      'b/main.tf': 'variable "peer" {}\noutput "name" {\n  value = "b"\n}\noutput "echo" {\n  value = var.peer\n}\n',
    });
    expect(result.outputs.pair).toEqual(['hello b', 'b']);
  });

  it('report a real cycle across modules with the path through them', async () => {
    expect(
      await loadError({
        'main.tf': 'module "a" {\n  source = "./m"\n  input  = module.a.out\n}\n',
        'm/main.tf': 'variable "input" {}\noutput "out" {\n  value = var.input\n}\n',
      }),
    ).toBe(
      'TerraformError: m/main.tf:1: Cycle: module.a.var.input → module.a.output.out → module.a.var.input; these objects refer to each other, so none can be evaluated first',
    );
  });

  it('give counted registry modules stand-ins per instance', async () => {
    const result = await load({
      'main.tf':
        'module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n  count  = 2\n  name   = "net-${count.index}"\n}\noutput "o" {\n  value = [module.vpc[1].vpc_id, module.vpc[1].name]\n}\n',
    });
    expect(result.outputs.o).toEqual([expect.stringMatching(/^vpc-/), 'net-1']);
    expect(result.standIns.map((s) => `${s.address}.${s.attribute}`)).toEqual(['module.vpc[1].vpc_id', 'module.vpc[1].name']);
  });

  it('warn about values for undeclared variables in files, as Terraform does', async () => {
    const result = await load({
      'main.tf': 'variable "a" {\n  default = 1\n}\n',
      'terraform.tfvars': 'a = 2\nb = 3\n',
      'main_override.tf': 'variable "a" {\n  default = 5\n}\n',
    });
    expect(result.warnings).toEqual([
      'main_override.tf: Override files are not supported by Portico; this file was not read',
      'terraform.tfvars:2: Value for undeclared variable: the root module does not declare a variable named "b"; the value is ignored',
    ]);
  });
});
