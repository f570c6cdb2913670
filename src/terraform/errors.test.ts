import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadError } from '../../test/fixtures/terraform/temp-config.js';
import { loadTerraform, TerraformError } from './index.js';

const api = 'resource "aws_apigatewayv2_api" "api" {\n  name = "a"\n  protocol_type = "HTTP"\n}\n';

/** Every bad input is a TerraformError whose message starts with the file and line. */
const cases: [string, Record<string, string>, string][] = [
  [
    'syntax error',
    { 'main.tf': 'locals {\n  a = \n}\n' },
    'main.tf:2: Invalid expression: Expected the start of an expression, but found an invalid expression token.',
  ],
  [
    'syntax error in a module file',
    { 'main.tf': 'module "api" {\n  source = "./modules/api"\n}\n', 'modules/api/main.tf': 'resource "aws_x" "y" {\n  name = "a"\n' },
    'modules/api/main.tf:1: Unclosed configuration block: There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.',
  ],
  [
    'undeclared resource, with a suggestion',
    { 'main.tf': `${api}resource "aws_apigatewayv2_route" "r" {\n  api_id = aws_apigatewayv2_api.apii.id\n}\n` },
    'main.tf:6: Reference to undeclared resource "aws_apigatewayv2_api.apii". Did you mean "aws_apigatewayv2_api.api"?',
  ],
  [
    'undeclared variable',
    { 'main.tf': 'variable "region" {\n  default = "x"\n}\noutput "o" {\n  value = var.regoin\n}\n' },
    'main.tf:5: Reference to undeclared input variable "regoin". Did you mean "region"?',
  ],
  [
    'undeclared local in an untaken branch',
    { 'main.tf': 'output "o" {\n  value = true ? 1 : local.nope\n}\n' },
    'main.tf:2: Reference to undeclared local value "nope".',
  ],
  [
    'missing required variable',
    { 'variables.tf': '\nvariable "port" {\n  type = number\n}\n' },
    'variables.tf:2: No value for required variable "port": the variable has no default, so a value is required; set it with --var port=..., in terraform.tfvars, or with the TF_VAR_port environment variable',
  ],
  [
    'wrong type from a tfvars file',
    { 'main.tf': 'variable "port" {\n  type = number\n}\n', 'terraform.tfvars': '\nport = "abc"\n' },
    'terraform.tfvars:2: Invalid value for variable "port": a number is required, got "abc"',
  ],
  [
    'unknown function',
    { 'main.tf': 'output "o" {\n  value = uper("x")\n}\n' },
    'main.tf:2: Call to unknown function: there is no function named "uper". Did you mean "upper"?',
  ],
  [
    'provider-defined function',
    { 'main.tf': 'output "o" {\n  value = provider::aws::arn_parse("arn:aws:s3:::b")\n}\n' },
    'main.tf:2: Call to unknown function: there is no function named "provider::aws::arn_parse". Provider-defined functions are not supported by Portico.',
  ],
  [
    'wrong argument count',
    { 'main.tf': 'output "o" {\n  value = join(",")\n}\n' },
    'main.tf:2: Invalid function argument: join(): at least one list is required',
  ],
  [
    'too many arguments',
    { 'main.tf': 'output "o" {\n  value = upper("a", "b")\n}\n' },
    'main.tf:2: Invalid function call: upper(str) takes 1 argument, got 2',
  ],
  [
    'wrong argument type',
    { 'main.tf': 'output "o" {\n  value = upper(["a"])\n}\n' },
    'main.tf:2: Invalid value for "str" parameter of upper(): a string is required, got tuple',
  ],
  [
    'for_each over a list',
    { 'main.tf': 'resource "aws_x" "y" {\n  for_each = ["a", "b"]\n}\n' },
    'main.tf:2: Invalid for_each argument: the "for_each" argument must be a map, or set of strings, and you have provided a list (tuple); convert it with toset() first',
  ],
  [
    'count not a number',
    { 'main.tf': 'resource "aws_x" "y" {\n  name  = "n"\n  count = "two"\n}\n' },
    'main.tf:3: Invalid count argument: a number is required, got "two"',
  ],
  [
    'negative count',
    { 'main.tf': 'resource "aws_x" "y" {\n  count = -1\n}\n' },
    'main.tf:2: Invalid count argument: the given "count" value -1 is not a whole number of zero or more',
  ],
  [
    'module source directory missing',
    { 'main.tf': 'module "api" {\n  source = "./modules/api"\n}\n' },
    'main.tf:2: Unreadable module directory: the module source "./modules/api" is not a directory (looked for modules/api); expected a local directory of .tf files',
  ],
  [
    'cycle',
    { 'main.tf': 'locals {\n  a = local.b\n  b = local.a\n}\n' },
    'main.tf:2: Cycle: local.a → local.b → local.a; these objects refer to each other, so none can be evaluated first',
  ],
  [
    'error inside a module is located in the module file',
    { 'main.tf': 'module "m" {\n  source = "./m"\n}\n', 'm/main.tf': 'resource "aws_x" "y" {\n  name = 1 + "x"\n}\n' },
    'm/main.tf:2: Invalid operand of "+": a number is required, got "x"',
  ],
  [
    'unsupported module argument',
    { 'main.tf': 'module "m" {\n  source = "./m"\n  nmae   = "x"\n}\n', 'm/main.tf': 'variable "name" {\n  default = "d"\n}\n' },
    'main.tf:3: Unsupported argument: module "m" (./m) has no variable named "nmae". Did you mean "name"?',
  ],
  [
    'missing module variable',
    { 'main.tf': 'module "m" {\n  source = "./m"\n}\n', 'm/main.tf': 'variable "name" {}\n' },
    'main.tf:1: Missing required argument: module "m" needs a value for variable "name", which has no default (declared at m/main.tf:1)',
  ],
  [
    'duplicate resource',
    { 'a.tf': api, 'b.tf': `\n${api}` },
    'b.tf:2: Duplicate resource "aws_apigatewayv2_api" "api" configuration: it was already declared at a.tf:1; names must be unique within a module',
  ],
  [
    'null in a template',
    { 'main.tf': 'variable "x" {\n  default = null\n}\noutput "o" {\n  value = "v=${var.x}"\n}\n' },
    'main.tf:5: Invalid template interpolation value: the expression result is null; a null value cannot be included in a string template',
  ],
  [
    'each outside for_each',
    { 'main.tf': 'resource "aws_x" "y" {\n  name = each.key\n}\n' },
    'main.tf:2: Reference to "each" in context without for_each: each.key and each.value can be used only in resource, data and module blocks that set "for_each"',
  ],
  [
    'error in a nested block is located at its line',
    { 'main.tf': 'resource "aws_x" "y" {\n  setting {\n    name = "a"\n    value = tonumber("b")\n  }\n}\n' },
    'main.tf:4: Invalid value for tonumber(): a number is required, got "b"',
  ],
  [
    'invalid type constraint',
    { 'main.tf': 'variable "x" {\n  type = strng\n}\n' },
    'main.tf:2: Invalid type specification: expected string, number, bool, any, list(T), set(T), map(T), tuple([...]) or object({...})',
  ],
  [
    'templatefile with a reference the template was not given',
    { 'main.tf': 'output "o" {\n  value = templatefile("t.tpl", { a = 1 })\n}\n', 't.tpl': 'a=${a} b=${b}\n' },
    'main.tf:2: Invalid reference in template "t.tpl": only the variables passed to templatefile() can be used, and "b" is not one of them',
  ],
  [
    'templatefile with a syntax error',
    { 'main.tf': 'output "o" {\n  value = templatefile("t.tpl", {})\n}\n', 't.tpl': 'line one\n%{ if }\n' },
    'main.tf:2: Invalid template "t.tpl", line 2: Invalid expression: expected the start of an expression, found "}"',
  ],
  [
    'tfvars value that refers to something',
    { 'main.tf': 'variable "a" {\n  default = "x"\n}\n', 'terraform.tfvars': 'a = "${var.b}"\n' },
    'terraform.tfvars:1: Variables not allowed: the value of variable "a" must be a literal value and cannot refer to "var"',
  ],
  [
    'undeclared module output',
    {
      'main.tf': 'module "m" {\n  source = "./m"\n}\noutput "o" {\n  value = module.m.urll\n}\n',
      'm/main.tf': 'output "url" {\n  value = "u"\n}\n',
    },
    'main.tf:5: Unsupported attribute: module.m has no output named "urll". Did you mean "url"?',
  ],
];

