import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadError, writeConfig } from '../../../test/fixtures/terraform/temp-config.js';
import { loadTerraform } from '../index.js';

const declaration = `
variable "v" {
  type    = string
  default = "default"
}
output "v" {
  value = var.v
}
`;

describe('variable values', () => {
  it('apply in Terraform precedence: default < TF_VAR_ < terraform.tfvars < .tfvars.json < *.auto.tfvars < --var-file < --var', async () => {
    const dir = writeConfig({ 'main.tf': declaration });
    const value = async (opts: { vars?: Record<string, string>; varFiles?: string[] } = {}) =>
      (await loadTerraform({ dir, env: { TF_VAR_v: 'env' }, ...opts })).outputs.v;
    expect((await loadTerraform({ dir, env: {} })).outputs.v).toBe('default');
    expect(await value()).toBe('env');
    writeFileSync(join(dir, 'terraform.tfvars'), 'v = "tfvars"\n');
    expect(await value()).toBe('tfvars');
    writeFileSync(join(dir, 'terraform.tfvars.json'), '{"v": "tfvars.json"}');
    expect(await value()).toBe('tfvars.json');
    writeFileSync(join(dir, 'b.auto.tfvars'), 'v = "b.auto"\n');
    writeFileSync(join(dir, 'a.auto.tfvars.json'), '{"v": "a.auto"}');
    expect(await value()).toBe('b.auto');
    const extra = join(writeConfig({ 'x.tfvars': 'v = "x"\n' }), 'x.tfvars');
    const more = join(writeConfig({ 'y.tfvars': 'v = "y"\n' }), 'y.tfvars');
    expect(await value({ varFiles: [more, extra] })).toBe('x');
    expect(await value({ varFiles: [more, extra], vars: { v: 'cli' } })).toBe('cli');
    const result = await loadTerraform({ dir, env: {}, varFiles: [extra] });
    expect(result.files).toEqual(['main.tf', 'terraform.tfvars', 'terraform.tfvars.json', 'a.auto.tfvars.json', 'b.auto.tfvars', extra]);
  });

  it('converts CLI strings to the declared type and parses structured types as HCL', async () => {
    const dir = writeConfig({
      'main.tf': `
variable "port" {
  type = number
}
variable "on" {
  type = bool
}
variable "names" {
  type = list(string)
}
variable "tags" {
  type = map(string)
}
variable "svc" {
  type = object({
    name    = string
    port    = optional(number, 80)
    enabled = optional(bool)
  })
}
variable "untyped" {}
variable "ids" {
  type = set(string)
}
resource "aws_x" "each" {
  for_each = var.ids
  id_copy  = each.key
}
output "all" {
  value = [var.port + 1, var.on, var.names, var.tags, var.svc, var.untyped]
}
`,
    });
    const result = await loadTerraform({
      dir,
      env: { TF_VAR_untyped: '[not parsed]', TF_VAR_ids: '["b", "a", "b"]' },
      vars: { port: '8080', on: 'true', names: '["a", "b"]', tags: '{ env = "dev", n = 1 }', svc: '{ name = "api" }' },
    });
    expect(result.outputs.all).toEqual([
      8081,
      true,
      ['a', 'b'],
      { env: 'dev', n: '1' },
      { name: 'api', port: 80, enabled: null },
      '[not parsed]',
    ]);
    expect(result.resources.map((r) => r.address)).toEqual(['aws_x.each["a"]', 'aws_x.each["b"]']);
  });

  it('passes nullable, defaults and validations through', async () => {
    const files = {
      'variables.tf': `variable "name" {
  type     = string
  default  = "fallback"
  nullable = false
}

variable "stage" {
  type    = string
  default = "dev"

  validation {
    condition     = contains(["dev", "prod"], var.stage)
    error_message = "stage must be dev or prod, not \${var.stage}."
  }
}
`,
      'main.tf': 'output "o" {\n  value = "${var.name}/${var.stage}"\n}\n',
    };
    const dir = writeConfig(files);
    expect((await loadTerraform({ dir, env: {}, vars: { stage: 'prod' } })).outputs.o).toBe('fallback/prod');
    expect(await loadError(files, { vars: { stage: 'qa' } })).toBe(
      'TerraformError: variables.tf:12: Invalid value for variable "stage": stage must be dev or prod, not qa.',
    );
  });
});
