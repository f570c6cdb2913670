import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/model/index.js';
import { type Portico, startPortico } from '../../src/server/index.js';
import { writeConfig } from '../fixtures/terraform/temp-config.js';
import { send } from '../support/http.js';

/**
 * docs/reference/dataplane.md §3.1/§11: a private integration's targets are balanced round-robin; passive health
 * takes a target that refuses connections out of the rotation for a while (on the injected clock)
 * and the request that found it down goes to another target, body and all.
 */
const TERRAFORM = `
resource "aws_lb" "front" {
  name     = "front"
  internal = true
}

resource "aws_lb_listener" "front" {
  load_balancer_arn = aws_lb.front.arn
  port              = 80
}

resource "aws_apigatewayv2_api" "api" {
  name          = "balanced"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_vpc_link" "link" {
  name               = "link"
  security_group_ids = []
  subnet_ids         = ["subnet-1"]
}

resource "aws_apigatewayv2_integration" "private" {
  api_id             = aws_apigatewayv2_api.api.id
  integration_type   = "HTTP_PROXY"
  connection_type    = "VPC_LINK"
  connection_id      = aws_apigatewayv2_vpc_link.link.id
  integration_method = "ANY"
  integration_uri    = aws_lb_listener.front.arn
}

resource "aws_apigatewayv2_route" "all" {
  api_id    = aws_apigatewayv2_api.api.id
  route_key = "$default"
  target    = "integrations/\${aws_apigatewayv2_integration.private.id}"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.api.id
  name        = "$default"
  auto_deploy = true
}
`;

/** A backend that can be stopped and started again on the same port; it answers with its name and the body it got. */
class Backend {
  port = 0;
  #server: Server | undefined;
  constructor(readonly name: string) {}

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => res.writeHead(200, { 'x-backend': this.name }).end(`${this.name}:${Buffer.concat(chunks).toString()}`));
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.#server = server;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('VPC link with three targets: round-robin and passive health', () => {
  const clock = new ManualClock();
  const backends = [new Backend('a'), new Backend('b'), new Backend('c')];
  let portico: Portico;
  let url: string;

  beforeAll(async () => {
    for (const backend of backends) await backend.start();
    portico = await startPortico({
      dir: writeConfig({ 'main.tf': TERRAFORM }),
      port: 0,
      state: ':memory:',
      logLevel: 'silent',
      // The Terraform address as the key: Portico finds the listener ARN it invented for it.
      targets: { 'aws_lb_listener.front': backends.map((backend) => backend.url) },
      clock,
      targetQuarantineMs: 10_000,
    });
    url = `${portico.endpoint}/_aws/execute-api/${portico.apis[0]?.apiId ?? ''}`;
  });

  afterAll(async () => {
    await portico?.stop();
    for (const backend of backends) await backend.stop();
  });

  async function post(n: number): Promise<{ status: number; body: string }> {
    const reply = await send(`${url}/orders`, { method: 'POST', body: `order-${n}`, headers: { 'content-type': 'text/plain' } });
    return { status: reply.status, body: reply.body };
  }

  async function round(count: number): Promise<string[]> {
    const seen: string[] = [];
    for (let i = 0; i < count; i++) {
      const reply = await post(i);
      expect(reply.status).toBe(200);
      // The body reached whichever target answered, even after a refused connection.
      expect(reply.body.endsWith(`:order-${i}`)).toBe(true);
      seen.push(reply.body.split(':')[0] ?? '');
    }
    return seen;
  }

  it('spreads requests round-robin over the three targets', async () => {
    expect(await round(6)).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('a stopped target costs no request: its refusal moves the request on, and it leaves the rotation', async () => {
    await backends[2]?.stop();
    const seen = await round(8);
    expect(seen.filter((name) => name === 'c')).toEqual([]);
    expect(new Set(seen)).toEqual(new Set(['a', 'b']));
  });

  it('is retried after the quarantine (injected clock), and back in the rotation once it answers', async () => {
    clock.advance(10_000);
    // Still down: the one request that tried it again was moved on.
    expect(await round(4)).not.toContain('c');
    await backends[2]?.start();
    // Still inside the new quarantine: no traffic yet.
    expect(await round(4)).not.toContain('c');
    clock.advance(10_000);
    const seen = await round(6);
    expect(seen.filter((name) => name === 'c')).toHaveLength(2);
  });

  it('with every target down the gateway tries them all (fail open) and answers 503 Service Unavailable', async () => {
    for (const backend of backends) await backend.stop();
    const reply = await send(`${url}/orders`);
    expect(reply.status).toBe(503);
    expect(reply.json()).toEqual({ message: 'Service Unavailable' });
    for (const backend of backends) await backend.start();
    // Fail open: with all three out of the rotation, requests still go to them, so service resumes at once.
    expect((await post(1)).status).toBe(200);
  });
});
