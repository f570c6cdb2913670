import { describe, expect, it } from 'vitest';
import { load } from '../../../test/fixtures/terraform/temp-config.js';

const config = {
  'providers.tf': 'provider "aws" {\n  region = "eu-central-1"\n}\n',
  'main.tf': `
module "vpc" {
  source          = "terraform-aws-modules/vpc/aws"
  name            = "dev"
  private_subnets = ["10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"]
}

resource "aws_lb" "front" {
  name     = "front-lb"
  internal = true
  subnets  = module.vpc.private_subnets
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.front.arn
  port              = 80
}

resource "aws_lb_listener" "orphan" {
  load_balancer_arn = var.external_lb
  port              = 443
}

variable "external_lb" {
  default = "not-an-arn"
}

resource "aws_lambda_function" "fn" {
  function_name = "handler"
  role          = "arn:aws:iam::111122223333:role/handler"
}

resource "aws_service_discovery_service" "svc" {
  name = "orders"
}

data "archive_file" "zip" {
  type                    = "zip"
  source_content          = "exports.handler = async () => 'hi';"
  source_content_filename = "index.js"
  output_path             = "build/fn.zip"
}

data "terraform_remote_state" "net" {
  backend = "s3"
}

output "values" {
  value = {
    subnets     = module.vpc.private_subnets
    vpc_id      = module.vpc.vpc_id
    sg_ids      = module.vpc.default_security_group_ids
    lb_arn      = aws_lb.front.arn
    lb_dns      = aws_lb.front.dns_name
    listener    = aws_lb_listener.http.arn
    orphan      = aws_lb_listener.orphan.arn
    port        = aws_lb_listener.http.port
    fn_arn      = aws_lambda_function.fn.arn
    invoke_arn  = aws_lambda_function.fn.invoke_arn
    srv         = aws_service_discovery_service.svc.arn
    zip_path    = data.archive_file.zip.output_path
    zip_hash    = data.archive_file.zip.output_base64sha256
    remote      = data.terraform_remote_state.net.outputs.vpc_id
    enabled     = aws_lambda_function.fn.tracing_enabled
  }
}
`,
};

describe('stand-ins', () => {
  it('give computed attributes of the right shape, naming the resource they belong to', async () => {
    const result = await load(config, { accountId: '111122223333' });
    const v = result.outputs.values as Record<string, unknown>;
    expect(v.subnets).toEqual([
      expect.stringMatching(/^subnet-[0-9a-f]{17}$/),
      expect.stringMatching(/^subnet-/),
      expect.stringMatching(/^subnet-/),
    ]);
    expect(v.vpc_id).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(v.sg_ids).toEqual([expect.stringMatching(/^sg-/), expect.stringMatching(/^sg-/)]);
    expect(v.lb_arn).toMatch(/^arn:aws:elasticloadbalancing:eu-central-1:111122223333:loadbalancer\/app\/front-lb\/[0-9a-f]{16}$/);
    expect(v.lb_dns).toMatch(/^internal-front-lb-\d{10}\.eu-central-1\.elb\.amazonaws\.com$/);
    const lbId = String(v.lb_arn).split('/').pop();
    expect(v.listener).toMatch(
      new RegExp(`^arn:aws:elasticloadbalancing:eu-central-1:111122223333:listener/app/front-lb/${lbId}/[0-9a-f]{16}$`),
    );
    expect(v.orphan).toMatch(/^arn:aws:elasticloadbalancing:eu-central-1:111122223333:listener\/app\/orphan\/[0-9a-f]{16}\/[0-9a-f]{16}$/);
    expect(v.port).toBe(80);
    expect(v.fn_arn).toBe('arn:aws:lambda:eu-central-1:111122223333:function:handler');
    expect(v.invoke_arn).toBe(
      'arn:aws:apigateway:eu-central-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-central-1:111122223333:function:handler/invocations',
    );
    expect(v.srv).toMatch(/^arn:aws:servicediscovery:eu-central-1:111122223333:service\/srv-[a-z0-9]{16}$/);
    expect(v.zip_path).toBe('build/fn.zip');
    expect(v.zip_hash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(v.remote).toMatch(/^vpc-/);
    expect(v.enabled).toBe(false);
  });

  it('are the same on every run', async () => {
    const first = await load(config);
    const second = await load(config);
    expect(second.outputs).toEqual(first.outputs);
    expect(second.standIns).toEqual(first.standIns);
  });

  it('are recorded once each, with the reason and where they were used', async () => {
    const result = await load(config);
    const recorded = result.standIns.map((s) => `${s.address} ${s.attribute} @${s.location.file}:${s.location.line}`);
    // An object constructor's items are evaluated in source order, so its stand-ins are recorded in that order.
    expect(recorded).toEqual([
      'module.vpc private_subnets @main.tf:11',
      'aws_lb.front arn @main.tf:15',
      'module.vpc vpc_id @main.tf:49',
      'module.vpc default_security_group_ids @main.tf:49',
      'aws_lb.front dns_name @main.tf:49',
      'aws_lb_listener.http arn @main.tf:49',
      'aws_lb_listener.orphan arn @main.tf:49',
      'aws_lambda_function.fn arn @main.tf:49',
      'aws_lambda_function.fn invoke_arn @main.tf:49',
      'aws_service_discovery_service.svc arn @main.tf:49',
      'data.terraform_remote_state.net outputs.vpc_id @main.tf:49',
      'aws_lambda_function.fn tracing_enabled @main.tf:49',
    ]);
    const reason = result.standIns.find((s) => s.address === 'module.vpc')?.reason;
    expect(reason).toBe(
      'module source "terraform-aws-modules/vpc/aws" is not installed (run terraform init -backend=false to download it); its outputs are known only after apply',
    );
    expect(result.standIns.find((s) => s.address === 'aws_lb.front')?.reason).toBe(
      'Portico does not emulate aws_lb; its computed attributes are known only after apply',
    );
  });

  it('do not replace what a handler computes, and handled types read unset arguments as null', async () => {
    const result = await load(
      {
        'main.tf': `resource "aws_apigatewayv2_api" "api" {\n  name = "a"\n  protocol_type = "HTTP"\n}\noutput "o" {\n  value = [aws_apigatewayv2_api.api.id, aws_apigatewayv2_api.api.description, aws_apigatewayv2_api.api.execution_arn]\n}\n`,
      },
      { handlers: { aws_apigatewayv2_api: { apply: () => ({ id: 'abc123' }) } } },
    );
    const [id, description, executionArn] = result.outputs.o as unknown[];
    expect([id, description]).toEqual(['abc123', null]);
    expect(executionArn).toMatch(/^arn:aws:execute-api:us-east-1:000000000000:/);
    expect(result.standIns.map((s) => [s.attribute, s.reason])).toEqual([
      ['execution_arn', 'the aws_apigatewayv2_api handler does not compute "execution_arn"'],
    ]);
  });
});
