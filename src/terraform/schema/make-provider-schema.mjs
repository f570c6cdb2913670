#!/usr/bin/env node
/**
 * Writes provider-schema.json: the argument schema (names, types, required/optional/computed,
 * nested blocks and how many of each) of the resource types Portico reads, taken from the AWS
 * provider itself with `terraform providers schema -json`, so that a misspelled argument or a
 * value of the wrong type is refused as `terraform validate` refuses it. Descriptions are dropped.
 *
 *   node src/terraform/schema/make-provider-schema.mjs [PLUGIN_MIRROR] [PROVIDER_VERSION]
 *
 * PLUGIN_MIRROR is a Terraform filesystem mirror holding registry.terraform.io/hashicorp/aws
 * (default: $PORTICO_TF_PLUGINS, else /opt/tf-plugins); the `terraform` CLI must be on PATH.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const mirror = process.argv[2] ?? process.env.PORTICO_TF_PLUGINS ?? '/opt/tf-plugins';
const version = process.argv[3] ?? readdirSync(join(mirror, 'registry.terraform.io/hashicorp/aws')).sort().pop();
/** The types Portico applies or reads: every aws_apigatewayv2_* resource, and the Lambda functions it runs. */
const wanted = (type) => type.startsWith('aws_apigatewayv2_') || type === 'aws_lambda_function';

const work = mkdtempSync(join(tmpdir(), 'portico-schema-'));
try {
  writeFileSync(
    join(work, 'main.tf'),
    `terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws", version = "${version}" }\n  }\n}\n`,
  );
  writeFileSync(
    join(work, 'cli.tfrc'),
    `provider_installation {\n  filesystem_mirror {\n    path    = "${mirror}"\n    include = ["registry.terraform.io/*/*"]\n  }\n}\n`,
  );
  const env = { ...process.env, TF_CLI_CONFIG_FILE: join(work, 'cli.tfrc'), TF_IN_AUTOMATION: '1' };
  execFileSync('terraform', ['init', '-input=false', '-backend=false'], { cwd: work, env, stdio: 'ignore' });
  const raw = execFileSync('terraform', ['providers', 'schema', '-json'], { cwd: work, env, maxBuffer: 1 << 30 });
  const provider = JSON.parse(raw.toString('utf8')).provider_schemas['registry.terraform.io/hashicorp/aws'];
  const resources = {};
  for (const type of Object.keys(provider.resource_schemas).filter(wanted).sort())
    resources[type] = block(provider.resource_schemas[type].block);
  const out = {
    provider: 'registry.terraform.io/hashicorp/aws',
    version,
    generatedBy: 'src/terraform/schema/make-provider-schema.mjs',
    resources,
  };
  const path = new URL('./provider-schema.json', import.meta.url);
  writeFileSync(path, `${JSON.stringify(out, null, 1)}\n`);
  execFileSync('npx', ['prettier', '--write', path.pathname], { stdio: 'ignore' });
  console.log(`provider-schema.json: ${Object.keys(resources).length} resource types from hashicorp/aws ${version}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

function block(schema) {
  const attributes = {};
  for (const [name, a] of Object.entries(schema.attributes ?? {}).sort(([x], [y]) => (x < y ? -1 : 1))) {
    attributes[name] = {
      type: a.type,
      ...(a.required ? { required: true } : {}),
      ...(a.optional ? { optional: true } : {}),
      ...(a.computed ? { computed: true } : {}),
    };
  }
  const blocks = {};
  for (const [name, b] of Object.entries(schema.block_types ?? {}).sort(([x], [y]) => (x < y ? -1 : 1))) {
    blocks[name] = {
      nesting: b.nesting_mode,
      ...(b.min_items ? { min: b.min_items } : {}),
      ...(b.max_items ? { max: b.max_items } : {}),
      ...block(b.block),
    };
  }
  return { attributes, blocks };
}
