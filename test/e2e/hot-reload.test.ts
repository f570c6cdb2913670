import { writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portico, type ReloadResult, startPortico } from '../../src/server/index.js';
import { writeConfig } from '../fixtures/terraform/temp-config.js';
import { send } from '../support/http.js';

/**
 * `portico up --watch`: edits to the .tf files are applied while requests keep flowing; a request
 * finishes on the deployment it started with; a broken edit is refused whole and reported at its
 * file:line while the last good configuration keeps serving.
 */

interface Backend {
  url: string;
  /** Resolves when a `/held/...` request has arrived and is being held. */
  nextHeld(): Promise<void>;
  release(): void;
  close(): Promise<void>;
}

/** Echoes the path it was asked for; `/held/...` requests wait until the test releases them. */
async function startBackend(): Promise<Backend> {
  const held: ServerResponse[] = [];
  const arrived: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (!(req.url ?? '').startsWith('/held')) return res.writeHead(200, { 'content-type': 'text/plain' }).end(req.url);
      held.push(res);
      for (const resolve of arrived.splice(0)) resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    nextHeld: () => new Promise<void>((resolve) => arrived.push(resolve)),
    release: () => {
      for (const res of held.splice(0)) res.writeHead(200, { 'content-type': 'text/plain' }).end(res.req.url);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Generation n: a route `GET /gen{n}` whose integration URI names the generation, and a stage
 * variable saying it. `hold` sends that route's requests to the backend's holding path.
 */
function terraform(backend: string, generation: number, options: { extra?: string; hold?: boolean } = {}): string {
  return `
resource "aws_apigatewayv2_api" "api" {
  name          = "reloaded"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_integration" "steady" {
  api_id             = aws_apigatewayv2_api.api.id
  integration_type   = "HTTP_PROXY"
  integration_method = "ANY"
  integration_uri    = "${backend}"
}

resource "aws_apigatewayv2_route" "steady" {
  api_id    = aws_apigatewayv2_api.api.id
  route_key = "ANY /steady/{proxy+}"
  target    = "integrations/\${aws_apigatewayv2_integration.steady.id}"
}

resource "aws_apigatewayv2_integration" "generation" {
  api_id             = aws_apigatewayv2_api.api.id
  integration_type   = "HTTP_PROXY"
  integration_method = "GET"
  integration_uri    = "${backend}${options.hold ? '/held' : ''}/generation/${generation}"
}

resource "aws_apigatewayv2_route" "generation" {
  api_id    = aws_apigatewayv2_api.api.id
  route_key = "GET /gen${generation}"
  target    = "integrations/\${aws_apigatewayv2_integration.generation.id}"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.api.id
  name        = "$default"
  auto_deploy = true

  stage_variables = {
    generation = "${generation}"
  }
}
${options.extra ?? ''}`;
}

describe('portico up --watch', () => {
  let backend: Backend;
  let portico: Portico;
  let dir: string;
  let base: string;
  const reloads: ReloadResult[] = [];
  let waiting: ((result: ReloadResult) => void)[] = [];

  /** Resolves with the next reload the watcher runs. */
  const nextReload = () => new Promise<ReloadResult>((resolve) => waiting.push(resolve));
  const save = (text: string) => writeFileSync(join(dir, 'main.tf'), text);

  beforeAll(async () => {
    backend = await startBackend();
    dir = writeConfig({ 'main.tf': terraform(backend.url, 0) });
    portico = await startPortico({
      dir,
      port: 0,
      state: ':memory:',
      logLevel: 'silent',
      watch: { debounceMs: 25 },
      onReload: (result) => {
        reloads.push(result);
        const resolvers = waiting;
        waiting = [];
        for (const resolve of resolvers) resolve(result);
      },
    });
    base = `${portico.endpoint}/_aws/execute-api/${portico.apis[0]?.apiId ?? ''}`;
  });

  afterAll(async () => {
    await portico?.stop();
    await backend?.close();
  });

  async function stageVariable(): Promise<string | undefined> {
    const apiId = portico.apis[0]?.apiId ?? '';
    return portico.controlPlane.run('GetStage', { apiId, stageName: '$default' }).stageVariables?.['generation'];
  }

  it('ten reloads under a steady stream of requests: none fails, and each change takes effect', async () => {
    let streaming = true;
    const failures: string[] = [];
    let served = 0;
    const stream = async () => {
      while (streaming) {
        const reply = await send(`${base}/steady/ping`);
        if (reply.status !== 200 || reply.body !== '/steady/ping') failures.push(`${reply.status} ${reply.body}`);
        served++;
      }
    };
    const workers = [stream(), stream(), stream(), stream()];
    for (let generation = 1; generation <= 10; generation++) {
      const reloaded = nextReload();
      save(terraform(backend.url, generation));
      const result = await reloaded;
      expect(result).toMatchObject({ ok: true, created: [], deleted: [] });
      expect(result.ok && [...result.changed].sort()).toEqual([
        'aws_apigatewayv2_integration.generation',
        'aws_apigatewayv2_route.generation',
        'aws_apigatewayv2_stage.default',
      ]);
      const now = await send(`${base}/gen${generation}`);
      expect(now.status).toBe(200);
      expect(now.body).toBe(`/generation/${generation}`);
      expect((await send(`${base}/gen${generation - 1}`)).status).toBe(404);
      expect(await stageVariable()).toBe(String(generation));
    }
    streaming = false;
    await Promise.all(workers);
    expect(failures).toEqual([]);
    expect(served).toBeGreaterThan(40);
  });

  it('a request in flight finishes on the deployment it started with, even when the reload removed its route', async () => {
    const holding = nextReload();
    save(terraform(backend.url, 10, { hold: true }));
    expect((await holding).ok).toBe(true);
    const held = backend.nextHeld();
    const inFlight = send(`${base}/gen10`);
    await held;
    const removed = nextReload();
    save(terraform(backend.url, 11));
    expect((await removed).ok).toBe(true);
    expect((await send(`${base}/gen10`)).status).toBe(404);
    backend.release();
    const reply = await inFlight;
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('/held/generation/10');
  });

  it('a broken edit is refused with its file:line; the last good configuration keeps serving', async () => {
    const good = (await send(`${base}/gen11`)).status;
    expect(good).toBe(200);
    const syntax = nextReload();
    save(`${terraform(backend.url, 12)}\nresource "aws_apigatewayv2_route" "broken" {\n  api_id = \n`);
    const refused = await syntax;
    expect(refused.ok).toBe(false);
    expect(refused).toMatchObject({ file: expect.stringContaining('main.tf') as unknown });
    expect(refused.ok ? '' : refused.error).toMatch(/main\.tf/);
    expect((await send(`${base}/gen11`)).status).toBe(200);
    expect((await send(`${base}/gen12`)).status).toBe(404);

    // Valid HCL the control plane refuses (a route key without a path): the whole apply rolls back.
    const rejected = nextReload();
    const bad = `resource "aws_apigatewayv2_route" "bad" {\n  api_id    = aws_apigatewayv2_api.api.id\n  route_key = "GET nopath"\n}\n`;
    const text = terraform(backend.url, 12, { extra: bad });
    save(text);
    const refusal = await rejected;
    expect(refusal).toMatchObject({
      ok: false,
      // Reported at the argument the control plane refused, as terraform apply would.
      line: text.split('\n').findIndex((line) => line.includes('GET nopath')) + 1,
      error: expect.stringMatching(
        /main\.tf:\d+: aws_apigatewayv2_route\.bad: BadRequestException: Invalid route key "GET nopath"/,
      ) as unknown,
    });
    expect((await send(`${base}/gen11`)).status).toBe(200);
    expect((await send(`${base}/gen12`)).status).toBe(404);
    expect(await stageVariable()).toBe('11');

    const fixed = nextReload();
    save(terraform(backend.url, 12));
    expect((await fixed).ok).toBe(true);
    expect((await send(`${base}/gen12`)).status).toBe(200);
  });

  it('a burst of saves makes one reload', async () => {
    const before = reloads.length;
    const first = nextReload();
    for (let generation = 13; generation <= 17; generation++) save(terraform(backend.url, generation));
    expect(await first).toMatchObject({ ok: true });
    const second = nextReload();
    writeFileSync(join(dir, 'portico.json'), JSON.stringify({ vars: {} }));
    expect(await second).toMatchObject({ ok: true, created: [], changed: [], deleted: [] });
    expect(reloads.length - before).toBe(2);
    expect((await send(`${base}/gen17`)).status).toBe(200);
  });
});

describe('startPortico().reload()', () => {
  it('applies only the difference and reports it, without a watcher', async () => {
    const backend = await startBackend();
    const dir = writeConfig({ 'main.tf': terraform(backend.url, 1) });
    const portico = await startPortico({ dir, port: 0, state: ':memory:', logLevel: 'silent' });
    try {
      const base = `${portico.endpoint}/_aws/execute-api/${portico.apis[0]?.apiId ?? ''}`;
      expect(await portico.reload()).toMatchObject({ ok: true, created: [], changed: [], deleted: [], targetsChanged: false });
      const extra = `resource "aws_apigatewayv2_route" "extra" {\n  api_id    = aws_apigatewayv2_api.api.id\n  route_key = "GET /extra"\n  target    = "integrations/\${aws_apigatewayv2_integration.steady.id}"\n}\n`;
      writeFileSync(join(dir, 'main.tf'), terraform(backend.url, 1, { extra }));
      expect(await portico.reload()).toMatchObject({ ok: true, created: ['aws_apigatewayv2_route.extra'], changed: [], deleted: [] });
      expect((await send(`${base}/extra`)).body).toBe('/extra');
      writeFileSync(join(dir, 'main.tf'), terraform(backend.url, 1));
      // Calls made while a reload runs share the one after it.
      const [a, b, c] = await Promise.all([portico.reload(), portico.reload(), portico.reload()]);
      expect(a).toMatchObject({ ok: true, deleted: ['aws_apigatewayv2_route.extra'] });
      expect(b).toBe(c);
      expect((await send(`${base}/extra`)).status).toBe(404);
      writeFileSync(join(dir, 'portico.json'), '{"targets": ');
      const refused = await portico.reload();
      expect(refused.ok).toBe(false);
      expect(refused.ok ? '' : refused.error).toMatch(/portico\.json: invalid JSON/);
      expect((await send(`${base}/gen1`)).status).toBe(200);
    } finally {
      await portico.stop();
      await backend.close();
    }
  });
});
