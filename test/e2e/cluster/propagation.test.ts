import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateRouteCommand,
  CreateStageCommand,
  GetRoutesCommand,
  ResetAuthorizersCacheCommand,
  UpdateApiCommand,
} from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Portico, startPortico } from '../../../src/index.js';
import { postgresAvailable, testSchema } from '../../support/services.js';
import { startUpstream, type Upstream } from '../../support/upstream.js';

const available = await postgresAvailable();

/** Three in-process nodes on one PostgreSQL schema: what one is told, all serve. */
describe.skipIf(!available)('cluster mode: three nodes on one PostgreSQL store', () => {
  const schema = testSchema();
  const nodes: Portico[] = [];
  let upstream: Upstream;
  const clients: ApiGatewayV2Client[] = [];

  const client = (node: Portico) => {
    const made = new ApiGatewayV2Client({
      endpoint: node.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
    clients.push(made);
    return made;
  };

  beforeAll(async () => {
    upstream = await startUpstream('backend');
    for (const name of ['a', 'b', 'c']) nodes.push(await startPortico({ port: 0, store: schema.url, node: name, logLevel: 'silent' }));
  });
  afterAll(async () => {
    for (const each of clients) each.destroy();
    for (const node of nodes) await node.stop();
    await upstream?.close();
    await schema.drop();
  });

  /** Polls a node until `path` answers 200, returns how long that took. */
  async function servedWithin(node: Portico, apiId: string, path: string, limitMs: number): Promise<number> {
    const started = performance.now();
    for (;;) {
      const response = await fetch(`${node.endpoint}/_aws/execute-api/${apiId}${path}`);
      await response.arrayBuffer();
      const elapsed = performance.now() - started;
      if (response.status === 200) return elapsed;
      if (elapsed > limitMs)
        throw new Error(`${node.endpoint} still answers ${response.status} for ${path} after ${Math.round(elapsed)} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  it('serves on B and C, within a second, an API created through A with the AWS SDK; A serves it when it answers', async () => {
    const [a, b, c] = nodes as [Portico, Portico, Portico];
    const created = await client(a).send(new CreateApiCommand({ Name: 'shared', ProtocolType: 'HTTP', Target: `${upstream.url}/{proxy}` }));
    const apiId = created.ApiId ?? '';
    // The writing node serves the change before it answers.
    const onA = await fetch(`${a.endpoint}/_aws/execute-api/${apiId}/hello`);
    expect(onA.status).toBe(200);
    expect(await servedWithin(b, apiId, '/hello', 1_000)).toBeLessThan(1_000);
    expect(await servedWithin(c, apiId, '/hello', 1_000)).toBeLessThan(1_000);
    const health = (await (await fetch(`${b.endpoint}/_portico/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ready', node: 'b', store: { kind: 'postgres', connected: true } });
    // Prometheus scrapes each node: every series says which.
    const metrics = await (await fetch(`${c.endpoint}/_portico/metrics`)).text();
    expect(metrics).toContain('portico_cluster_store_connected{node="c"} 1');
    expect(metrics).toMatch(new RegExp(`apigateway_count_total\\{node="c",api_id="${apiId}"`));
  });

  it('loses no update when every node writes the same API at once', async () => {
    const [a, b, c] = nodes as [Portico, Portico, Portico];
    const apiId = (await client(a).send(new CreateApiCommand({ Name: 'busy', ProtocolType: 'HTTP' }))).ApiId ?? '';
    await servedRoutes(b, apiId, 0);
    await servedRoutes(c, apiId, 0);
    const writers = [a, b, c].flatMap((node, n) =>
      Array.from({ length: 4 }, (_, i) => client(node).send(new CreateRouteCommand({ ApiId: apiId, RouteKey: `GET /n${n}/r${i}` }))),
    );
    writers.push(client(b).send(new UpdateApiCommand({ ApiId: apiId, Description: 'from b' })) as never);
    const outcomes = await Promise.allSettled(writers);
    const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason as Error);
    // Every write either happened or was answered ConflictException (never silently dropped).
    for (const error of refused) expect(error.name).toBe('ConflictException');
    const accepted = outcomes.length - 1 - refused.length;
    for (const node of [a, b, c]) await servedRoutes(node, apiId, accepted);
    expect(refused.length).toBeLessThan(outcomes.length / 2);
  });

  it('passes ResetAuthorizersCache to every node (authorizer caches stay per node, as on AWS)', async () => {
    const [a, b, c] = nodes as [Portico, Portico, Portico];
    const apiId = (await client(a).send(new CreateApiCommand({ Name: 'authorized', ProtocolType: 'HTTP' }))).ApiId ?? '';
    await client(a).send(new CreateStageCommand({ ApiId: apiId, StageName: 'prod' }));
    const heard = (node: Portico) =>
      new Promise<unknown>((resolve) => {
        const stop = node.controlPlane.onChange((event) => {
          if (event.kind !== 'resetAuthorizersCache') return;
          stop();
          resolve(event);
        });
      });
    const onB = heard(b);
    const onC = heard(c);
    await client(a).send(new ResetAuthorizersCacheCommand({ ApiId: apiId, StageName: 'prod' }));
    expect(await onB).toEqual({ kind: 'resetAuthorizersCache', apiId, stageName: 'prod' });
    expect(await onC).toEqual({ kind: 'resetAuthorizersCache', apiId, stageName: 'prod' });
  });

  async function servedRoutes(node: Portico, apiId: string, count: number): Promise<void> {
    const started = performance.now();
    for (;;) {
      // Until the node heard of the API, it does not know it (NotFoundException).
      const routes = await client(node)
        .send(new GetRoutesCommand({ ApiId: apiId }))
        .catch(() => undefined);
      const seen = routes?.Items?.length;
      if (seen === count) return;
      if (performance.now() - started > 2_000) expect(seen).toBe(count);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
});