describe('errors name the file and line', () => {
  it.each(cases)('%s', async (_name, files, message) => {
    expect(await loadError(files)).toBe(`TerraformError: ${message}`);
  });

  it('reports a --var value that does not fit the type at the declaration', async () => {
    const files = { 'variables.tf': '\n\nvariable "port" {\n  type = number\n}\n' };
    expect(await loadError(files, { vars: { port: 'abc' } })).toBe(
      'TerraformError: variables.tf:3: Invalid value for variable "port": a number is required, got "abc"',
    );
    const list = { 'variables.tf': 'variable "names" {\n  type = list(string)\n}\n' };
    expect(await loadError(list, { vars: { names: '["a", ' } })).toBe(
      'TerraformError: variables.tf:1: Invalid value for variable "names": --var names must be an HCL expression of type list(string), such as ["a", "b"] or {key = "value"}: Invalid expression: expected the start of an expression, found the end of the expression',
    );
    expect(await loadError(files, { vars: { prot: '1' } })).toBe(
      'TerraformError: --var prot: Value for undeclared variable: the root module does not declare a variable named "prot". Did you mean "port"?',
    );
  });

  it('locates handler errors at the argument they name', async () => {
    const files = {
      'main.tf': `${api}resource "aws_apigatewayv2_route" "r" {\n  api_id    = aws_apigatewayv2_api.api.id\n  route_key = "GETT /"\n}\n`,
    };
    const handlers = {
      aws_apigatewayv2_route: {
        apply: () => {
          throw Object.assign(new Error('Invalid route key "GETT /": expected "$default" or "METHOD /path"'), { attribute: 'route_key' });
        },
      },
      aws_apigatewayv2_api: { apply: () => ({ id: 'x' }) },
    };
    expect(await loadError(files, { handlers })).toBe(
      'TerraformError: main.tf:7: aws_apigatewayv2_route.r: Invalid route key "GETT /": expected "$default" or "METHOD /path"',
    );
    const plain = {
      aws_apigatewayv2_api: {
        apply: () => {
          throw new Error('boom');
        },
      },
    };
    expect(await loadError(files, { handlers: plain })).toBe('TerraformError: main.tf:1: aws_apigatewayv2_api.api: boom');
  });

  it('carries file, line and column as fields', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-syntax-'));
    writeFileSync(join(dir, 'main.tf'), 'locals {\n  a = \n}\n');
    const error = await loadTerraform({ dir, env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TerraformError);
    expect(error).toMatchObject({
      file: 'main.tf',
      line: 2,
      column: 7,
      detail: 'Invalid expression: Expected the start of an expression, but found an invalid expression token.',
    });
  });

  it('says clearly when there is no configuration', async () => {
    const missing = join(tmpdir(), 'portico-does-not-exist');
    await expect(loadTerraform({ dir: missing })).rejects.toThrow(
      `${missing}: No Terraform configuration: this directory does not exist; expected a directory of .tf files`,
    );
    const empty = mkdtempSync(join(tmpdir(), 'portico-empty-'));
    const error = await loadTerraform({ dir: empty }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TerraformError);
    expect((error as TerraformError).message).toBe(
      `${empty}: No Terraform configuration: this directory contains no .tf or .tf.json files`,
    );
  });
});
